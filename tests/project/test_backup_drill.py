"""The backup drill, run for real: a scratch PostgreSQL cluster stands in for production
(port 54320), gets the migrations and the demo data, and is backed up with scripts/backup-db;
`manage.py backup_drill` restores the dump into another cluster (54321, or one of its own
on 54322) and checks it. docs/operations.md, "Backups and restore".

Every command runs in a child process, as an operator would run it, with a field
encryption key made for this test: the key is given to the commands, never to the backup.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lib import pgcluster
from victimvoice.backups import prune
from victimvoice.backups.pitr import find_base_backup, prune_base_backups, recover
from victimvoice.personas import PERSONAS

ROOT = Path(settings.BASE_DIR)
PRODUCTION_PORT = 54320
RESTORE_PORT = 54321
DRILL_OWN_PORT = 54322
RECOVERED_PORT = 54323
# A fictional access need, written encrypted into the register: it must come back from the
# backup readable with the key, and never be in the dump in clear.
PLANTED = "Fictional drill note: a quiet room near the lift, with papers in large print"


def _missing_programs() -> str:
    if not pgcluster.available():
        return "initdb is not installed (PostgreSQL server programs)"
    for name in ("pg_dump", "pg_restore"):
        if not (pgcluster.bindir() / name).exists() and not shutil.which(name):
            return f"{name} is not installed"
    return ""


@dataclass
class Production:
    cluster: pgcluster.ScratchCluster
    archive: Path
    key: str
    backups: Path
    participant_id: int

    @property
    def url(self) -> str:
        return self.cluster.url("victimvoice")

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
        env.update(
            DJANGO_ENV="test",
            DATABASE_URL=self.url,
            FIELD_ENCRYPTION_KEYS=self.key,
            PYTHONPATH=str(ROOT),
        )
        env.update(extra)
        return env

    def run(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), cwd=ROOT, env=self.env(**extra_env), capture_output=True, text=True
        )

    def manage(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "manage.py", *args, **extra_env)

    def latest(self) -> tuple[Path, dict]:
        manifest_path = sorted(self.backups.glob("victimvoice-*.json"))[-1]
        manifest = json.loads(manifest_path.read_text())
        return self.backups / manifest["dump"]["file"], manifest


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Production]:
    missing = _missing_programs()
    if missing:
        if os.environ.get("VV_REQUIRE_SERVERS") == "1":
            pytest.fail(f"VV_REQUIRE_SERVERS=1 but {missing}")
        pytest.skip(missing)
    with pgcluster.ScratchCluster(port=PRODUCTION_PORT) as cluster:
        # Production archives its WAL as it is written (docs/operations.md).
        archive = cluster.root / "wal-archive"
        archive.mkdir()
        if os.geteuid() == 0:
            shutil.chown(archive, "postgres", "postgres")
        with (cluster.datadir / "postgresql.auto.conf").open("a") as conf:
            conf.write(
                "archive_mode = on\n"
                f"archive_command = 'test ! -f {archive}/%f && cp %p {archive}/%f'\n"
                "archive_timeout = 300\n"
            )
        cluster.start()
        cluster.execute("CREATE DATABASE victimvoice")
        site = Production(
            cluster=cluster,
            archive=archive,
            key=Fernet.generate_key().decode(),
            backups=tmp_path_factory.mktemp("backups"),
            participant_id=0,
        )
        _ok(site.manage("migrate", "--noinput", "-v0"))
        _ok(site.manage("seed_demo"))
        ((participant_id,),) = cluster.execute(
            "SELECT min(id) FROM engagement_participant", "victimvoice"
        )
        assert isinstance(participant_id, int)
        token = Fernet(site.key.encode()).encrypt(PLANTED.encode()).decode()
        cluster.execute(
            f"UPDATE engagement_participant SET access_needs = '{token}' "  # noqa: S608
            f"WHERE id = {participant_id}",
            "victimvoice",
        )
        site.participant_id = participant_id
        out = _ok(site.run(str(ROOT / "scripts" / "backup-db"), "--output-dir", str(site.backups)))
        print(out)
        yield site


@pytest.fixture(scope="module")
def restore_host(production: Production) -> Iterator[pgcluster.ScratchCluster]:
    """Another cluster, as the server a backup is restored to."""
    with pgcluster.ScratchCluster(port=RESTORE_PORT) as cluster:
        cluster.start()
        yield cluster


@dataclass
class Empty:
    cluster: pgcluster.ScratchCluster
    name: str

    @property
    def url(self) -> str:
        return self.cluster.url(self.name)

    def execute(self, query: str) -> list[tuple[object, ...]]:
        return self.cluster.execute(query, self.name)


@pytest.fixture
def empty_database(restore_host: pgcluster.ScratchCluster, request: pytest.FixtureRequest) -> Empty:
    """A new, empty database on the restore host, one per test."""
    name = "restored_" + request.node.name.removeprefix("test_")[:40]
    restore_host.execute(f"CREATE DATABASE {name}")
    return Empty(cluster=restore_host, name=name)


@pytest.mark.slow
def test_the_manifest_counts_the_rows_and_names_the_newest_migrations(
    production: Production,
) -> None:
    dump, manifest = production.latest()
    live = {
        str(app): str(name)
        for app, name in production.cluster.execute(
            "SELECT app, max(name) FROM django_migrations GROUP BY app", "victimvoice"
        )
    }
    assert manifest["migrations"] == live
    for table in ("accounts_user", "engagement_participant", "privacy_auditevent"):
        ((count,),) = production.cluster.execute(f"SELECT count(*) FROM {table}", "victimvoice")  # noqa: S608
        assert manifest["tables"][f"public.{table}"] == count
        assert isinstance(count, int) and count > 0
    assert manifest["dump"]["bytes"] == dump.stat().st_size
    assert dump.stat().st_mode & 0o077 == 0, "the dump is readable by others"
    # The keys are kept apart: neither the manifest nor the dump holds the key.
    assert production.key not in json.dumps(manifest)
    assert production.key.encode() not in dump.read_bytes()


@pytest.mark.slow
def test_the_drill_restores_the_backup_into_another_cluster_and_passes(
    production: Production, empty_database: Empty
) -> None:
    drill = production.manage(
        "backup_drill",
        "--backup",
        str(production.backups),
        "--target-url",
        empty_database.url,
    )
    out = _ok(drill)
    print(out)
    assert "drill restore_seconds: " in out
    assert "drill migrate --check: no unapplied migrations" in out
    assert "each as the manifest says" in out
    assert "0 unreadable" in out
    assert out.rstrip().endswith("drill result: PASS")

    _, manifest = production.latest()
    for table, count in manifest["tables"].items():
        schema, name = table.split(".")
        ((restored,),) = empty_database.execute(f'SELECT count(*) FROM "{schema}"."{name}"')  # noqa: S608
        assert restored == count, table
    participant = production.participant_id
    ((token,),) = empty_database.execute(
        f"SELECT access_needs FROM engagement_participant WHERE id = {participant}"  # noqa: S608
    )
    assert isinstance(token, str)
    assert Fernet(production.key.encode()).decrypt(token.encode()).decode() == PLANTED
    with pytest.raises(InvalidToken):
        Fernet(Fernet.generate_key()).decrypt(token.encode())


@pytest.mark.slow
def test_the_encrypted_text_is_not_in_the_dump_in_clear_though_clear_columns_are(
    production: Production,
) -> None:
    dump, _ = production.latest()
    assert PLANTED.encode() not in dump.read_bytes()
    data = subprocess.run(
        [str(pgcluster.bindir() / "pg_restore"), "--data-only", "--file=-", str(dump)],
        capture_output=True,
        check=True,
    ).stdout
    assert PLANTED.encode() not in data
    # The same search finds what is not encrypted (staff email addresses), so it can see.
    assert PERSONAS[0].email.encode() in data


@pytest.mark.slow
def test_a_drill_with_the_wrong_key_cannot_read_the_encrypted_fields(
    production: Production,
) -> None:
    drill = production.manage(
        "backup_drill",
        "--backup",
        str(production.backups),
        "--port",
        str(DRILL_OWN_PORT),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
    )
    assert drill.returncode != 0
    assert f"scratch cluster on port {DRILL_OWN_PORT}" in drill.stdout
    assert "engagement_participant.access_needs" in drill.stdout
    assert "cannot be read with FIELD_ENCRYPTION_KEYS" in drill.stdout
    assert "drill result: FAIL" in drill.stdout
    assert PLANTED not in drill.stdout + drill.stderr


@pytest.mark.slow
def test_the_drill_fails_when_the_restored_rows_are_not_the_manifests(
    production: Production, empty_database: Empty, tmp_path: Path
) -> None:
    dump, manifest = production.latest()
    shutil.copy(dump, tmp_path / dump.name)
    manifest["tables"]["public.engagement_participant"] += 1
    (tmp_path / dump.with_suffix(".json").name).write_text(json.dumps(manifest))
    drill = production.manage(
        "backup_drill",
        "--backup",
        str(tmp_path),
        "--target-url",
        empty_database.url,
    )
    assert drill.returncode != 0
    assert "row counts differ from the manifest in 1 tables: public.engagement_participant" in (
        drill.stdout
    )
    assert "drill result: FAIL" in drill.stdout


@pytest.mark.slow
def test_the_drill_finds_text_left_unencrypted_in_an_encrypted_column(
    production: Production, empty_database: Empty, tmp_path: Path
) -> None:
    production.cluster.execute("CREATE DATABASE leaky TEMPLATE victimvoice")
    production.cluster.execute(
        "UPDATE engagement_participant SET access_needs = 'Written in clear by mistake' "  # noqa: S608
        f"WHERE id = {production.participant_id}",
        "leaky",
    )
    _ok(
        production.run(
            str(ROOT / "scripts" / "backup-db"),
            "--output-dir",
            str(tmp_path),
            "--database-url",
            production.cluster.url("leaky"),
        )
    )
    drill = production.manage(
        "backup_drill", "--backup", str(tmp_path), "--target-url", empty_database.url
    )
    assert drill.returncode != 0
    assert (
        "encrypted columns hold values that are not encrypted in the dump: "
        "engagement_participant.access_needs (1 values)"
    ) in drill.stdout
    assert "Written in clear" not in drill.stdout + drill.stderr


@pytest.mark.slow
def test_the_drill_refuses_a_damaged_dump(production: Production, tmp_path: Path) -> None:
    dump, manifest = production.latest()
    damaged = bytearray(dump.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    (tmp_path / dump.name).write_bytes(bytes(damaged))
    (tmp_path / dump.with_suffix(".json").name).write_text(json.dumps(manifest))
    drill = production.manage("backup_drill", "--backup", str(tmp_path), "--port", "54324")
    assert drill.returncode != 0
    assert "does not match its manifest's sha256" in drill.stderr


@pytest.mark.slow
def test_restore_refuses_a_database_that_is_not_empty(production: Production) -> None:
    before = production.cluster.execute("SELECT count(*) FROM accounts_user", "victimvoice")
    restore = production.run(
        str(ROOT / "scripts" / "restore-db"),
        str(production.backups),
        "--target-url",
        production.url,
    )
    assert restore.returncode != 0
    assert "is not empty" in restore.stderr
    assert "--replace-existing" in restore.stderr
    after = production.cluster.execute("SELECT count(*) FROM accounts_user", "victimvoice")
    assert after == before


@pytest.mark.slow
def test_restore_db_restores_into_an_empty_database(
    production: Production, empty_database: Empty
) -> None:
    out = _ok(
        production.run(
            str(ROOT / "scripts" / "restore-db"),
            str(production.backups),
            "--target-url",
            empty_database.url,
        )
    )
    assert "restore restore_seconds: " in out
    _, manifest = production.latest()
    ((users,),) = empty_database.execute("SELECT count(*) FROM accounts_user")
    assert users == manifest["tables"]["public.accounts_user"]


def _wait_until_archived(cluster: pgcluster.ScratchCluster, segment: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        ((last,),) = cluster.execute("SELECT last_archived_wal FROM pg_stat_archiver")
        if isinstance(last, str) and last >= segment:
            return
        assert time.monotonic() < deadline, f"WAL segment {segment} was never archived"
        time.sleep(0.2)


@pytest.mark.slow
def test_point_in_time_recovery_replays_the_archived_wal_up_to_the_time_asked(
    production: Production, tmp_path: Path
) -> None:
    bases = tmp_path / "base"
    out = _ok(
        production.run(str(ROOT / "scripts" / "backup-db"), "--base", "--output-dir", str(bases))
    )
    assert "backup base_seconds: " in out
    cluster = production.cluster
    cluster.execute("CREATE DATABASE marks")
    cluster.execute("CREATE TABLE mark (name text)", "marks")
    cluster.execute("INSERT INTO mark VALUES ('before the time')", "marks")
    ((target,),) = cluster.execute("SELECT clock_timestamp()", "marks")
    assert isinstance(target, datetime)
    cluster.execute("INSERT INTO mark VALUES ('after the time')", "marks")
    ((segment,),) = cluster.execute("SELECT pg_walfile_name(pg_switch_wal())")
    assert isinstance(segment, str)
    _wait_until_archived(cluster, segment)

    recovered = pgcluster.ScratchCluster(port=RECOVERED_PORT)
    try:
        _, replayed = recover(
            find_base_backup(bases), production.archive, recovered, target_time=target.isoformat()
        )
        assert recovered.execute("SELECT name FROM mark", "marks") == [("before the time",)]
        assert recovered.execute(
            "SELECT count(*) FROM engagement_participant", "victimvoice"
        ) == cluster.execute("SELECT count(*) FROM engagement_participant", "victimvoice")
        assert datetime.fromisoformat(replayed) <= target
    finally:
        recovered.remove()

    drill = production.manage(
        "backup_drill",
        "--base-backup",
        str(bases),
        "--wal-archive",
        str(production.archive),
        "--port",
        str(RECOVERED_PORT),
    )
    out = _ok(drill)
    print(out)
    assert "drill recovery_seconds: " in out
    assert "drill migrate --check: no unapplied migrations" in out
    assert "0 unreadable" in out
    assert out.rstrip().endswith("drill result: PASS")


def test_backup_db_refuses_a_database_that_is_not_postgresql(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Backups are for PostgreSQL"):
        call_command("backup_db", "--database-url", f"sqlite:///{tmp_path}/db.sqlite3")


def test_prune_keeps_the_newest_backups_and_removes_each_older_dump_with_its_manifest(
    tmp_path: Path,
) -> None:
    for day in range(1, 6):
        stem = f"victimvoice-202612{day:02d}T033000Z"
        (tmp_path / f"{stem}.dump").write_bytes(b"dump")
        (tmp_path / f"{stem}.json").write_text(json.dumps({"dump": {"file": f"{stem}.dump"}}))
    (tmp_path / "victimvoice-20261206T033000Z.dump.partial").write_bytes(b"unfinished")

    removed = prune(tmp_path, keep=2)

    assert [p.name for p in removed] == [
        f"victimvoice-202612{day:02d}T033000Z.dump" for day in (1, 2, 3)
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "victimvoice-20261204T033000Z.dump",
        "victimvoice-20261204T033000Z.json",
        "victimvoice-20261205T033000Z.dump",
        "victimvoice-20261205T033000Z.json",
        "victimvoice-20261206T033000Z.dump.partial",
    ]


def test_prune_base_backups_keeps_the_newest_base_backups(tmp_path: Path) -> None:
    for day in range(1, 4):
        (tmp_path / f"base-202612{day:02d}T033000Z").mkdir()
        (tmp_path / f"base-202612{day:02d}T033000Z" / "base.tar.gz").write_bytes(b"base")

    removed = prune_base_backups(tmp_path, keep=1)

    assert [p.name for p in removed] == ["base-20261201T033000Z", "base-20261202T033000Z"]
    assert [p.name for p in tmp_path.iterdir()] == ["base-20261203T033000Z"]
