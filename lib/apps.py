from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "lib"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django_tasks.signals import task_finished, task_started

        from lib import checks, task_recovery  # noqa: F401  (checks registers the deployment checks)

        # A worker's database session names the task it runs (lib/task_recovery.py).
        task_started.connect(task_recovery.task_started_name_session)
        task_finished.connect(task_recovery.task_finished_name_session)
        connection_created.connect(task_recovery.connection_created_name_session)
