"""Background tasks whose worker died: found, and run again.

`manage.py db_worker` (django-tasks-db) marks a task RUNNING when it takes it, and
SUCCESSFUL or FAILED when it ends. A worker killed in between (SIGKILL, out of memory, a
machine lost) leaves the task RUNNING for ever: the library has no lease of its own. The
sweeper (`task_recover_abandoned`, scheduled every minute in lib/scheduler.py, or
`manage.py recover_tasks`) finds such tasks, marks each FAILED with `WorkerLost` and
enqueues the same task with the same arguments again, in one transaction, through
django-tasks itself.

How it knows a worker is gone. On PostgreSQL, while a worker runs a task, its database
session carries the task's id as its application_name (set here when the task starts, and
again on any new connection the task opens; pg_stat_activity shows it): a task running
longer than TASK_LEASE_MINUTES whose id no session carries has lost its worker. A worker
that is alive, however long its task takes, is left alone. Elsewhere (SQLite, in
development) nothing shows a worker is alive, and a task running past its lease is taken
to have lost it.

Every task is written to be safe to run twice (docs/operations.md, "When a worker dies"):
a message is never sent twice, a purge finishes what is left, a report is built once. A
task that has lost its worker MAX_RECOVERIES times in a day is not enqueued again: it is
logged as an error for an operator, since something in it is killing its workers.
"""

from __future__ import annotations

import contextlib
import logging
from contextvars import ContextVar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils import timezone
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# A worker's database session is named "vv-task:<task id>" while it runs that task.
TAG_PREFIX = "vv-task:"
IDLE_TAG = "vv-worker"
MAX_RECOVERIES = 3
RECOVERY_WINDOW = timedelta(days=1)

_running: ContextVar[str | None] = ContextVar("running_task_tag", default=None)


class WorkerLost(Exception):  # noqa: N818 - what is recorded on the task, read by operators
    """The worker running this task stopped before the task ended; it was enqueued again."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


def _alias() -> str:
    return router.db_for_write(DBTaskResult)


def _lease() -> timedelta:
    return timedelta(minutes=settings.TASK_LEASE_MINUTES)


# Naming a worker's session ---------------------------------------------------------------


def _name_session(connection: BaseDatabaseWrapper, name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('application_name', %s, false)", [name])


def _on_database(task_result: Any) -> bool:
    try:
        return isinstance(task_backends[task_result.backend], DatabaseBackend)
    except Exception:  # noqa: BLE001 - an unknown backend is simply not ours to name
        return False


def task_started_name_session(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """When a db_worker starts a task, name its PostgreSQL session after the task."""
    if not _on_database(task_result):
        return
    _running.set(f"{TAG_PREFIX}{task_result.id}")
    connection = connections[_alias()]
    if connection.vendor == "postgresql":
        _name_session(connection, f"{TAG_PREFIX}{task_result.id}")


def task_finished_name_session(sender: Any, task_result: Any, **kwargs: Any) -> None:
    if _running.get() is None:
        return
    _running.set(None)
    connection = connections[_alias()]
    if connection.vendor == "postgresql" and connection.connection is not None:
        # A broken connection is closed by the worker's next round anyway.
        with contextlib.suppress(DatabaseError):
            _name_session(connection, IDLE_TAG)


def connection_created_name_session(
    sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any
) -> None:
    """A task that opens a new connection (the old one dropped) names it too."""
    name = _running.get()
    if name is not None and connection.vendor == "postgresql" and connection.alias == _alias():
        _name_session(connection, name)


# Finding and recovering ------------------------------------------------------------------


def tasks_running_on_live_sessions() -> set[str] | None:
    """The ids of the tasks some database session says it is running; None where the
    database cannot tell (anything but PostgreSQL)."""
    connection = connections[_alias()]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT application_name FROM pg_stat_activity WHERE application_name LIKE %s",
            [TAG_PREFIX + "%"],
        )
        return {str(name).removeprefix(TAG_PREFIX) for (name,) in cursor.fetchall()}


def tasks_abandoned(
    *, now: datetime | None = None, lease: timedelta | None = None
) -> list[DBTaskResult]:
    """Tasks RUNNING for longer than the lease (TASK_LEASE_MINUTES unless given) whose
    worker is gone, oldest first."""
    now = now or timezone.now()
    lease = _lease() if lease is None else lease
    live = tasks_running_on_live_sessions()
    running = (
        DBTaskResult.objects.using(_alias())
        .running()
        .filter(started_at__lt=now - lease)
        .order_by("started_at")
    )
    return [result for result in running if live is None or str(result.id) not in live]


def task_recover(*, result_id: Any, now: datetime | None = None) -> str | None:
    """Mark one abandoned task FAILED (WorkerLost) and enqueue it again, in one
    transaction. Returns the new task's id, or None when the task was left as it is (it
    ended meanwhile, or it has lost its worker too often, or its code is gone)."""
    now = now or timezone.now()
    using = _alias()
    with transaction.atomic(using=using):
        result = (
            DBTaskResult.objects.using(using)
            .select_for_update(skip_locked=True)
            .filter(pk=result_id)
            .running()
            .first()
        )
        if result is None:
            return None
        result.set_failed(
            WorkerLost(f"Its worker stopped before it ended; found at {now.isoformat()}.")
        )
        lost = (
            DBTaskResult.objects.using(using)
            .failed()
            .filter(
                task_path=result.task_path,
                args_kwargs=result.args_kwargs,
                exception_class_path=WORKER_LOST,
                finished_at__gte=now - RECOVERY_WINDOW,
            )
            .count()
        )
        if lost > MAX_RECOVERIES:
            logger.error(
                "Task %s (%s) lost its worker %s times in a day; not enqueued again.",
                result.id,
                result.task_path,
                lost,
            )
            return None
        try:
            task = result.task
        except ImportError:
            logger.exception("Task %s (%s) no longer exists.", result.id, result.task_path)
            return None
        # Same queue, priority and backend; its run_after (if any) has passed already.
        retry = task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    logger.warning(
        "Task %s (%s) lost its worker; enqueued again as %s.",
        result.id,
        result.task_path,
        retry.id,
    )
    return str(retry.id)


def task_recover_abandoned(
    *, now: datetime | None = None, lease: timedelta | None = None
) -> dict[str, int]:
    """Enqueue again every task whose worker died (see the module's docstring). Safe to
    run at any time, on any number of machines at once (each task is locked while it is
    recovered, and only a task still RUNNING is). How many were found and re-enqueued."""
    now = now or timezone.now()
    found = tasks_abandoned(now=now, lease=lease)
    recovered = sum(1 for result in found if task_recover(result_id=result.pk, now=now))
    return {"abandoned": len(found), "enqueued": recovered}
