"""Run the schedule in lib/scheduler.py: each job enqueues its task for `db_worker`.

manage.py run_scheduler                 # run for ever (one process per installation)
manage.py run_scheduler --once JOBNAME  # enqueue one job now and exit (cron, systemd timers)
manage.py run_scheduler --list          # print the jobs and when they run
"""

import logging
import signal
from argparse import ArgumentParser
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.core.management.base import BaseCommand, CommandError

from lib.scheduler import (
    SCHEDULE,
    TIMEZONE,
    SchedulerLock,
    job_enqueue,
    job_names,
    job_run_scheduled,
)

logger = logging.getLogger(__name__)


def build_scheduler(lock: SchedulerLock | None = None) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=TIMEZONE)
    for name, cron, _path in SCHEDULE:
        scheduler.add_job(
            job_run_scheduled,
            trigger=CronTrigger(timezone=TIMEZONE, **cron),
            args=[name],
            kwargs={"lock": lock},
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,  # after downtime, run a missed job once, not once per missed time
            misfire_grace_time=60 * 60,
        )
    return scheduler


class Command(BaseCommand):
    help = "Enqueue the scheduled background tasks (hourly and nightly) at their times."

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--once", metavar="JOBNAME", help="Enqueue this job's task now and exit."
        )
        group.add_argument(
            "--list",
            dest="list_jobs",
            action="store_true",
            help="List the jobs and their next run times.",
        )

    def handle(
        self, *args: Any, once: str | None = None, list_jobs: bool = False, **options: Any
    ) -> None:
        if once:
            if once not in job_names():
                raise CommandError(
                    f"No scheduled job called {once!r}. Jobs: {', '.join(job_names())}."
                )
            result = job_enqueue(once)
            self.stdout.write(f"Enqueued {once} (task {result.id}, status {result.status}).")
            return

        if list_jobs:
            for name, cron, path in SCHEDULE:
                trigger = CronTrigger(timezone=TIMEZONE, **cron)
                self.stdout.write(f"{name}: {path} at {trigger} ({TIMEZONE})")
            return

        lock = SchedulerLock()
        scheduler = build_scheduler(lock)

        def stop(signum: int, frame: Any) -> None:
            scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        role = (
            "enqueuing"
            if lock.acquire()
            else "standby: another scheduler holds the lock; this one takes over if it stops"
        )
        self.stdout.write(
            f"Scheduler running ({TIMEZONE}, {role}): {', '.join(job_names())}. "
            "Tasks run in db_worker."
        )
        try:
            scheduler.start()
        finally:
            lock.release()
