"""Back up the product's PostgreSQL database: a pg_dump in custom format and its manifest.

    manage.py backup_db --output-dir /srv/backups/victimvoice --keep 14
    manage.py backup_db --base --output-dir /srv/backups/victimvoice/base   # pg_basebackup

Run nightly (docs/operations.md, "Backups and restore"). The dump holds encrypted fields
as tokens only; FIELD_ENCRYPTION_KEYS are never written to the backup.
"""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimvoice.backups import BackupError, Database, backup_database, prune
from victimvoice.backups.pitr import prune_base_backups, take_base_backup


class Command(BaseCommand):
    help = "Dump the database (pg_dump, custom format) with a manifest beside it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            default=str(settings.BASE_DIR / "var" / "backups"),
            help="Folder for the dump and its manifest (default var/backups).",
        )
        parser.add_argument(
            "--database-url",
            default="",
            help="The database to back up (default: the product's own, DATABASE_URL).",
        )
        parser.add_argument(
            "--base",
            action="store_true",
            help="Take a base backup of the whole server (pg_basebackup) instead of a dump, "
            "for point-in-time recovery with the WAL archive.",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Afterwards, remove all but this many newest backups (dumps, or with --base "
            "base backups) in the folder (0 keeps all).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            database = (
                Database.from_url(options["database_url"])
                if options["database_url"]
                else Database.from_settings(dict(settings.DATABASES["default"]))
            )
            if options["base"]:
                started = time.monotonic()
                base = take_base_backup(database, Path(options["output_dir"]))
                self.stdout.write(f"backup: base backup {base}")
                self.stdout.write(f"backup base_seconds: {time.monotonic() - started:.2f} s")
                if options["keep"] > 0:
                    gone = prune_base_backups(base.parent, options["keep"])
                    self.stdout.write(f"backup: removed {len(gone)} older base backups")
                return
            backup = backup_database(database, Path(options["output_dir"]))
            removed = prune(backup.dump.parent, options["keep"]) if options["keep"] > 0 else []
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = backup.manifest
        self.stdout.write(
            f"backup: {backup.dump} ({manifest['dump']['bytes']} bytes, "
            f"{len(manifest['tables'])} tables, {backup.rows} rows), manifest "
            f"{backup.manifest_path.name}"
        )
        self.stdout.write(f"backup dump_seconds: {manifest['dump_seconds']:.2f} s")
        if removed:
            self.stdout.write(f"backup: removed {len(removed)} older backups")
