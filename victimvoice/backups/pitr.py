"""Point-in-time recovery: a base backup (pg_basebackup) and the WAL archive that the
server's archive_command fills, replayed into a scratch cluster up to a chosen time.

The nightly dump loses up to a day; with the WAL archived as it is written (and
archive_timeout = 300 so a quiet server still sends a segment every five minutes), a restore
loses at most the last five minutes. docs/operations.md, "Backups and restore".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from lib.pgcluster import ScratchCluster

from .database import BackupError, Database, program, run_program

BASE_PREFIX = "base-"


def take_base_backup(database: Database, out_dir: Path, *, now: datetime | None = None) -> Path:
    """pg_basebackup of the server `database` lives on, as out_dir/base-<UTC time>/ (tar,
    gzip, with the WAL it needs to be consistent). The role needs the REPLICATION right."""
    now = now or datetime.now(UTC)
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = out_dir / (BASE_PREFIX + now.strftime("%Y%m%dT%H%M%SZ"))
    run_program(
        [
            program("pg_basebackup"),
            f"--pgdata={target}",
            "--format=tar",
            "--gzip",
            "--wal-method=stream",
            "--checkpoint=fast",
        ],
        database,
    )
    target.chmod(0o700)
    for path in target.iterdir():
        path.chmod(0o600)
    return target


def find_base_backup(where: Path) -> Path:
    """`where` itself when it is a base backup, else the newest base-* folder in it."""
    if any((where / name).exists() for name in ("base.tar.gz", "base.tar", "PG_VERSION")):
        return where
    found = sorted(p for p in where.glob(f"{BASE_PREFIX}*") if p.is_dir())
    if not found:
        raise BackupError(f"No base backup in {where} (a base-* folder from pg_basebackup).")
    return found[-1]


def prune_base_backups(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` base backups; returns the folders removed. (Then
    remove the WAL older than the oldest one kept: pg_archivecleanup, docs/operations.md.)"""
    found = sorted(p for p in folder.glob(f"{BASE_PREFIX}*") if p.is_dir())
    removed = found[: max(0, len(found) - keep)]
    for old in removed:
        shutil.rmtree(old)
    return removed


def _unpack(base: Path, datadir: Path) -> None:
    datadir.mkdir(mode=0o700)
    if (base / "PG_VERSION").exists():
        shutil.copytree(base, datadir, dirs_exist_ok=True)
        return
    for name, into in (("base", datadir), ("pg_wal", datadir / "pg_wal")):
        for suffix in (".tar.gz", ".tar"):
            archive = base / f"{name}{suffix}"
            if archive.exists():
                into.mkdir(exist_ok=True)
                with tarfile.open(archive, "r:*") as tar:
                    tar.extractall(into, filter="data")
                break


def _hand_to_server_user(datadir: Path) -> None:
    datadir.chmod(0o700)
    if os.geteuid() != 0:
        return
    for folder, dirs, files in os.walk(datadir):
        shutil.chown(folder, "postgres", "postgres")
        for name in dirs + files:
            shutil.chown(Path(folder) / name, "postgres", "postgres")


def recover(
    base: Path,
    archive: Path,
    cluster: ScratchCluster,
    *,
    target_time: str = "",
    timeout: float = 300,
) -> tuple[float, str]:
    """Make `cluster` (created, not initialised) from the base backup, replay the archived
    WAL up to `target_time` (or all of it) and promote it. Returns the seconds taken and
    the time of the last transaction replayed. The copy never archives WAL itself, so it
    cannot write into production's archive."""
    started = time.monotonic()
    _unpack(base, cluster.datadir)
    # The server's own access rules and settings files may live outside its data folder
    # (Debian keeps them in /etc): the scratch copy trusts local connections only.
    (cluster.datadir / "pg_hba.conf").write_text(
        "local all all trust\nhost all all 127.0.0.1/32 trust\n"
    )
    for name in ("postgresql.conf", "pg_ident.conf"):
        (cluster.datadir / name).touch()
    for name in ("standby.signal", "postmaster.pid"):
        (cluster.datadir / name).unlink(missing_ok=True)
    settings = [
        f"port = {cluster.port}",
        "listen_addresses = '127.0.0.1'",
        f"unix_socket_directories = '{cluster.root}'",
        "archive_mode = off",
        "hot_standby = on",
        f'restore_command = \'cp "{archive}/%f" "%p"\'',
        "recovery_target_action = 'promote'",
    ]
    if target_time:
        settings.append(f"recovery_target_time = '{target_time}'")
    with (cluster.datadir / "postgresql.auto.conf").open("a") as conf:
        conf.write("\n" + "\n".join(settings) + "\n")
    (cluster.datadir / "recovery.signal").touch()
    _hand_to_server_user(cluster.datadir)
    try:
        cluster.start(timeout=timeout)
        deadline = time.monotonic() + timeout
        while True:
            with psycopg.connect(cluster.url(), autocommit=True) as conn:
                row = conn.execute(
                    "SELECT pg_is_in_recovery(), pg_last_xact_replay_timestamp()"
                ).fetchone()
            assert row is not None
            if not row[0]:
                break
            if time.monotonic() > deadline:
                raise BackupError(f"Recovery did not finish within {timeout:.0f} s.")
            time.sleep(0.2)
    except (psycopg.OperationalError, subprocess.CalledProcessError) as exc:
        raise BackupError(
            "The recovered server did not start: " + " | ".join(_log_tail(cluster))
        ) from exc
    replayed = row[1].isoformat() if row[1] else "no transaction replayed"
    return time.monotonic() - started, replayed


def _log_tail(cluster: ScratchCluster, lines: int = 4) -> list[str]:
    try:
        return cluster.logfile.read_text(errors="replace").strip().splitlines()[-lines:]
    except OSError:
        return ["no server log"]
