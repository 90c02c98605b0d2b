"""The backup drill: restore the latest backup somewhere new and prove it is whole.

    manage.py backup_drill                                  # newest in var/backups, scratch cluster
    manage.py backup_drill --backup /srv/backups/victimvoice --target-url postgres://.../drill
    manage.py backup_drill --base-backup /srv/backups/base --wal-archive /srv/wal \\
        --target-time "2026-12-06 10:55:00+00"               # point-in-time recovery

Restores into a scratch PostgreSQL cluster started on --port (lib/pgcluster.py; removed
afterwards) or into the empty database --target-url names, then checks: `migrate --check`
finds nothing unapplied, every table has the rows the manifest counted, the encrypted fields
read with this process's FIELD_ENCRYPTION_KEYS (held apart from the backups), and none of
their text is in clear in the dump. Prints `drill restore_seconds: S s` and a result line;
exits 1 when a check fails. With --base-backup, the scratch cluster is made from a base
backup and the WAL archive instead, replayed up to --target-time (there is no manifest to
count against: the other checks run on --database). docs/operations.md, "Backups and
restore".
"""

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from victimvoice.backups import (
    BackupError,
    Database,
    DrillReport,
    check_dump,
    find_backup,
    run_drill,
)
from victimvoice.backups.drill import check_database
from victimvoice.backups.pitr import find_base_backup, recover

DRILL_DATABASE = "victimvoice_drill"


class Command(BaseCommand):
    help = (
        "Restore the latest backup into a scratch cluster and check it (counts, migrations, keys)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--backup",
            default=str(settings.BASE_DIR / "var" / "backups"),
            help="A .dump file (manifest beside it) or a folder whose newest backup is used.",
        )
        parser.add_argument(
            "--target-url",
            default="",
            help="An empty database to restore into, instead of a scratch cluster.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=54329,
            help="Port for the scratch cluster (127.0.0.1 only; default 54329).",
        )
        parser.add_argument(
            "--base-backup",
            default="",
            help="Point-in-time recovery: a base backup (or a folder of base-* backups).",
        )
        parser.add_argument(
            "--wal-archive", default="", help="The folder archive_command copies WAL into."
        )
        parser.add_argument(
            "--target-time",
            default="",
            help="Recover up to this time (with its UTC offset); default: all archived WAL.",
        )
        parser.add_argument(
            "--database",
            default="victimvoice",
            help="With --base-backup: the product's database in the server (default victimvoice).",
        )
        parser.add_argument("--jobs", type=int, default=2, help="pg_restore jobs in parallel.")
        parser.add_argument(
            "--sample", type=int, default=20, help="Values read from each encrypted column."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            if options["base_backup"]:
                report = self._point_in_time(options)
                self._finish(report, started)
                return
            backup = find_backup(Path(options["backup"]))
            check_dump(backup)
            if options["target_url"]:
                report = run_drill(
                    backup,
                    Database.from_url(options["target_url"]),
                    jobs=options["jobs"],
                    sample=options["sample"],
                    checked=True,
                    echo=self.stdout.write,
                )
            else:
                report = self._in_scratch_cluster(backup, options)
        except BackupError as exc:
            self.stdout.write("drill result: FAIL")
            raise CommandError(str(exc)) from exc
        self._finish(report, started)

    def _finish(self, report: DrillReport, started: float) -> None:
        self.stdout.write(f"drill total_seconds: {time.monotonic() - started:.2f} s")
        if not report.passed:
            self.stdout.write(f"drill result: FAIL ({len(report.failures)} problems)")
            raise CommandError("The backup drill failed: " + "; ".join(report.failures))
        self.stdout.write("drill result: PASS")

    def _point_in_time(self, options: dict[str, Any]) -> DrillReport:
        from lib import pgcluster

        if not options["wal_archive"]:
            raise BackupError("--base-backup needs --wal-archive, the folder of archived WAL.")
        base = find_base_backup(Path(options["base_backup"]))
        self.stdout.write(f"drill base backup: {base.name}")
        cluster = pgcluster.ScratchCluster(port=options["port"])
        try:
            seconds, replayed = recover(
                base,
                Path(options["wal_archive"]).resolve(),
                cluster,
                target_time=options["target_time"],
            )
            self.stdout.write(f"drill recovery_seconds: {seconds:.2f} s")
            self.stdout.write(f"drill recovered_to: {replayed}")
            report = DrillReport(echo=self.stdout.write)
            check_database(
                Database.from_url(cluster.url(options["database"])),
                report,
                backup=None,
                sample=options["sample"],
            )
            return report
        finally:
            cluster.remove()

    def _in_scratch_cluster(self, backup: Any, options: dict[str, Any]) -> Any:
        from lib import pgcluster

        if not pgcluster.available():
            raise BackupError(
                "No PostgreSQL server programs here for a scratch cluster (set PG_BINDIR), "
                "or give --target-url."
            )
        begun = time.monotonic()
        with pgcluster.ScratchCluster(port=options["port"]) as cluster:
            cluster.start()
            cluster.execute(f"CREATE DATABASE {DRILL_DATABASE}")
            self.stdout.write(
                f"drill cluster_start_seconds: {time.monotonic() - begun:.2f} s "
                f"(scratch cluster on port {options['port']})"
            )
            return run_drill(
                backup,
                Database.from_url(cluster.url(DRILL_DATABASE)),
                jobs=options["jobs"],
                sample=options["sample"],
                checked=True,
                echo=self.stdout.write,
            )
