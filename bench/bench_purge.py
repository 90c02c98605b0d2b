"""Benchmark: the nightly purge of 1,000,000 expired rows, and what it does to the site.

Creates a temporary PostgreSQL database (on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres), migrates it, COPYs in 1,000,000
expired outbox messages (notify.Message: rule notify.messages; ages spread over 300 days,
ids in order of age, as the product creates them), then:

1. starts a concurrent inserter on its own connection: single-row inserts into the same
   table, each its own transaction, a few hundred a second, each one timed. It runs in its
   own process by default, as the site's web workers do; `--inserter thread` runs it as a
   thread of this process instead, where it also waits for Python's GIL while the purge's
   Python code runs (that is not the database's doing);
2. runs the purge as the nightly job does (privacy.purge.purge_expired with its defaults:
   batches of DEFAULT_BATCH_SIZE, each one short transaction, resting between batches so
   that it works DEFAULT_BUSY_SHARE of its time; `--batch-size` and `--busy-share` try
   others) in ten slices by age, with idle windows before and between them, so idle and
   purge measurements are interleaved and background load on the machine weighs on both
   alike; the purge time is the sum of the slices;
3. compares the inserts' p99 latency during the purge with idle, and drops the database.

Prints `bench NAME: VALUE UNIT` lines (target: insert_p99_ratio under 2).
Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_purge.py [--rows N].
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import multiprocessing.sharedctypes
import os
import queue
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import psycopg  # noqa: E402
import psycopg.sql  # noqa: E402

IDLE_SECONDS = 6.0  # before the purge, and again spread between its slices
INSERT_PAUSE = 0.002  # between inserts: about 400 a second, a busy site's worth


def server_url() -> str:
    """The PostgreSQL server to use, as a URL to its `postgres` database."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    return "postgres://postgres@127.0.0.1:5432/postgres"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def column_list(columns: list[str]) -> psycopg.sql.Composed:
    return psycopg.sql.SQL(", ").join(map(psycopg.sql.Identifier, [*columns, "created_at"]))


def session_cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by the database session with server process `pid`, when the
    server runs on this machine and its /proc entry can be read (else None)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def insert_sql(columns: list[str]) -> psycopg.sql.Composed:
    return psycopg.sql.SQL("INSERT INTO notify_message ({}) VALUES ({}, now())").format(
        column_list(columns), psycopg.sql.SQL(", ").join([psycopg.sql.Placeholder()] * len(columns))
    )


def message_row(model: Any, digest: Any, recipient: str) -> tuple[list[str], tuple[Any, ...]]:
    """The columns of a sent sign-in code message (all but id and created_at) and their
    values as stored, taken from the model so that a new column needs no change here."""
    from django.db import connection

    message = model(
        channel="email",
        recipient=recipient,
        recipient_digest=digest(recipient),
        subject="Your sign-in code",
        body="Your code is 123456. It expires in 10 minutes.",
        template="sign_in_code",
        language="en",
        status="sent",
        backend="outbox",
        attempts=1,
    )
    fields = [
        f for f in model._meta.concrete_fields if not f.primary_key and f.name != "created_at"
    ]
    values = tuple(f.get_db_prep_save(f.pre_save(message, True), connection) for f in fields)
    return [f.column for f in fields], values


def insert_loop(
    dsn: str, columns: list[str], row: tuple[object, ...], phase: Any, stop: Any, results: Any
) -> None:
    """Insert one message at a time, each in its own transaction, timing each insert.
    `phase` is 0 while idle and 1 during the purge; latencies go to `results` at the end."""
    latencies: list[list[float]] = [[], []]
    sql = insert_sql(columns)
    with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute(sql, row, prepare=True)  # warm up
        while not stop.is_set():
            current = phase.value
            started = time.perf_counter()
            cur.execute(sql, row, prepare=True)
            latencies[current].append((time.perf_counter() - started) * 1000)
            time.sleep(INSERT_PAUSE)
    results.put(latencies)


