"""Scheduled background work: the registry, run_scheduler, and the tasks it enqueues."""

import os
import subprocess
import sys
from datetime import datetime, timedelta
from importlib import import_module
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from lib import tasks as lib_tasks
from lib.management.commands.run_scheduler import build_scheduler
from lib.scheduler import SCHEDULE, TIMEZONE, SchedulerLock, job_run_scheduled, job_task
from notify.models import Message
from notify.services import message_send

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

LONDON = ZoneInfo("Europe/London")
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_once(job: str) -> str:
    out = StringIO()
    call_command("run_scheduler", "--once", job, stdout=out)
    return out.getvalue()


def test_every_scheduled_job_names_an_importable_task_taking_no_arguments() -> None:
    names = [name for name, _, _ in SCHEDULE]
    assert len(names) == len(set(names))
    for name, cron, path in SCHEDULE:
        task = job_task(name)
        assert isinstance(task, Task), path
        assert f"{task.module_path}" == path
        CronTrigger(timezone=TIMEZONE, **cron)  # the cron fields are valid


def test_there_is_an_hourly_job_and_a_nightly_purge_at_half_past_two_london_time() -> None:
    triggers = {name: CronTrigger(timezone=TIMEZONE, **cron) for name, cron, _ in SCHEDULE}
    paths = {name: path for name, _, path in SCHEDULE}

    # Hourly: fires within the next hour, then an hour later.
    start = datetime(2026, 3, 10, 12, 0, tzinfo=LONDON)
    hourly = triggers["hourly_clear_expired_sessions"]
    first = hourly.get_next_fire_time(None, start)
    assert first is not None and first - start < timedelta(hours=1)
    assert hourly.get_next_fire_time(first, first + timedelta(seconds=1)) - first == timedelta(
        hours=1
    )

    # Nightly: 02:30 in London in winter (GMT) and in summer (BST).
    assert paths["nightly_purge_expired"] == "privacy.tasks.purge_expired"
    nightly = triggers["nightly_purge_expired"]
    for day in (datetime(2026, 1, 15, 12, tzinfo=LONDON), datetime(2026, 7, 15, 12, tzinfo=LONDON)):
        fire = nightly.get_next_fire_time(None, day)
        assert (fire.astimezone(LONDON).hour, fire.astimezone(LONDON).minute) == (2, 30)


def test_the_scheduler_registers_every_job_in_london_time() -> None:
    scheduler = build_scheduler()
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {name for name, _, _ in SCHEDULE}
    for job in jobs.values():
        assert str(job.trigger.timezone) == "Europe/London"
        assert job.func is job_run_scheduled
        assert job.args == (job.id,)


def test_once_runs_the_nightly_purge_deleting_old_messages_and_keeping_new_ones() -> None:
    old = message_send(
        template="sign_in_code", to_email="old@example.org", personalisation={"code": "1"}
    )
    new = message_send(
        template="sign_in_code", to_email="new@example.org", personalisation={"code": "2"}
    )
    Message.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Message.objects.filter(pk=new.pk).update(created_at=timezone.now() - timedelta(days=6))

    output = run_once("nightly_purge_expired")

    assert "Enqueued nightly_purge_expired" in output
    assert list(Message.objects.values_list("pk", flat=True)) == [new.pk]


def test_once_runs_the_hourly_job_clearing_expired_sessions_only() -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore
    expired, live = store(), store()
    expired.set_expiry(-60)
    expired["x"] = 1
    expired.save()
    live["x"] = 1
    live.save()

    run_once("hourly_clear_expired_sessions")

    keys = set(Session.objects.values_list("session_key", flat=True))
    assert live.session_key in keys
    assert expired.session_key not in keys


def test_once_refuses_a_job_that_does_not_exist() -> None:
    with pytest.raises(CommandError, match="No scheduled job called 'weekly_nonsense'"):
        run_once("weekly_nonsense")


@override_settings(TASKS=DATABASE_TASKS)
def test_with_the_database_backend_once_only_queues_the_task_for_the_worker() -> None:
    old = message_send(
        template="sign_in_code", to_email="old@example.org", personalisation={"code": "1"}
    )
    Message.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    DBTaskResult.objects.all().delete()

    run_once("nightly_purge_expired")

    queued = DBTaskResult.objects.get()
    assert queued.task_path == "privacy.tasks.purge_expired"
    assert queued.status == "READY"
    assert queued.args_kwargs == {"args": [], "kwargs": {}}
    assert Message.objects.filter(pk=old.pk).exists()  # the worker, not the scheduler, purges


@override_settings(TASKS=DATABASE_TASKS)
def test_old_finished_task_records_are_pruned_and_recent_ones_kept() -> None:
    DBTaskResult.objects.all().delete()
    for _ in range(2):
        lib_tasks.clear_expired_sessions.enqueue()
    old, recent = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=20)
    )
    DBTaskResult.objects.filter(pk=recent.pk).update(
        status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=1)
    )

    assert lib_tasks.prune_finished_task_results.call() is True
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]


def test_pruning_task_records_does_nothing_when_tasks_do_not_use_the_database() -> None:
    assert lib_tasks.prune_finished_task_results.call() is False


@override_settings(TASKS=DATABASE_TASKS)
def test_of_two_schedulers_only_the_lock_holder_enqueues_and_the_other_takes_over() -> None:
    DBTaskResult.objects.all().delete()
    # Tests run inside a transaction, which dropping connections (as the scheduler does
    # between jobs, like a request) would end.
    keep = mock.patch("lib.scheduler.close_old_connections")
    keep.start()
    first, second = SchedulerLock(), SchedulerLock()
    try:
        assert first.acquire()
        assert not second.acquire()

        # Both keep time; at the job's time only the holder enqueues.
        assert job_run_scheduled("hourly_clear_expired_sessions", lock=first) is True
        assert job_run_scheduled("hourly_clear_expired_sessions", lock=second) is False
        assert DBTaskResult.objects.count() == 1

        # The holder stops (or dies, or loses its connection): the standby takes over.
        first.release()
        assert job_run_scheduled("hourly_clear_expired_sessions", lock=second) is True
        assert DBTaskResult.objects.count() == 2
        assert not first.acquire()
    finally:
        keep.stop()
        first.release()
        second.release()


def test_a_second_scheduler_process_starts_as_a_standby() -> None:
    """Two real `run_scheduler` processes on the same database: one enqueues, one waits."""
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_ENV": "test"}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    else:
        env.pop("DATABASE_URL", None)  # both use the development file, so one lock file
    command = [sys.executable, "manage.py", "run_scheduler"]
    processes = []
    try:
        for _ in range(2):
            process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            processes.append(process)
            assert process.stdout is not None
            first_line = process.stdout.readline()
            while first_line and not first_line.startswith("Scheduler running"):
                first_line = process.stdout.readline()
            processes[-1].first_line = first_line  # type: ignore[attr-defined]
        lines = [p.first_line for p in processes]  # type: ignore[attr-defined]
        assert "enqueuing" in lines[0], lines
        assert "standby" in lines[1], lines
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
