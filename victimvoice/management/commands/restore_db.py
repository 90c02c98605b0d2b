"""Restore a backup made by backup_db into an empty PostgreSQL database.

    manage.py restore_db /srv/backups/victimvoice            # the newest backup there
    manage.py restore_db /srv/backups/victimvoice/victimvoice-20261206T020000Z.dump \\
        --target-url postgres://victimvoice@db2/victimvoice

Checks the dump against its manifest's sha256 first. Refuses a database that already holds
tables unless --replace-existing. Then run `manage.py backup_drill`'s checks, or at least
`manage.py migrate --check`, before pointing the product at it (docs/operations.md).
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimvoice.backups import BackupError, Database, find_backup, restore_database


class Command(BaseCommand):
    help = "Restore a backup (pg_restore) into an empty database; refuses a non-empty one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "backup", help="A .dump file (manifest beside it) or a folder of backups."
        )
        parser.add_argument(
            "--target-url",
            default="",
            help="The database to restore into (default: the product's own, DATABASE_URL).",
        )
        parser.add_argument(
            "--replace-existing",
            action="store_true",
            help="Restore over a database that holds tables: what the backup holds is dropped first.",
        )
        parser.add_argument("--jobs", type=int, default=1, help="pg_restore jobs in parallel.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            database = (
                Database.from_url(options["target_url"])
                if options["target_url"]
                else Database.from_settings(dict(settings.DATABASES["default"]))
            )
            backup = find_backup(Path(options["backup"]))
            seconds = restore_database(
                backup, database, replace=options["replace_existing"], jobs=options["jobs"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restore: {backup.dump.name} into the {database.describe()} "
            f"({backup.rows} rows in {len(backup.manifest['tables'])} tables)"
        )
        self.stdout.write(f"restore restore_seconds: {seconds:.2f} s")
