"""Connecting to the database a backup is taken from or restored into, and what it holds."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import dj_database_url
import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo


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


def run_program(args: list[str], database: Database) -> None:
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
