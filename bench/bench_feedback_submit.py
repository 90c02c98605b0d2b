"""Benchmark: feedback submit throughput against a bare one-insert Django view, on gunicorn
and PostgreSQL, at 50 concurrent clients.

Creates a temporary PostgreSQL database (on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres), migrates it, adds a team and its QR
code, and starts gunicorn (2 workers, as on the 2-core machine; `--threads` each) with
bench/bare_settings.py: the product's settings and URLs plus bench/bare_urls.py's bare view,
which does one INSERT and nothing else. The product runs as production would: its
rate-limit counters in Redis (RATELIMIT_CACHE_URL, redis://127.0.0.1:6379/1 unless set;
`--memory-ratelimit`, or no Redis answering, falls back to each worker's memory cache).

A feedback submit is the POST of the form's questions page (overall rating, four yes/no
questions and a comment): the view checks the form's token, the rate limits and the
answers, saves the response, puts the comment through redaction and returns a redirect.
Each submit needs its own form session (the form refuses a second send), so the sessions
are prepared first, unmeasured (open /f/<code>/, fetch the questions page for its CSRF
token and form token), then sent at 50 concurrent clients. The bare view is sent the
same body at 50 concurrent clients. Rounds of each alternate (the machine is shared), and
the median round of each is reported; p99 is over every submit of every round.

Prints `bench NAME: VALUE UNIT` lines (target: feedback_submit_ratio at least 0.7).
Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_feedback_submit.py.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import httpx  # noqa: E402
import psycopg  # noqa: E402

CONCURRENCY = 50
BARE_TABLE = "bench_bare_insert"  # bench/bare_urls.py inserts into it
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"
COMMENT = "The officer was kind and explained what happens next. Thank you."


def server_url() -> str:
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
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# The form -------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """The fields of the page's form: hidden values, one answer per radio group."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.textareas: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind == "hidden":
                self.fields[a["name"]] = a.get("value", "")
            elif kind == "radio":
                # The most positive answer of a scale ("5"), else the first ("yes").
                current = self.fields.get(a["name"])
                value = a.get("value", "")
                if current is None or (value.isdigit() and current.isdigit() and value > current):
                    self.fields[a["name"]] = value
        elif tag == "textarea" and a.get("name"):
            self.textareas.append(a["name"])


def _cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


async def prepare_one(
    client: httpx.AsyncClient, code: str
) -> tuple[dict[str, str], dict[str, str]]:
    """One form session ready to submit: its cookies and the form's fields."""
    cookies: dict[str, str] = {}
    landing = await client.get(f"/f/{code}/", headers=_cookie_header(cookies))
    assert landing.status_code == 302, landing.status_code
    cookies.update(dict(landing.cookies))
    page = await client.get(landing.headers["Location"], headers=_cookie_header(cookies))
    assert page.status_code == 200, page.status_code
    cookies.update(dict(page.cookies))
    reader = FormReader()
    reader.feed(page.text)
    fields = dict(reader.fields)
    for name in reader.textareas:
        fields[name] = COMMENT
    assert "token" in fields and "csrfmiddlewaretoken" in fields, sorted(fields)
    return cookies, fields


async def prepare(base: str, code: str, n: int) -> list[tuple[dict[str, str], dict[str, str]]]:
    limits = httpx.Limits(max_connections=20)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        semaphore = asyncio.Semaphore(20)

        async def one() -> tuple[dict[str, str], dict[str, str]]:
            async with semaphore:
                for attempt in range(3):  # unmeasured: a kept-alive connection the server
                    try:  # closed while idle is simply tried again
                        return await prepare_one(client, code)
                    except httpx.TransportError:
                        if attempt == 2:
                            raise
                raise AssertionError("unreachable")

        return list(await asyncio.gather(*(one() for _ in range(n))))


