"""The desk benchmark's ingest figures (bench/bench_desk.py): events posted to the API through
gunicorn, against a bare one-INSERT view, as bench_feedback_submit.py measures the form."""

# ruff: noqa: S608 - the SQL below is built only from this script's own constants.
from __future__ import annotations

import asyncio
import json
import logging
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import psycopg  # noqa: E402
from desk_data import percentile  # noqa: E402

# Taking in events -------------------------------------------------------------------------


INGEST_TARGET_RPS = 300.0
INGEST_CLIENTS = 20
INGEST_EVENTS = int(os.environ.get("BENCH_DESK_INGEST_EVENTS", "1500"))  # per round
INGEST_ROUNDS = int(os.environ.get("BENCH_DESK_INGEST_ROUNDS", "3"))
INGEST_CASES = 5000  # existing cases the events go to, given crime references the API finds
INGEST_KINDS = ("arrested", "interviewed_under_caution", "bail_or_rui", "charged")
BARE_TABLE = "bench_bare_insert"  # bench/bare_urls.py inserts into it


def ingest_setup(dsn: str) -> str:
    """An integration with the `desk` scope (its token), the bare view's table, and crime
    references "BENCH-<id>/26" on the first INGEST_CASES cases (their digests, as
    desk_digest makes them, so the API finds them among all the others)."""
    from accounts.models import Organisation
    from desk.models import desk_digest
    from feedback.models import Integration, IntegrationScope
    from feedback.services.invitations import token_hash

    token = "vvf_bench_" + os.urandom(16).hex()
    organisation, _new = Organisation.objects.get_or_create(
        name="Bench police force", defaults={"kind": "police_force"}
    )
    Integration.objects.create(
        name="Bench crime recording system",
        organisation=organisation,
        token_hash=token_hash(token),
        scopes=[IntegrationScope.DESK.value],
    )
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_TABLE} (id bigserial PRIMARY KEY, "
            "created_at timestamptz NOT NULL, payload text NOT NULL)"
        )
        with conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE desk_case SET crime_reference_digest = %s WHERE id = %s",
                [
                    (desk_digest("crime_reference", f"BENCH-{case}/26"), case)
                    for case in range(1, INGEST_CASES + 1)
                ],
            )
    return token


def ingest_bodies(n: int, *, start: int) -> list[bytes]:
    """`n` new events (source event ids from `start`), each on an existing case, an hour ago."""
    occurred = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    out = []
    for i in range(start, start + n):
        case = 1 + (i * 7919) % INGEST_CASES
        body = {
            "source_event_id": f"BENCH-{os.getpid()}-{i}",
            "crime_reference": f"BENCH-{case}/26",
            "kind": INGEST_KINDS[i % len(INGEST_KINDS)],
            "occurred_at": occurred,
        }
        out.append(json.dumps(body).encode())
    return out


async def post_all(
    base: str, path: str, headers: dict[str, str], bodies: list[bytes]
) -> tuple[float, list[float], list[int]]:
    """POST every body at INGEST_CLIENTS clients: wall seconds, latencies (ms), statuses."""
    import httpx

    latencies: list[float] = []
    statuses: list[int] = []
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    limits = httpx.Limits(max_connections=INGEST_CLIENTS, max_keepalive_connections=INGEST_CLIENTS)
    headers = {"Content-Type": "application/json", **headers}
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def worker() -> None:
            while True:
                try:
                    body = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post(path, headers=headers, content=body)
                except httpx.TransportError:
                    # A kept-alive connection closed as it was reused: sent again (the same
                    # source_event_id gets the same answer, so nothing counts twice).
                    response = await client.post(path, headers=headers, content=body)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses.append(response.status_code)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(INGEST_CLIENTS)))
        wall = time.perf_counter() - started
    return wall, latencies, statuses