class Inserter:
    """The concurrent inserter: a separate process (as a web worker would be, so Python's
    GIL in this process does not count against it) or, with --inserter thread, a thread."""

    phase: Any
    stop: Any
    results: Any
    worker: Any

    def __init__(self, dsn: str, columns: list[str], row: tuple[object, ...], *, kind: str) -> None:
        if kind == "process":
            ctx = multiprocessing.get_context("spawn")
            self.phase, self.stop, self.results = ctx.Value("i", 0), ctx.Event(), ctx.Queue()
            self.worker = ctx.Process(
                target=insert_loop, args=(dsn, columns, row, self.phase, self.stop, self.results)
            )
        else:
            self.phase = multiprocessing.sharedctypes.RawValue("i", 0)
            self.stop, self.results = threading.Event(), queue.Queue()
            self.worker = threading.Thread(
                target=insert_loop, args=(dsn, columns, row, self.phase, self.stop, self.results)
            )
        self.worker.daemon = True

    def start(self) -> None:
        self.worker.start()

    def finish(self) -> tuple[list[float], list[float]]:
        self.stop.set()
        idle, during = self.results.get(timeout=60)
        self.worker.join()
        return idle, during


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="the purge's batch size (default: the product's, DEFAULT_BATCH_SIZE)",
    )
    parser.add_argument("--inserter", choices=["process", "thread"], default="process")
    parser.add_argument("--slices", type=int, default=10)
    parser.add_argument(
        "--busy-share",
        type=float,
        default=None,
        help="the purge's busy_share (default: the product's, DEFAULT_BUSY_SHARE)",
    )
    args = parser.parse_args()

    admin_url = server_url()
    name = f"vv_bench_purge_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = with_database(admin_url, name)
    os.environ["DATABASE_URL"] = dsn
    try:
        return run(
            dsn,
            rows=args.rows,
            batch_size=args.batch_size,
            inserter_kind=args.inserter,
            slices=args.slices,
            busy_share=args.busy_share,
        )
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(
    dsn: str,
    *,
    rows: int,
    batch_size: int | None,
    inserter_kind: str,
    slices: int,
    busy_share: float | None,
) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from notify.models import Message, recipient_digest
    from privacy.purge import DEFAULT_BATCH_SIZE, DEFAULT_BUSY_SHARE, purge_expired

    call_command("migrate", verbosity=0, interactive=False)

    # One fictional message, encrypted once and copied (encryption is not what is measured).
    columns, row = message_row(Message, recipient_digest, "bench.person@example.org")
    # Ages spread over 300 days, oldest first: ids follow creation, as in the product.
    expired_from = datetime.now(UTC) - timedelta(days=400)
    spread = timedelta(days=300) / rows
    started = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        statement = psycopg.sql.SQL("COPY notify_message ({}) FROM STDIN").format(
            column_list(columns)
        )
        with conn.cursor() as cur, cur.copy(statement) as copy:
            for i in range(rows):
                copy.write_row((*row, expired_from + spread * i))
        conn.commit()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE notify_message")
        # Start from a quiet server: the load's dirty pages written out.
        with contextlib.suppress(psycopg.errors.InsufficientPrivilege):
            conn.execute("CHECKPOINT")
    print(f"bench purge_setup_copy_seconds: {time.perf_counter() - started:.1f} s")

    # Idle and purge windows alternate, so that whatever else the machine is doing weighs
    # on both alike: an idle window, then a slice of the purge (the rows of the next
    # `rows / slices`, by age: purge_expired with `now` moved forward), and so on.
    step = timedelta(days=300) / slices
    share = DEFAULT_BUSY_SHARE if busy_share is None else busy_share
    batch = batch_size or DEFAULT_BATCH_SIZE
    print(f"bench purge_busy_share: {share} share (batches of {batch})")
    inserter = Inserter(dsn, columns, row, kind=inserter_kind)
    inserter.start()
    time.sleep(IDLE_SECONDS)
    connection.ensure_connection()
    session_pid = connection.connection.info.backend_pid
    purge_seconds, deleted = 0.0, 0
    cpu_python, cpu_session = 0.0, session_cpu_seconds(session_pid)
    for index in range(slices):
        inserter.phase.value = 1
        started, cpu_started = time.perf_counter(), time.process_time()
        now = (
            expired_from + step * (index + 1) + timedelta(days=7)
            if index < slices - 1
            else datetime.now(UTC)
        )
        (receipt,) = purge_expired(
            now=now, batch_size=batch, rules=["notify.messages"], busy_share=share
        )
        purge_seconds += time.perf_counter() - started
        cpu_python += time.process_time() - cpu_started
        deleted += receipt.count
        inserter.phase.value = 0
        time.sleep(IDLE_SECONDS / slices)
    idle, during = inserter.finish()
    session_end = session_cpu_seconds(session_pid)

    left = Message.objects.filter(created_at__lt=datetime.now(UTC) - timedelta(days=8)).count()
    if deleted != rows or left:
        print(f"bench purge: expected {rows} deleted, got {deleted} ({left} left)")
        return 1
    idle_p99, during_p99 = percentile(idle, 0.99), percentile(during, 0.99)
    print(f"bench purge_1m_rows_seconds: {purge_seconds:.1f} s")
    print(f"bench purge_rows_per_second: {rows / purge_seconds:,.0f} rows/s")
    # CPU the purge took (its Python, and its database session when the server is local),
    # which the site's own requests then lack on a small server.
    cpu = f"{cpu_python / rows * 1e6:.0f} ms python"
    if cpu_session is not None and session_end is not None:
        cpu += f" + {(session_end - cpu_session) / rows * 1e6:.0f} ms database"
    print(f"bench purge_cpu_per_1000_rows: {cpu}")
    print(
        f"bench insert_count_idle_during: {len(idle)} / {len(during)} inserts "
        f"(median {statistics.median(idle):.2f} / {statistics.median(during):.2f} ms)"
    )
    print(f"bench insert_p99_idle_ms: {idle_p99:.2f} ms")
    print(f"bench insert_p99_during_purge_ms: {during_p99:.2f} ms")
    print(f"bench insert_p99_ratio: {during_p99 / idle_p99:.2f} x (target < 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