async def blast(
    base: str, requests: list[tuple[str, dict[str, str], dict[str, str]]]
) -> tuple[float, list[float], list[int]]:
    """Send every (path, headers, form) at CONCURRENCY clients; wall seconds, latencies in
    ms, statuses."""
    latencies: list[float] = []
    statuses: list[int] = []
    queue: asyncio.Queue[tuple[str, dict[str, str], dict[str, str]]] = asyncio.Queue()
    for item in requests:
        queue.put_nowait(item)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:

        async def worker() -> None:
            while True:
                try:
                    path, headers, data = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                started = time.perf_counter()
                try:
                    response = await client.post(path, headers=headers, data=data)
                except httpx.TransportError:
                    # A kept-alive connection the server closed as it was reused: sent
                    # again (a submit's one-time token keeps a second copy from counting).
                    response = await client.post(path, headers=headers, data=data)
                latencies.append((time.perf_counter() - started) * 1000)
                statuses.append(response.status_code)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        wall = time.perf_counter() - started
    return wall, latencies, statuses


# The run --------------------------------------------------------------------------------


def seed(dsn: str) -> str:
    """Migrate, add the cache table, the bare table, a team and its QR code."""
    import django

    django.setup()
    from django.core.management import call_command

    from feedback.models import Borough, FeedbackCode, Team

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(
            f"CREATE TABLE {BARE_TABLE} (id bigserial PRIMARY KEY, created_at timestamptz "
            "NOT NULL, payload text NOT NULL)"
        )
    team = Team.objects.create(
        name="Bench response team",
        slug="bench-response-team",
        borough=Borough.objects.order_by("pk")[0],
    )
    code = FeedbackCode.objects.create(team=team, code=secrets.token_urlsafe(12))
    from django.db import connections

    connections.close_all()
    return code.code


def redis_url(memory: bool) -> str:
    """The Redis the rate-limit counters go to, as in production; "" (a memory cache in
    each worker) when asked or when no Redis answers."""
    if memory:
        return ""
    url = os.environ.get("RATELIMIT_CACHE_URL") or DEFAULT_REDIS
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2):
            return url
    except OSError:
        print(f"# no Redis at {url}: the rate-limit counters use each worker's memory")
        return ""


def start_server(
    dsn: str, port: int, threads: int, *, ratelimit_url: str
) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.bare_settings",
            "DJANGO_ENV": "development",  # tasks go to the database queue, as in production
            "DATABASE_URL": dsn,
            "FEEDBACK_SUBMIT_RATE_PER_HOUR": "100000000",  # every client is 127.0.0.1
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(BASE_DIR),
            "RATELIMIT_CACHE_URL": ratelimit_url,
        }
    )
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "victimvoice.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        str(threads),
        "--worker-class",
        "gthread" if threads > 1 else "sync",
        "--backlog",
        "2048",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code < 500:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def run(dsn: str, *, submits: int, rounds: int, threads: int, ratelimit_url: str) -> int:
    from feedback.rules import MIN_FILL_SECONDS

    code = seed(dsn)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(dsn, port, threads, ratelimit_url=ratelimit_url)
    try:
        # Warm both paths (imports, connections, template compilation) before measuring.
        warm = asyncio.run(prepare(base, code, CONCURRENCY))
        time.sleep(MIN_FILL_SECONDS)
        asyncio.run(blast(base, _submit_requests(warm, base)))
        asyncio.run(blast(base, _bare_requests(CONCURRENCY * 2)))

        submit_rps: list[float] = []
        bare_rps: list[float] = []
        submit_latencies: list[float] = []
        bare_latencies: list[float] = []
        failures = 0
        for _ in range(rounds):
            prepared = asyncio.run(prepare(base, code, submits))
            time.sleep(MIN_FILL_SECONDS)  # a person takes longer than this to answer
            wall, latencies, statuses = asyncio.run(blast(base, _submit_requests(prepared, base)))
            failures += sum(1 for s in statuses if s != 302)
            submit_rps.append(len(latencies) / wall)
            submit_latencies += latencies

            wall, latencies, statuses = asyncio.run(blast(base, _bare_requests(submits)))
            failures += sum(1 for s in statuses if s != 204)
            bare_rps.append(len(latencies) / wall)
            bare_latencies += latencies
    finally:
        stop_server(server)

    submit_queries, bare_queries = count_queries(code)
    with psycopg.connect(dsn) as conn:
        saved = conn.execute("SELECT count(*) FROM feedback_response").fetchone()
    expected = submits * rounds + CONCURRENCY + 1  # and count_queries' one
    submit = statistics.median(submit_rps)
    bare = statistics.median(bare_rps)
    print(f"bench feedback_submit_rps: {submit:.0f} req/s")
    print(f"bench bare_insert_rps: {bare:.0f} req/s")
    print(f"bench feedback_submit_ratio: {submit / bare:.2f}")
    print(f"bench feedback_submit_p99: {percentile(submit_latencies, 0.99):.0f} ms")
    print(f"bench feedback_submit_p50: {percentile(submit_latencies, 0.50):.0f} ms")
    print(f"bench bare_insert_p99: {percentile(bare_latencies, 0.99):.0f} ms")
    print(f"bench feedback_submit_queries: {submit_queries} queries")
    print(f"bench bare_insert_queries: {bare_queries} queries")
    print(
        f"# {rounds} rounds of {submits} at {CONCURRENCY} clients; gunicorn 2 workers x "
        f"{threads} threads; rate limits in {ratelimit_url or 'memory'}; submit rounds {[round(r) for r in submit_rps]} req/s, bare "
        f"rounds {[round(r) for r in bare_rps]} req/s; responses saved {saved[0] if saved else 0}"
        f"/{expected}; failed requests {failures}"
    )
    return 0 if failures == 0 and saved and saved[0] == expected else 1


