"""The sweeper of tasks whose worker died (lib/task_recovery.py): what it counts as
abandoned, what it does with them. Real worker processes killed mid-task:
tests/project/test_worker_kill.py."""

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lib import task_recovery
from lib.scheduler import job_task
from lib.task_recovery import WORKER_LOST, task_recover_abandoned
from notify.tasks import deliver_message

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_tasks() -> Iterator[None]:
    with override_settings(TASKS=DATABASE_TASKS, TASK_LEASE_MINUTES=15):
        yield


def running_task(*, minutes: float, message_id: int = 41) -> DBTaskResult:
    """A delivery task a worker took `minutes` ago (as db_worker's claim leaves it)."""
    result = DBTaskResult.objects.get(id=deliver_message.enqueue(message_id).id)
    result.claim("worker-1")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(minutes=minutes)
    )
    return result


def test_a_task_running_past_its_lease_with_no_worker_is_failed_and_enqueued_again() -> None:
    lost = running_task(minutes=16)
    recent = running_task(minutes=5, message_id=42)

    assert task_recover_abandoned() == {"abandoned": 1, "enqueued": 1}

    lost.refresh_from_db()
    assert lost.status == "FAILED"
    assert lost.exception_class_path == WORKER_LOST
    again = DBTaskResult.objects.exclude(pk__in=[lost.pk, recent.pk]).get()
    assert again.status == "READY"
    assert again.task_path == "notify.tasks.deliver_message"
    assert again.args_kwargs == {"args": [41], "kwargs": {}}
    assert (again.queue_name, again.priority) == (lost.queue_name, lost.priority)
    assert DBTaskResult.objects.ready().filter(pk=again.pk).exists()
    # The one within its lease is left running.
    recent.refresh_from_db()
    assert recent.status == "RUNNING"

    # Running the sweeper again finds nothing more to do.
    assert task_recover_abandoned() == {"abandoned": 0, "enqueued": 0}
    assert DBTaskResult.objects.count() == 3


def test_a_task_that_keeps_killing_its_workers_is_left_for_an_operator(
    caplog: pytest.LogCaptureFixture,
) -> None:
    for _ in range(task_recovery.MAX_RECOVERIES):
        running_task(minutes=20)
        assert task_recover_abandoned()["enqueued"] == 1
        DBTaskResult.objects.ready().delete()  # the rerun, taken by a worker that dies too
    running_task(minutes=20)
    assert task_recover_abandoned() == {"abandoned": 1, "enqueued": 0}
    assert not DBTaskResult.objects.ready().exists()
    assert "lost its worker 4 times in a day; not enqueued again" in caplog.text
    # Other arguments are another task.
    running_task(minutes=20, message_id=99)
    assert task_recover_abandoned() == {"abandoned": 1, "enqueued": 1}


def test_the_sweeper_is_scheduled_every_minute_and_an_operator_can_run_it() -> None:
    assert job_task("minutely_recover_tasks").module_path == "lib.tasks.recover_abandoned_tasks"
    running_task(minutes=3)
    out = StringIO()
    call_command("recover_tasks", "--lease-minutes", "2", "--dry-run", stdout=out)
    assert "notify.tasks.deliver_message" in out.getvalue()
    assert not DBTaskResult.objects.failed().exists()
    call_command("recover_tasks", stdout=out)  # the 15-minute lease: not yet
    assert not DBTaskResult.objects.failed().exists()
    job_task("minutely_recover_tasks").call()
    assert not DBTaskResult.objects.failed().exists()
    call_command("recover_tasks", "--lease-minutes", "2", stdout=out)
    assert "1 abandoned task(s), 1 enqueued again." in out.getvalue()
    assert DBTaskResult.objects.failed().count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's sessions")
def test_on_postgresql_a_task_whose_worker_is_alive_is_never_taken_from_it() -> None:
    alive = running_task(minutes=120)
    dead = running_task(minutes=120, message_id=42)
    # Another session (as a db_worker's, named when it started the task) running `alive`.
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, application_name=f"vv-task:{alive.id}"):
        assert task_recover_abandoned() == {"abandoned": 1, "enqueued": 1}
    alive.refresh_from_db()
    dead.refresh_from_db()
    assert (alive.status, dead.status) == ("RUNNING", "FAILED")
