"""The drill: restore a backup somewhere new and check it is whole and readable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from psycopg import sql

from .database import BackupError, Database, migration_heads, program, row_counts
from .dumps import Backup, check_dump, restore_database

# The decrypted texts looked for in clear in the dump: at least this long, and words or an
# address (a space or an @ in them). A one-word code ("prefer_not_to_say", an area code)
# is a choice other columns hold in clear by design, so finding it proves nothing.
PLAINTEXT_MIN_LENGTH = 8


def worth_seeking(text: str) -> bool:
    return len(text) >= PLAINTEXT_MIN_LENGTH and (" " in text or "@" in text)


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


def scan_dump(
    backup: Backup, texts: dict[str, set[str]], partitions: dict[str, str] | None = None
) -> DumpScan:
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
            # A partition's rows are dumped under its own name: check them as its table's.
            table = (partitions or {}).get(table, table)
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
    tables: dict[str, int] = manifest["tables"]
    report.say(
        f"drill dump: {backup.dump.name} ({manifest['dump']['bytes'] / 1_000_000:.1f} MB, "
        f"taken {manifest['created_at']}, {sum(tables.values())} rows in {len(tables)} tables)"
    )
    if not checked:
        check_dump(backup)
    report.say("drill sha256: the dump is the one its manifest describes")
    seconds = restore_database(backup, database, jobs=jobs, checked=True)
    report.say(f"drill restore_seconds: {seconds:.2f} s")
    check_database(database, report, backup=backup, sample=sample)
    return report


def check_database(
    database: Database, report: DrillReport, *, backup: Backup | None, sample: int
) -> None:
    """The checks on a restored or recovered database: no unapplied migrations, the
    encrypted fields readable with FIELD_ENCRYPTION_KEYS and, given the dump it came from,
    the manifest's migrations and row counts, and no encrypted text in clear in the dump."""
    started = time.monotonic()
    ok, detail = migrate_check(database)
    if ok:
        report.say("drill migrate --check: no unapplied migrations")
    else:
        report.fail(f"manage.py migrate --check failed on the restored database ({detail})")

    with database.connect() as conn:
        heads = migration_heads(conn)
        counts = row_counts(conn)
    if backup is None:
        report.say(f"drill row counts: {len(counts)} tables, {sum(counts.values())} rows")
    else:
        compare_with_manifest(report, backup.manifest, heads, counts)

    texts = read_encrypted(database, report, sample=sample)
    if backup is not None:
        scan = scan_dump(backup, texts, partitions_of(database))
        if scan.not_tokens:
            where = ", ".join(f"{c} ({n} values)" for c, n in sorted(scan.not_tokens.items()))
            report.fail(
                f"encrypted columns hold values that are not encrypted in the dump: {where}"
            )
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


PARTITIONS_SQL = """
SELECT child.relname, parent.relname FROM pg_inherits i
JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent
"""


def partitions_of(database: Database) -> dict[str, str]:
    """Each partition (or inheriting table) and the table it belongs to, at the top."""
    with database.connect() as conn:
        parents = {str(c): str(p) for c, p in conn.execute(PARTITIONS_SQL).fetchall()}
    top = {}
    for child in parents:
        parent = parents[child]
        while parent in parents:
            parent = parents[parent]
        top[child] = parent
    return top


def compare_with_manifest(
    report: DrillReport, manifest: dict, heads: dict[str, str], counts: dict[str, int]
) -> None:
    recorded: dict[str, str] = manifest["migrations"]
    apps = sorted(a for a in set(heads) | set(recorded) if heads.get(a) != recorded.get(a))
    if apps:
        report.fail(f"the newest migrations differ from the manifest's for: {', '.join(apps)}")
    expected: dict[str, int] = manifest["tables"]
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
