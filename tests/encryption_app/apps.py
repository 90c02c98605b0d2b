from django.apps import AppConfig


class EncryptionAppConfig(AppConfig):
    """A test-only app (installed when DJANGO_ENV=test) with a model that has encrypted fields."""

    name = "tests.encryption_app"
    label = "encryption_app"
    default_auto_field = "django.db.models.BigAutoField"
