"""Backing up (pg_dump with a manifest) and restoring (pg_restore into an empty database)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .database import (
    BackupError,
    Database,
    migration_heads,
    program,
    relation_count,
    row_counts,
    run_program,
    sha256_of,
)

MANIFEST_FORMAT = 1
PREFIX = "victimvoice-"

# Backing up ---------------------------------------------------------------------------------


@dataclass
class Backup:
    dump: Path
    manifest_path: Path
    manifest: dict[str, Any]

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


def _private_file(path: Path) -> None:
    """Create an empty file only its owner can read: the dump holds personal data (the
    encrypted columns are tokens, but names of staff, dates and free text are not)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    path.chmod(0o600)


def backup_database(database: Database, out_dir: Path, *, now: datetime | None = None) -> Backup:
    """Dump `database` to out_dir/victimvoice-<UTC time>.dump with its manifest beside it.

    The counts and migration heads are read in the snapshot pg_dump dumps (exported from
    this connection's transaction), so they match the dump exactly while the product keeps
    writing. The dump is written under a .partial name and renamed when complete; the
    manifest is written last, so a manifest always names a whole dump.
    """
    now = now or datetime.now(UTC)
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = PREFIX + now.strftime("%Y%m%dT%H%M%SZ")
    dump = out_dir / f"{stem}.dump"
    partial = out_dir / f"{stem}.dump.partial"
    manifest_path = out_dir / f"{stem}.json"
    _private_file(partial)
    started = time.monotonic()
    with database.connect(autocommit=False) as conn:
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot_row = conn.execute("SELECT pg_export_snapshot()").fetchone()
        assert snapshot_row is not None
        pg_dump = subprocess.Popen(  # noqa: S603 - pg_dump, arguments of our own
            [
                program("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot_row[0]}",
                f"--file={partial}",
                f"--dbname={database.name}",
            ],
            env=database.libpq_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            tables = row_counts(conn)
            heads = migration_heads(conn)
            server_version = str(conn.info.server_version)
        except BaseException:
            pg_dump.kill()
            pg_dump.wait()
            partial.unlink(missing_ok=True)
            raise
        _, errors = pg_dump.communicate()
        conn.rollback()
    if pg_dump.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {errors.strip()}")
    seconds = time.monotonic() - started
    partial.rename(dump)
    manifest = {
        "format": MANIFEST_FORMAT,
        "product": "victimvoice",
        "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "database": database.name,
        "server_version_num": server_version,
        "pg_dump": _version(program("pg_dump")),
        "dump": {"file": dump.name, "bytes": dump.stat().st_size, "sha256": sha256_of(dump)},
        "dump_seconds": round(seconds, 3),
        "migrations": heads,
        "tables": tables,
        "keys": "Not in this backup: FIELD_ENCRYPTION_KEYS are kept in the secret store.",
    }
    tmp = manifest_path.with_suffix(".json.partial")
    _private_file(tmp)
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    tmp.rename(manifest_path)
    return Backup(dump=dump, manifest_path=manifest_path, manifest=manifest)


def _version(path: str) -> str:
    done = subprocess.run(  # noqa: S603 - a PostgreSQL program's --version
        [path, "--version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


def backups_in(folder: Path) -> list[Backup]:
    """The complete backups in `folder`, oldest first (a manifest and the dump it names)."""
    found = []
    for manifest_path in sorted(folder.glob(f"{PREFIX}*.json")):
        manifest = json.loads(manifest_path.read_text())
        dump = folder / manifest["dump"]["file"]
        if dump.exists():
            found.append(Backup(dump=dump, manifest_path=manifest_path, manifest=manifest))
    return found


def find_backup(where: Path) -> Backup:
    """The backup at `where`: a .dump file (its manifest beside it), or the newest in a folder."""
    if not where.exists():
        raise BackupError(f"{where} does not exist: give a backup folder or a .dump file.")
    if where.is_dir():
        found = backups_in(where)
        if not found:
            raise BackupError(f"No backups in {where} (a victimvoice-*.json beside its dump).")
        return found[-1]
    manifest_path = where.with_suffix(".json")
    if not manifest_path.exists():
        raise BackupError(
            f"{where} is not a dump with its manifest ({manifest_path.name}) beside it."
        )
    return Backup(
        dump=where, manifest_path=manifest_path, manifest=json.loads(manifest_path.read_text())
    )


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; returns the dumps removed."""
    removed = []
    found = backups_in(folder)
    for old in found[: max(0, len(found) - keep)]:
        old.dump.unlink()
        old.manifest_path.unlink()
        removed.append(old.dump)
    return removed


def check_dump(backup: Backup) -> None:
    """Refuse a dump whose bytes are not the ones its manifest recorded (cut short, altered)."""
    expected = backup.manifest["dump"]["sha256"]
    if sha256_of(backup.dump) != expected:
        raise BackupError(
            f"{backup.dump.name} does not match its manifest's sha256: the file is damaged or "
            "incomplete. Use an older backup."
        )


# Restoring ----------------------------------------------------------------------------------


def restore_database(
    backup: Backup,
    database: Database,
    *,
    replace: bool = False,
    jobs: int = 1,
    checked: bool = False,
) -> float:
    """pg_restore the dump into `database`, then ANALYZE; returns the seconds taken.

    Refuses a database that already holds tables, views or sequences unless `replace`,
    when pg_restore drops the objects it restores first (--clean). Objects are owned by the
    role connecting (--no-owner): connect as the product's own role.
    """
    if not checked:
        check_dump(backup)
    existing = relation_count(database)
    if existing and not replace:
        raise BackupError(
            f"The {database.describe()} is not empty ({existing} tables, views or sequences): "
            "restore into a new, empty database, or pass --replace-existing to drop what "
            "the backup holds and restore over it."
        )
    started = time.monotonic()
    args = [
        program("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        f"--jobs={max(1, jobs)}",
        f"--dbname={database.name}",
    ]
    if replace:
        args += ["--clean", "--if-exists"]
    run_program([*args, str(backup.dump)], database)
    with database.connect() as conn:
        conn.execute("ANALYZE")
    return time.monotonic() - started
