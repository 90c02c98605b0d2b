from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"

    def ready(self) -> None:
        from lib import checks  # noqa: F401  (registers the deployment checks)
