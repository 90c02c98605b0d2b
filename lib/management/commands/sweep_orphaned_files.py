"""Find, and with --delete remove, stored files that no record points at (lib/storage.py,
docs/files.md): an upload whose transaction failed after the file was written. Files
younger than --older-than-hours are left alone, as their record may not be saved yet."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from lib.storage import orphaned_files, orphaned_files_delete


class Command(BaseCommand):
    help = "List (or --delete) stored files that no record points at."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="Delete them.")
        parser.add_argument("--older-than-hours", type=int, default=24)

    def handle(self, *args: Any, **options: Any) -> None:
        age = timedelta(hours=options["older_than_hours"])
        now = timezone.now()
        if options["delete"]:
            count = orphaned_files_delete(now=now, older_than=age)
            self.stdout.write(f"Deleted {count} stored files that no record points at.")
            return
        names = orphaned_files(now=now, older_than=age)
        for name in names:
            self.stdout.write(name)  # random names: nothing about anyone
        self.stdout.write(f"{len(names)} stored files no record points at (--delete removes them).")