def count_queries(code: str) -> tuple[int, int]:
    """Database round trips of one submit and one bare insert (what explains the ratio),
    in this process with Django's test client on the same database."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from feedback.rules import MIN_FILL_SECONDS

    with override_settings(
        ROOT_URLCONF="bench.bare_urls",
        FEEDBACK_SUBMIT_RATE_PER_HOUR=100_000_000,
        ALLOWED_HOSTS=["*"],
    ):
        client = Client()
        landing = client.get(f"/f/{code}/")
        page = client.get(landing["Location"])
        reader = FormReader()
        reader.feed(page.content.decode())
        fields = dict(reader.fields)
        for name in reader.textareas:
            fields[name] = COMMENT
        time.sleep(MIN_FILL_SECONDS)
        with CaptureQueriesContext(connection) as submit:
            assert client.post("/give-feedback/questions/", fields).status_code == 302
        with CaptureQueriesContext(connection) as bare:
            assert Client().post("/bench/bare-insert/", {"comment": COMMENT}).status_code == 204
    return len(submit), len(bare)


def _submit_requests(
    prepared: list[tuple[dict[str, str], dict[str, str]]], base: str
) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    path = "/give-feedback/questions/"
    headers = {"Referer": base + path, "Origin": base}
    return [(path, {**headers, **_cookie_header(c)}, fields) for c, fields in prepared]


def _bare_requests(n: int) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    body = {"overall": "5", "respect": "yes", "listened": "yes", "comment": COMMENT}
    return [("/bench/bare-insert/", {}, body) for _ in range(n)]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--submits", type=int, default=600, help="submits per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument(
        "--memory-ratelimit",
        action="store_true",
        help="the rate-limit counters in each worker's memory instead of Redis",
    )
    args = parser.parse_args()
    ratelimit_url = redis_url(args.memory_ratelimit)
    os.environ["RATELIMIT_CACHE_URL"] = ratelimit_url  # count_queries runs as the server does

    admin_url = server_url()
    name = f"vv_bench_submit_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = with_database(admin_url, name)
    os.environ["DATABASE_URL"] = dsn
    try:
        return run(
            dsn,
            submits=args.submits,
            rounds=args.rounds,
            threads=args.threads,
            ratelimit_url=ratelimit_url,
        )
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
