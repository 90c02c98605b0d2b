"""Housekeeping tasks that belong to no single app. Scheduled in lib/scheduler.py."""

import logging
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks_db import DatabaseBackend

logger = logging.getLogger(__name__)


@task()
def clear_expired_sessions() -> None:
    """Delete sessions past their expiry date (Django does not do it by itself)."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    logger.info("Cleared expired sessions.")


@task()
def prune_finished_task_results() -> bool:
    """Delete the records of background tasks that finished more than 14 days ago.

    They hold only task names and ids, but nothing else would ever remove them. Does
    nothing (returns False) when tasks do not run on the database backend.
    """
    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return False
    call_command("prune_db_task_results", "--queue-name", "*", "--min-age-days", "14", verbosity=0)
    return True


@task()
def recover_abandoned_tasks() -> dict[str, int]:
    """Every minute: enqueue again the tasks whose worker died (lib/task_recovery.py).
    Does nothing when tasks do not run on the database backend."""
    from lib.task_recovery import task_recover_abandoned

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return {}
    return task_recover_abandoned()