def ingest_queries(token: str) -> tuple[int, int]:
    """Database statements of one event and of one bare insert, in this process (Django's
    test client, the same database): what explains the ratio."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    # As the server runs: the rules kept in memory (read once, by the first event here).
    with override_settings(
        ROOT_URLCONF="bench.bare_urls", ALLOWED_HOSTS=["*"], DESK_REFERENCE_CACHE_SECONDS=60
    ):
        client = Client()
        first, body = ingest_bodies(2, start=10_000_000)
        client.post(
            "/api/v1/desk/events",
            data=first,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        with CaptureQueriesContext(connection) as event:
            response = client.post(
                "/api/v1/desk/events",
                data=body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
            assert response.status_code == 202, response.content
        with CaptureQueriesContext(connection) as bare:
            response = client.post(
                "/bench/bare-json-insert/", data=body, content_type="application/json"
            )
            assert response.status_code == 204, response.status_code
    return len(event), len(bare)


def task_count(conn: Any) -> int:
    row = conn.execute("SELECT count(*) FROM desk_task").fetchone()
    return int(row[0]) if row else 0


def bench_ingest(dsn: str) -> int:
    """desk_event_ingest_rps (target at least 300 req/s), desk_event_ingest_ratio and _p99:
    POST /api/v1/desk/events through gunicorn (2 workers x 4 threads, bench/bare_settings.py,
    rate-limit counters in Redis when one answers, the desk's limit raised) at 20 clients,
    each a new event on an existing case making its tasks, in rounds alternating with the
    bare one-INSERT view (bench/bare_urls.py) sent the same bodies, as
    bench/bench_feedback_submit.py does; the median round of each, p99 over every request.
    See docs/desk.md §6."""
    from bench_feedback_submit import free_port, redis_url, start_server, stop_server
    from django.db import connections

    token = ingest_setup(dsn)
    ratelimit_url = redis_url(False)
    os.environ["RATELIMIT_CACHE_URL"] = ratelimit_url
    os.environ["DESK_API_RATE_PER_MINUTE"] = "100000000"  # one integration sends everything
    connections.close_all()
    with psycopg.connect(dsn) as conn:
        tasks_before = task_count(conn)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    auth = {"Authorization": f"Bearer {token}"}
    server = start_server(dsn, port, 4, ratelimit_url=ratelimit_url)
    sent = 0
    event_rps: list[float] = []
    bare_rps: list[float] = []
    event_ms: list[float] = []
    bare_ms: list[float] = []
    failures = 0
    try:
        warm = ingest_bodies(INGEST_CLIENTS * 5, start=sent)
        sent += len(warm)
        asyncio.run(post_all(base, "/api/v1/desk/events", auth, warm))
        asyncio.run(post_all(base, "/bench/bare-json-insert/", {}, warm))
        for _ in range(INGEST_ROUNDS):
            bodies = ingest_bodies(INGEST_EVENTS, start=sent)
            sent += len(bodies)
            wall, latencies, statuses = asyncio.run(
                post_all(base, "/api/v1/desk/events", auth, bodies)
            )
            failures += sum(1 for status in statuses if status != 202)
            event_rps.append(len(latencies) / wall)
            event_ms += latencies
            wall, latencies, statuses = asyncio.run(
                post_all(base, "/bench/bare-json-insert/", {}, bodies)
            )
            failures += sum(1 for status in statuses if status != 204)
            bare_rps.append(len(latencies) / wall)
            bare_ms += latencies
    finally:
        stop_server(server)
    event_queries, bare_queries = ingest_queries(token)
    with psycopg.connect(dsn) as conn:
        made = task_count(conn) - tasks_before
    rps = statistics.median(event_rps)
    bare = statistics.median(bare_rps)
    print(f"bench desk_event_ingest_rps: {rps:.0f} req/s (target >= {INGEST_TARGET_RPS:.0f})")
    print(f"bench desk_event_bare_insert_rps: {bare:.0f} req/s")
    print(f"bench desk_event_ingest_ratio: {rps / bare:.2f}")
    print(f"bench desk_event_ingest_p99: {percentile(event_ms, 0.99):.0f} ms")
    print(f"bench desk_event_ingest_p50: {percentile(event_ms, 0.50):.0f} ms")
    print(f"bench desk_event_bare_insert_p99: {percentile(bare_ms, 0.99):.0f} ms")
    print(f"bench desk_event_ingest_queries: {event_queries} queries (bare {bare_queries})")
    print(
        f"# ingest: {INGEST_ROUNDS} rounds of {INGEST_EVENTS} events at {INGEST_CLIENTS} "
        f"clients; gunicorn 2 workers x 4 threads; rate limits in {ratelimit_url or 'memory'}; "
        f"event rounds {[round(r) for r in event_rps]} req/s, bare rounds "
        f"{[round(r) for r in bare_rps]} req/s; tasks made {made:,} for {sent + 2:,} events; "
        f"failed requests {failures}"
    )
    return 0 if failures == 0 and rps >= INGEST_TARGET_RPS else 1
