"""Backups of the product's PostgreSQL database, and the drill that proves they restore.

- `backup_db` (scripts/backup-db): one pg_dump in custom format, taken under one snapshot,
  and a manifest beside it (JSON): when, the newest migration of each app, the rows in each
  table counted in that same snapshot, and the dump's sha256.
- `restore_db` (scripts/restore-db): pg_restore into an empty database (it refuses one that
  holds tables unless told to replace them), after checking the dump against its manifest.
- `backup_drill`: restores the latest dump into a scratch cluster (or a given empty
  database) and checks it: `migrate --check`, the row counts against the manifest, the
  encrypted fields read with FIELD_ENCRYPTION_KEYS, and none of their text in clear in the
  dump.

The keys in FIELD_ENCRYPTION_KEYS are never written to a dump or a manifest: encrypted
columns hold Fernet tokens, so a backup without the keys cannot be read. The keys live in
the secret store, apart from the backups (docs/operations.md, "Backups and restore").

Nothing here prints or logs a stored value: only table and column names, counts and times.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url
import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

MANIFEST_FORMAT = 1
PREFIX = "victimvoice-"
# The decrypted texts looked for in clear in the dump: at least this long, and words or an
# address (a space or an @ in them). A one-word code ("prefer_not_to_say", an area code)
# is a choice other columns hold in clear by design, so finding it proves nothing.
PLAINTEXT_MIN_LENGTH = 8


def worth_seeking(text: str) -> bool:
    return len(text) >= PLAINTEXT_MIN_LENGTH and (" " in text or "@" in text)


class BackupError(Exception):
    """A backup, restore or drill step that cannot go on (the message says why and what to do)."""


# Connecting ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """A PostgreSQL database to back up or restore into. The password never goes on a
    command line (other users can read those): programs get it in PGPASSWORD."""

    name: str
    host: str = "127.0.0.1"
    port: str = "5432"
    user: str = ""
    password: str = ""
    sslmode: str = ""

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls.from_settings(dict(dj_database_url.parse(url)))

    @classmethod
    def from_settings(cls, config: dict[str, Any]) -> Database:
        if "postgresql" not in str(config.get("ENGINE", "")):
            raise BackupError(
                "Backups are for PostgreSQL: DATABASE_URL names another database "
                "(development's SQLite file can simply be copied)."
            )
        options = config.get("OPTIONS") or {}
        return cls(
            name=str(config["NAME"]),
            host=str(config.get("HOST") or "127.0.0.1"),
            port=str(config.get("PORT") or "5432"),
            user=str(config.get("USER") or ""),
            password=str(config.get("PASSWORD") or ""),
            sslmode=str(options.get("sslmode", "")),
        )

    def libpq_env(self) -> dict[str, str]:
        values = {
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGDATABASE": self.name,
            "PGSSLMODE": self.sslmode,
        }
        return {**os.environ, **{k: v for k, v in values.items() if v}}

    def connect(self, *, autocommit: bool = True) -> psycopg.Connection[Any]:
        params = {"host": self.host, "port": self.port, "dbname": self.name}
        params.update({k: v for k, v in (("user", self.user), ("password", self.password)) if v})
        if self.sslmode:
            params["sslmode"] = self.sslmode
        return psycopg.connect(make_conninfo(**params), autocommit=autocommit)

    def url(self) -> str:
        """The DATABASE_URL for a child process (kept in its environment, never printed)."""
        credentials = quote(self.user, safe="")
        if self.password:
            credentials += ":" + quote(self.password, safe="")
        query = f"?sslmode={self.sslmode}" if self.sslmode else ""
        at = f"{credentials}@" if credentials else ""
        return f"postgres://{at}{self.host}:{self.port}/{quote(self.name, safe='')}{query}"

    def describe(self) -> str:
        return f"database {self.name} on {self.host}:{self.port}"


def program(name: str) -> str:
    """A PostgreSQL client program: from PG_BINDIR or the newest server install (the
    version that matters: pg_dump must be at least the server's), else from PATH."""
    from lib.pgcluster import bindir

    try:
        candidate = bindir() / name
        if candidate.exists():
            return str(candidate)
    except RuntimeError:
        pass
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _run(args: list[str], database: Database) -> None:
    done = subprocess.run(  # noqa: S603 - PostgreSQL's own programs, arguments of our own
        args, env=database.libpq_env(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(args[0]).name} failed: {done.stderr.strip()}")


# What a database holds ----------------------------------------------------------------------

TABLES_SQL = """
SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
ORDER BY 1, 2
"""
RELATIONS_SQL = """
SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
"""


def row_counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    """Rows in every table (partitions counted on their own, never through their parent)."""
    counts: dict[str, int] = {}
    for schema, table in conn.execute(TABLES_SQL).fetchall():
        query = sql.SQL("SELECT count(*) FROM {}.{}").format(
            sql.Identifier(schema), sql.Identifier(table)
        )
        row = conn.execute(query).fetchone()
        counts[f"{schema}.{table}"] = int(row[0]) if row else 0
    return counts


def migration_heads(conn: psycopg.Connection[Any]) -> dict[str, str]:
    """The newest migration recorded for each app (django_migrations, max name per app)."""
    row = conn.execute("SELECT to_regclass('django_migrations') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return {}
    rows = conn.execute(
        "SELECT app, max(name) FROM django_migrations GROUP BY app ORDER BY app"
    ).fetchall()
    return {str(app): str(name) for app, name in rows}


def relation_count(database: Database) -> int:
    with database.connect() as conn:
        row = conn.execute(RELATIONS_SQL).fetchone()
    return int(row[0]) if row else 0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        finally:
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
    if where.is_dir():
        found = backups_in(where)
        if not found:
            raise BackupError(f"No backups in {where} (a victimvoice-*.json beside its dump).")
        return found[-1]
    manifest_path = where.with_suffix(".json")
    if not where.exists() or not manifest_path.exists():
        raise BackupError(
            f"{where} is not a dump with its manifest ({manifest_path.name}) beside it."
        )
    return Backup(
        dump=where, manifest_path=manifest_path, manifest=json.loads(manifest_path.read_text())
    )


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups; returns the dumps removed."""
    removed = []
    for old in backups_in(folder)[: max(0, len(backups_in(folder)) - keep)]:
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
    _run([*args, str(backup.dump)], database)
    with database.connect() as conn:
        conn.execute("ANALYZE")
    return time.monotonic() - started


# The drill ----------------------------------------------------------------------------------


@dataclass
class DrillReport:
    """What the drill found, line by line; each line is also passed to `echo` as it comes."""

    echo: Callable[[str], None] = print
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.lines.append(line)
        self.echo(line)

    def fail(self, problem: str) -> None:
        self.failures.append(problem)
        self.say(f"drill problem: {problem}")

    @property
    def passed(self) -> bool:
        return not self.failures


def _manage(database: Database, *args: str) -> subprocess.CompletedProcess[str]:
    """Run this product's manage.py in a child process connected to `database` only."""
    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env["DATABASE_URL"] = database.url()
    return subprocess.run(  # noqa: S603 - this product's manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def migrate_check(database: Database) -> tuple[bool, str]:
    """`manage.py migrate --check` against `database`; when it fails, which migrations
    are not applied (or the error's last line)."""
    if _manage(database, "migrate", "--check", "--noinput").returncode == 0:
        return True, ""
    plan = _manage(database, "showmigrations", "--plan")
    unapplied = [line[4:].strip() for line in plan.stdout.splitlines() if line.startswith("[ ]")]
    if unapplied:
        return False, f"{len(unapplied)} unapplied: {', '.join(unapplied[:10])}"
    output = (plan.stdout + plan.stderr).strip().splitlines()
    return False, output[-1] if output else "no output"


def encrypted_columns() -> Iterator[tuple[str, str, str]]:
    """(table, primary key column, encrypted column) for every encrypted model field."""
    from django.apps import apps

    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        for model_field in meta.concrete_fields:
            if getattr(model_field, "encrypted", False):
                yield meta.db_table, str(meta.pk.column), str(model_field.column)


def copy_text(value: str) -> str:
    """`value` as COPY's text format writes it (the form it takes in a dump's data)."""
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def read_encrypted(database: Database, report: DrillReport, *, sample: int) -> dict[str, set[str]]:
    """Decrypt up to `sample` values of every encrypted column with FIELD_ENCRYPTION_KEYS.
    Returns, by table, the texts to look for in that table's data in the dump (never
    printed)."""
    from lib.encryption import DecryptionError, decrypt_str

    read = unreadable = columns = 0
    texts: dict[str, set[str]] = {}
    with database.connect() as conn:
        for table, pk, column in encrypted_columns():
            exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [table]).fetchone()
            if not exists or not exists[0]:
                continue
            query = sql.SQL(
                "SELECT {col} FROM {table} WHERE {col} IS NOT NULL ORDER BY {pk} LIMIT {n}"
            )
            rows = conn.execute(
                query.format(
                    col=sql.Identifier(column),
                    table=sql.Identifier(table),
                    pk=sql.Identifier(pk),
                    n=sql.Literal(sample),
                )
            ).fetchall()
            if not rows:
                continue
            columns += 1
            failed = 0
            for (token,) in rows:
                try:
                    text = decrypt_str(str(token))
                except DecryptionError:
                    failed += 1
                    continue
                if worth_seeking(text):
                    texts.setdefault(table, set()).add(text)
            read += len(rows) - failed
            unreadable += failed
            if failed:
                report.fail(
                    f"{table}.{column}: {failed} of {len(rows)} values cannot be read with "
                    "FIELD_ENCRYPTION_KEYS (a wrong or missing key)"
                )
    if columns == 0:
        report.fail("no encrypted values in the restored database, so the keys were not tested")
    else:
        report.say(
            f"drill encrypted: {read} values in {columns} encrypted columns read with "
            f"FIELD_ENCRYPTION_KEYS, {unreadable} unreadable"
        )
    return texts


_COPY_LINE = re.compile(r"^COPY (?:[^.\s]+\.)?(\S+) \((.*)\) FROM stdin;$")
_FERNET_TOKEN = re.compile(r"^gAAAAA[A-Za-z0-9_\-]+=*$")


@dataclass
class DumpScan:
    """What the dump's own data holds in the encrypted columns (counts only)."""

    tokens: int = 0
    not_tokens: dict[str, int] = field(default_factory=dict)
    in_clear: dict[str, int] = field(default_factory=dict)


def scan_dump(backup: Backup, texts: dict[str, set[str]]) -> DumpScan:
    """Read the dump's data as pg_restore writes it (uncompressed, COPY text), line by line:
    every value in an encrypted column must be a Fernet token, and no row of a table may
    hold, anywhere in it, a text decrypted from that table (`texts`). Nothing is kept."""
    encrypted: dict[str, list[str]] = {}
    for table, _, column in encrypted_columns():
        encrypted.setdefault(table, []).append(column)
    patterns = {
        table: re.compile(
            "|".join(re.escape(copy_text(t)) for t in sorted(values, key=len, reverse=True))
        )
        for table, values in texts.items()
        if values
    }
    scan = DumpScan()
    reader = subprocess.Popen(  # noqa: S603 - pg_restore writing the dump's data as text
        [program("pg_restore"), "--data-only", "--file=-", str(backup.dump)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert reader.stdout is not None
    positions: list[tuple[int, str]] = []
    pattern: re.Pattern[str] | None = None
    table = ""
    for line in reader.stdout:
        heading = _COPY_LINE.match(line.rstrip("\n"))
        if heading:
            table = heading.group(1).strip('"')
            names = [name.strip().strip('"') for name in heading.group(2).split(",")]
            positions = [(names.index(c), c) for c in encrypted.get(table, []) if c in names]
            pattern = patterns.get(table)
            continue
        if line.startswith("\\."):
            positions, pattern = [], None
            continue
        if not positions and pattern is None:
            continue
        values = line.rstrip("\n").split("\t")
        for index, column in positions:
            value = values[index] if index < len(values) else ""
            if value == "\\N":
                continue
            if _FERNET_TOKEN.match(value):
                scan.tokens += 1
            else:
                key = f"{table}.{column}"
                scan.not_tokens[key] = scan.not_tokens.get(key, 0) + 1
        if pattern is not None and pattern.search(line):
            scan.in_clear[table] = scan.in_clear.get(table, 0) + 1
    if reader.wait() != 0:
        raise BackupError("pg_restore could not read the dump's data.")
    return scan


def run_drill(
    backup: Backup,
    database: Database,
    *,
    jobs: int = 1,
    sample: int = 20,
    checked: bool = False,
    echo: Callable[[str], None] = print,
) -> DrillReport:
    """Restore `backup` into the empty `database` and check it restored whole and readable."""
    report = DrillReport(echo=echo)
    manifest = backup.manifest
    expected: dict[str, int] = manifest["tables"]
    report.say(
        f"drill dump: {backup.dump.name} ({manifest['dump']['bytes'] / 1_000_000:.1f} MB, "
        f"taken {manifest['created_at']}, {sum(expected.values())} rows in {len(expected)} tables)"
    )
    if not checked:
        check_dump(backup)
    report.say("drill sha256: the dump is the one its manifest describes")
    seconds = restore_database(backup, database, jobs=jobs, checked=True)
    report.say(f"drill restore_seconds: {seconds:.2f} s")
    started = time.monotonic()

    ok, detail = migrate_check(database)
    if ok:
        report.say("drill migrate --check: no unapplied migrations")
    else:
        report.fail(f"manage.py migrate --check failed on the restored database ({detail})")

    with database.connect() as conn:
        heads = migration_heads(conn)
        counts = row_counts(conn)
    recorded: dict[str, str] = manifest["migrations"]
    apps = sorted(a for a in set(heads) | set(recorded) if heads.get(a) != recorded.get(a))
    if apps:
        report.fail(f"the newest migrations differ from the manifest's for: {', '.join(apps)}")
    differing = sorted(t for t in set(expected) | set(counts) if expected.get(t) != counts.get(t))
    if differing:
        shown = ", ".join(
            f"{t} has {counts.get(t, 'no table')} rows, manifest {expected.get(t, 'no table')}"
            for t in differing[:10]
        )
        report.fail(f"row counts differ from the manifest in {len(differing)} tables: {shown}")
    else:
        report.say(
            f"drill row counts: {len(counts)} tables, {sum(counts.values())} rows, "
            "each as the manifest says"
        )

    texts = read_encrypted(database, report, sample=sample)
    scan = scan_dump(backup, texts)
    if scan.not_tokens:
        where = ", ".join(f"{c} ({n} values)" for c, n in sorted(scan.not_tokens.items()))
        report.fail(f"encrypted columns hold values that are not encrypted in the dump: {where}")
    if scan.in_clear:
        where = ", ".join(f"{t} ({n} rows)" for t, n in sorted(scan.in_clear.items()))
        report.fail(f"text of encrypted fields appears in clear in the dump, in {where}")
    if not scan.not_tokens and not scan.in_clear:
        report.say(
            f"drill in clear: none; the dump holds {scan.tokens} encrypted values, each a "
            f"token, and none of {sum(len(v) for v in texts.values())} decrypted texts "
            "beside them"
        )
    report.say(f"drill verify_seconds: {time.monotonic() - started:.2f} s")
    return report
