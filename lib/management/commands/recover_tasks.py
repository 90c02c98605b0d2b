"""Enqueue again the background tasks whose worker died (lib/task_recovery.py).

The scheduler does this every minute for tasks past TASK_LEASE_MINUTES. An operator who
knows a worker has just died (a machine lost, a worker killed) can run it at once with a
shorter lease: on PostgreSQL a task whose worker is alive is never touched, whatever the
lease. See docs/operations.md, "When a worker dies".
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lib.task_recovery import task_recover_abandoned, tasks_abandoned


class Command(BaseCommand):
    help = "Enqueue again the background tasks whose worker died."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--lease-minutes",
            type=float,
            default=None,
            help="Count a task as abandoned once it has run this long (default: TASK_LEASE_MINUTES).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List the abandoned tasks; change nothing."
        )

    def handle(
        self, *args: Any, lease_minutes: float | None, dry_run: bool, **options: Any
    ) -> None:
        lease = None if lease_minutes is None else timedelta(minutes=lease_minutes)
        if dry_run:
            for result in tasks_abandoned(lease=lease):
                self.stdout.write(f"{result.id} {result.task_path} started {result.started_at:%c}")
            return
        outcome = task_recover_abandoned(lease=lease)
        self.stdout.write(
            f"{outcome['abandoned']} abandoned task(s), {outcome['enqueued']} enqueued again."
        )
