"""The schedule: which background tasks run when. One registry, read by
`manage.py run_scheduler` (see docs/operations.md).

The scheduler only ENQUEUES tasks (django-tasks, on the database); `manage.py db_worker`
runs them. Every scheduled task takes no arguments, is safe to re-run, and must not rely
on running exactly once: a missed run is simply done next time.

To add a job, append a row: (job name, cron fields for APScheduler's CronTrigger in
Europe/London time, dotted path of a django-tasks task).
"""

import contextlib
import fcntl
import logging
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.module_loading import import_string
from django_tasks import TaskResult
from django_tasks.base import Task

TIMEZONE = "Europe/London"
logger = logging.getLogger(__name__)

ScheduledJob = tuple[str, dict[str, Any], str]

SCHEDULE: list[ScheduledJob] = [
    # Every minute: messages due another try after Notify was down or busy, or whose
    # delivery task never ran (notify/services.py).
    ("minutely_retry_messages", {"minute": "*"}, "notify.tasks.retry_due_messages"),
    # Every minute: tasks whose worker died mid-task, enqueued again (lib/task_recovery.py).
    ("minutely_recover_tasks", {"minute": "*"}, "lib.tasks.recover_abandoned_tasks"),
    # Hourly housekeeping.
    ("hourly_clear_expired_sessions", {"minute": 5}, "lib.tasks.clear_expired_sessions"),
    # Nightly, in the quiet hours (02:30 London time, also on clock-change nights).
    # Every retention rule (privacy/retention.py): messages, task records, the audit log, ...
    ("nightly_purge_expired", {"hour": 2, "minute": 30}, "privacy.tasks.purge_expired"),
    # The Victim Focus Desk's compliance figures of the closed months (desk/services/rollup.py).
    (
        "nightly_desk_compliance_rollup",
        {"hour": 3, "minute": 15},
        "desk.tasks.build_compliance_rollup",
    ),
    # Each morning: reminders of forum meetings in the next few days (forums/services/meetings.py).
    ("daily_meeting_reminders", {"hour": 9, "minute": 0}, "forums.tasks.send_meeting_reminders"),
    # --- The feedback loop (insights, reports) ---
    # The 1st of each month: last month's reports, per forum and across all (reports/tasks.py).
    (
        "monthly_reports",
        {"day": 1, "hour": 6, "minute": 0},
        "reports.tasks.generate_monthly_reports",
    ),
    # Each morning: the Head of Profession hears how many police responses are overdue.
    (
        "daily_overdue_recommendations",
        {"hour": 8, "minute": 0},
        "insights.tasks.recommendations.send_overdue_summary",
    ),
    # Each morning: refresh the "You said, we did" item on each forum's next meeting and
    # send members their digest (at most one per six weeks each; insights/services/yousaid.py).
    (
        "daily_you_said_we_did",
        {"hour": 10, "minute": 15},
        "insights.tasks.yousaid.send_you_said_we_did",
    ),
    # --- Post-contact feedback (feedback, dashboards) ---
    # Every 5 minutes: new responses, invitations and released comments into the dashboard
    # rollups (dashboards/services.py; safe to re-run, a missed run is caught up).
    ("dashboard_rollups", {"minute": "*/5"}, "dashboards.tasks.refresh_rollups"),
    # --- The engagement register (engagement) ---
    # Each morning: one reminder of an invitation unanswered three days on, while the
    # opportunity is open (engagement/services/invitations.py; a text outside someone's
    # safe times waits for the next run).
    (
        "daily_engagement_invitation_reminders",
        {"hour": 10, "minute": 30},
        "engagement.tasks.send_invitation_reminders",
    ),
    # Each morning: remind partners to say what they changed, 7 days before it is due.
    (
        "daily_engagement_what_changed_reminders",
        {"hour": 9, "minute": 20},
        "engagement.tasks.send_what_changed_reminders",
    ),
    # Every hour: remind people with a booked place the day before, once each, when a
    # channel is safe for them (engagement/services/booking.py).
    (
        "hourly_engagement_booking_reminders",
        {"minute": 20},
        "engagement.tasks.send_booking_reminders",
    ),
    # Each day: ask participants inactive for two years whether to stay, and take off the
    # register those who did not answer in time (engagement/services/housekeeping.py).
    (
        "daily_engagement_stay_questions",
        {"hour": 11, "minute": 10},
        "engagement.tasks.ask_inactive_whether_to_stay",
    ),
]


def job_names() -> list[str]:
    return [name for name, _, _ in SCHEDULE]


def job_task(name: str) -> Task[Any, Any]:
    for job_name, _, path in SCHEDULE:
        if job_name == name:
            task = import_string(path)
            if not isinstance(task, Task):
                raise TypeError(f"{path} is not a django-tasks task.")
            return task
    raise KeyError(f"No scheduled job called {name!r}. Jobs: {', '.join(job_names())}.")


def job_enqueue(name: str) -> TaskResult[Any]:
    """Enqueue the task of the job called `name` (no arguments: scheduled tasks take none)."""
    return job_task(name).enqueue()


class SchedulerLock:
    """Only one scheduler of an installation enqueues: the one holding this lock.

    Every `run_scheduler` process keeps time, but at each job's time it enqueues only if
    it holds the lock or can take it. On PostgreSQL the lock is a session advisory lock on
    a connection of its own, so it is shared by every machine using the database and freed
    when its holder dies (or loses its connection, as in a database restart): a second
    scheduler started on another machine waits as a standby and takes over at its next
    job. On SQLite (one machine) it is an exclusive lock on a file beside the database.
    """

    # Any fixed 64-bit number, the same in every process: "VVSCHED" in ASCII.
    ADVISORY_KEY = 0x5656534348454400

    def __init__(self) -> None:
        self._connection: BaseDatabaseWrapper | None = None
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """True when this process holds the lock (taking it if it is free)."""
        if connections["default"].vendor == "postgresql":
            return self._acquire_advisory()
        return self._acquire_file()

    def _acquire_advisory(self) -> bool:
        if self._connection is not None:
            try:
                with self._connection.cursor() as cursor:
                    cursor.execute("SELECT 1")
                return True
            except DatabaseError:
                # The connection (and with it the lock) was lost: try to take it again.
                self.release()
        connection = connections.create_connection("default")
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [self.ADVISORY_KEY])
                taken = bool(cursor.fetchone()[0])
        except DatabaseError:
            taken = False
        if taken:
            self._connection = connection
        else:
            connection.close()
        return taken

    def _acquire_file(self) -> bool:
        if self._file is not None:
            return True
        database = Path(str(settings.DATABASES["default"]["NAME"]))
        if database.is_absolute():
            path = database.with_name(f"{database.name}.scheduler-lock")
        else:  # an in-memory database (tests)
            path = Path(settings.BASE_DIR) / "var" / "scheduler.lock"
            path.parent.mkdir(exist_ok=True)
        handle = path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(DatabaseError):
                self._connection.close()
            self._connection = None
        if self._file is not None:
            self._file.close()  # closing the file frees its lock
            self._file = None


def job_run_scheduled(name: str, lock: SchedulerLock | None = None) -> bool:
    """What the long-running scheduler calls at each job's time: enqueue the job's task if
    this scheduler holds the lock (or takes it now). Like a request, it starts and ends by
    dropping database connections that have broken or outlived CONN_MAX_AGE. True when it
    enqueued."""
    close_old_connections()
    try:
        if lock is not None and not lock.acquire():
            logger.info("Scheduler standby: another scheduler enqueues %s.", name)
            return False
        job_enqueue(name)
        return True
    finally:
        close_old_connections()
