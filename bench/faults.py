"""Fault benchmark: PostgreSQL restarted under load on two web servers; nothing accepted is
lost (issue 16, "Fault tests").

1. A PostgreSQL cluster of its own (lib/pgcluster.py, port 54330, never the machine's
   shared server): a database, migrated, with what the requests need (bench/faults_seed.py:
   a team's QR code, a desk integration's token, one case with a fictional victim).
2. Two gunicorn instances of the product (ports 18130 and 18131, 2 workers x 2 threads
   each) with DJANGO_ENV=production: test-only secrets made for the run (a new SECRET_KEY
   and Fernet key), the static files collected into a temporary folder, GOV.UK Notify
   configured but never called (no task worker runs), files on the local disk. The
   per-client limits are raised for the run, since every request comes from 127.0.0.1:
   FEEDBACK_SUBMIT_RATE_PER_HOUR and DESK_API_RATE_PER_MINUTE (counters in each worker's
   memory).
3. The load (bench/faults_load.py) for --seconds (40): feedback forms (QR link, questions
   page, answers) and desk API events at a steady rate, round robin over both servers.
   After --restart-at seconds (10) PostgreSQL is stopped ("fast": open connections are cut),
   left down for --down-seconds (5) and started again. The web servers are not touched.
4. Every write answered 503 is sent once more, as it was (the same form token, the same
   source_event_id), as a person pressing the button again or the source system's retry
   would; not after the whole Retry-After minute, as soon as the load is over.
5. PostgreSQL is restarted once more with no load, then writes are sent one at a time
   (8 to each server): each worker thread finds the connection it kept dead and must
   replace it before use (CONN_HEALTH_CHECKS), not fail a request first.
6. Then, in the database: every write answered 2xx (the form's 302 onwards) must be stored
   (its marker found), and none twice; every other request must have been answered 503
   with Retry-After.

Prints (`bench NAME: VALUE UNIT`):
  fault_accepted          writes answered 2xx/302
  fault_lost              accepted writes not found in the database (must be 0)
  fault_refused           requests answered 503 with Retry-After
  fault_errors            anything else: a 500, another status, no Retry-After, a reset
                          connection or a timeout (must be 0)
  fault_recovery_seconds  from PostgreSQL accepting connections again to a write accepted
                          on each server (the slower of the two)

Exits 1 when fault_lost or fault_errors is not 0, a write was stored twice, a write after
the quiet restart was refused, or either server never recovered or was restarted.
Run: `make faults`, or .venv/bin/python bench/faults.py [--seconds 40]. Needs the
PostgreSQL server programs (PG_BINDIR or /usr/lib/postgresql/<version>/bin) and, as root,
runuser; the assets built by `make install` (static/vendor).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
# The bench scripts import each other as top-level modules, from their own folder.
sys.path.insert(0, str(BASE_DIR / "bench"))

import httpx  # noqa: E402
import psycopg  # noqa: E402
from cryptography.fernet import Fernet  # noqa: E402
from faults_load import HOST, Load, Outcome, steady  # noqa: E402

from lib.pgcluster import ScratchCluster  # noqa: E402

PG_PORT = 54330
HTTP_PORTS = (18130, 18131)
DATABASE = "vv_faults"
WORKERS = 2  # gunicorn workers per server, each with 2 threads
# Writes sent one at a time to each server after the restart with no load: twice its
# worker threads, so that most threads' kept connections are tried.
QUIET_WRITES_PER_SERVER = 8
VENV_BIN = Path(sys.executable).parent


@dataclass
class FaultResult:
    accepted: int
    lost: int
    refused: int
    errors: int
    recovery_seconds: float | None  # None: a server never accepted a write again
    writes: int
    refused_writes: int
    refused_but_stored: int
    down_seconds: float
    worker_boots: list[int]
    servers_alive: bool = True
    requests: int = 0
    load_seconds: float = 0.0
    latency_ms: dict[str, tuple[float, float]] = field(default_factory=dict)
    statuses: dict[int | None, int] = field(default_factory=dict)  # None: no answer
    retried: int = 0
    retried_accepted: int = 0
    refused_after_ready: int = 0  # 503s to requests sent once PostgreSQL was back
    quiet: int = 0  # writes sent one at a time after a restart with no load
    quiet_refused: int = 0  # of those, not accepted
    stored_twice: int = 0
    samples: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.lost == 0
            and self.errors == 0
            and self.recovery_seconds is not None
            and self.servers_alive
            and all(boots == WORKERS for boots in self.worker_boots)
            and self.stored_twice == 0
            and self.quiet_refused == 0
        )

    def lines(self) -> list[str]:
        recovery = "never" if self.recovery_seconds is None else f"{self.recovery_seconds:.1f}"
        return [
            f"bench fault_accepted: {self.accepted} requests",
            f"bench fault_lost: {self.lost} requests",
            f"bench fault_refused: {self.refused} requests",
            f"bench fault_errors: {self.errors} requests",
            f"bench fault_recovery_seconds: {recovery} s",
            f"# {self.writes} writes ({self.accepted} accepted, {self.refused_writes} refused "
            f"with 503, of which {self.refused_but_stored} were stored all the same: the "
            f"answer, not the commit, was lost); PostgreSQL down {self.down_seconds:.1f} s; "
            f"gunicorn workers booted per server {self.worker_boots} "
            f"({WORKERS} each: none restarted)",
            f"# 503s to requests sent after PostgreSQL was back: {self.refused_after_ready}",
            f"# the {self.retried} refused writes sent again once PostgreSQL was back "
            f"(the same form token, the same source_event_id): {self.retried_accepted} "
            f"accepted, {self.stored_twice} stored twice",
            f"# PostgreSQL restarted again with no load, then {self.quiet} writes one at a "
            f"time: {self.quiet - self.quiet_refused} accepted, {self.quiet_refused} refused "
            "(each worker checks its kept connection before using it: CONN_HEALTH_CHECKS)",
            f"# {self.requests} requests in {self.load_seconds:.0f} s "
            f"({self.requests / max(self.load_seconds, 1):.1f} a second over both servers)",
            "# accepted writes, p50 / p95: "
            + "; ".join(
                f"{what} {p50:.0f} / {p95:.0f} ms" for what, (p50, p95) in self.latency_ms.items()
            ),
            *(f"# unexpected: {sample}" for sample in self.samples),
        ]


def server_environment(tmp: Path, dsn: str) -> dict[str, str]:
    """Production settings with secrets made for this run only (docs/deployment.md)."""
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PG_BINDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "DATABASE_URL": dsn,
            "ALLOWED_HOSTS": HOST,
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "NOTIFY_BACKEND": "notify",
            "NOTIFY_API_KEY": f"faults-{uuid.uuid4()}-{uuid.uuid4()}",
            "NOTIFY_EMAIL_TEMPLATE_ID": str(uuid.uuid4()),
            "NOTIFY_SMS_TEMPLATE_ID": str(uuid.uuid4()),
            "SITE_URL": f"https://{HOST}",
            "FEEDBACK_REPORT_CRIME_URL": "https://www.met.police.uk/ro/report/ocr/af/how-to-report-a-crime/",
            "FEEDBACK_COMPLAINT_URL": "https://www.met.police.uk/fo/feedback/complaints/",
            "STATIC_ROOT": str(tmp / "static"),
            "FILE_STORAGE": "local",
            # Every request comes from 127.0.0.1 and one integration: the per-client limits
            # would refuse the load itself.
            "FEEDBACK_SUBMIT_RATE_PER_HOUR": "100000000",
            "DESK_API_RATE_PER_MINUTE": "100000000",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(BASE_DIR),
        }
    )
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - this interpreter, the project's manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(process: subprocess.Popen[str], what: str) -> str:
    out, _ = process.communicate(timeout=300)
    if process.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{out}")
    return out


def prepare(cluster: ScratchCluster, env: dict[str, str]) -> dict[str, str]:
    """Migrate the scratch database and seed it, collecting static files alongside."""
    collect = _manage(env, "collectstatic", "--noinput", "-v0")
    _finish(_manage(env, "migrate", "--noinput", "-v0"), "migrate")
    _finish(_manage(env, "createcachetable"), "createcachetable")
    seeded = subprocess.run(  # noqa: S603 - this interpreter, the bench's own seed script
        [sys.executable, str(BASE_DIR / "bench" / "faults_seed.py")],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if seeded.returncode != 0:
        raise RuntimeError("seeding failed:\n" + seeded.stdout + seeded.stderr)
    _finish(collect, "collectstatic")
    return dict(json.loads(seeded.stdout.strip().splitlines()[-1]))


@contextmanager
def gunicorn(env: dict[str, str], port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn, our arguments
            [
                str(VENV_BIN / "gunicorn"),
                "victimvoice.wsgi",
                "--bind", f"127.0.0.1:{port}",
                "--workers", str(WORKERS),
                "--threads", "2",
                "--worker-class", "gthread",
                "--forwarded-allow-ips", "127.0.0.1",
                "--log-level", "info",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_serving(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            answer = httpx.get(
                f"http://127.0.0.1:{port}/healthz", headers={"Host": HOST}, timeout=5
            )
            if answer.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn on {port} did not start:\n" + log.read_text()[-3000:])


@dataclass
class Fault:
    stopped_at: float = 0.0
    ready_at: float = 0.0


def restart_later(cluster: ScratchCluster, after: float, down: float, fault: Fault) -> None:
    """Stop PostgreSQL after `after` seconds, start it `down` seconds later."""
    time.sleep(after)
    cluster.stop("fast")
    fault.stopped_at = time.monotonic()
    time.sleep(down)
    cluster.start()
    cluster.wait_until_ready()
    fault.ready_at = time.monotonic()


async def drive(
    load: Load,
    *,
    cluster: ScratchCluster,
    seconds: float,
    restart_at: float,
    down_seconds: float,
    feedback_rate: float,
    desk_rate: float,
    dsn: str,
) -> Run:
    """The load with PostgreSQL stopped and started in the middle; what the database then
    holds of its writes; the refused writes sent once more; then PostgreSQL restarted with
    no load, and writes sent one at a time."""
    fault = Fault()
    thread = threading.Thread(
        target=restart_later, args=(cluster, restart_at, down_seconds, fault), daemon=True
    )
    thread.start()
    most = load.in_flight * len(load.bases)
    await asyncio.gather(
        # A form waits MIN_FILL_SECONDS between its page and its answers, asking nothing.
        steady(feedback_rate, seconds, load.feedback, most=most + int(feedback_rate * 4)),
        steady(desk_rate, seconds, load.desk_event, most=most),
    )
    await asyncio.to_thread(thread.join)
    load_finished = time.monotonic()
    stored = await asyncio.to_thread(stored_markers, dsn, load.outcomes)
    retried = await load.send_refused_again()
    await asyncio.to_thread(cluster.restart)
    quiet = await load.one_at_a_time(QUIET_WRITES_PER_SERVER * len(load.bases))
    return Run(fault, load_finished, stored, retried, quiet)


@dataclass
class Run:
    fault: Fault
    load_finished: float
    stored_before: set[str]  # of the load's writes, before any was sent again
    retried: list[Outcome]
    quiet: list[Outcome]  # after the restart with no load


def stored_markers(dsn: str, outcomes: list[Outcome]) -> set[str]:
    """The markers of these writes that the database holds."""
    feedback = [o.marker for o in outcomes if o.what == "feedback"]
    desk = [o.marker for o in outcomes if o.what == "desk"]
    with psycopg.connect(dsn) as conn:
        found = {
            row[0]
            for row in conn.execute(
                "SELECT submission_key FROM feedback_response WHERE submission_key = ANY(%s)",
                [feedback],
            )
        }
        found |= {
            row[0]
            for row in conn.execute(
                "SELECT r.source_event_id FROM desk_receivedevent r "
                "JOIN desk_caseevent e ON e.received_event_id = r.id "
                "WHERE r.source_event_id = ANY(%s)",
                [desk],
            )
        }
    return found


def stored_twice(dsn: str, outcomes: list[Outcome]) -> int:
    """How many of these desk events made more than one case event (a retry taken twice).
    A feedback form cannot: Response.submission_key is unique."""
    desk = [o.marker for o in outcomes if o.what == "desk"]
    with psycopg.connect(dsn) as conn:
        row = conn.execute(
            "SELECT count(*) FROM (SELECT r.id FROM desk_receivedevent r "
            "JOIN desk_caseevent e ON e.received_event_id = r.id "
            "WHERE r.source_event_id = ANY(%s) GROUP BY r.id HAVING count(*) > 1) twice",
            [desk],
        ).fetchone()
    return int(row[0]) if row else 0


def accepted(outcome: Outcome) -> bool:
    return outcome.status is not None and (
        200 <= outcome.status < 300 or (outcome.what == "feedback" and outcome.status == 302)
    )


def expected(outcome: Outcome) -> bool:
    """Answered as it should be: its success status, or 503 with Retry-After."""
    if outcome.status == 503:
        return outcome.retry_after
    return outcome.status is not None and not outcome.detail


def measure(
    outcomes: list[Outcome], run: Run, stored: set[str], servers: int, boots: list[int]
) -> FaultResult:
    """The figures: accepted and refused are the load's; lost, errors and the statuses
    count the refused writes sent again and the writes after the quiet restart too."""
    fault, retried, quiet = run.fault, run.retried, run.quiet
    writes = [o for o in outcomes if o.write]
    taken = [o for o in writes if accepted(o)]
    refused_writes = [o for o in writes if o.status == 503]
    recovered = []
    for server in range(servers):
        after = [o.finished for o in taken if o.server == server and o.started >= fault.ready_at]
        recovered.append(min(after) - fault.ready_at if after and fault.ready_at else None)
    retaken = [o for o in retried + quiet if accepted(o)]
    every = outcomes + retried + quiet
    unexpected = [o for o in every if not expected(o)]
    latency_ms = {}
    for what in ("feedback", "desk"):
        times = sorted((o.finished - o.started) * 1000 for o in taken if o.what == what)
        if times:
            latency_ms[what] = (times[len(times) // 2], times[int(len(times) * 0.95)])
    return FaultResult(
        accepted=len(taken),
        lost=sum(1 for o in taken + retaken if o.marker not in stored),
        refused=sum(1 for o in every if o.status == 503 and o.retry_after),
        errors=len(unexpected),
        recovery_seconds=(
            None
            if any(r is None for r in recovered)
            else max(r for r in recovered if r is not None)
        ),
        writes=len(writes),
        refused_writes=len(refused_writes),
        refused_but_stored=sum(1 for o in refused_writes if o.marker in run.stored_before),
        down_seconds=(fault.ready_at - fault.stopped_at) if fault.ready_at else 0.0,
        worker_boots=boots,
        samples=[o.detail or f"{o.what}: {o.status}" for o in unexpected[:5]],
        latency_ms=latency_ms,
        statuses=dict(Counter(o.status for o in every)),
        retried=len(retried),
        retried_accepted=sum(1 for o in retried if accepted(o)),
        quiet=len(quiet),
        quiet_refused=sum(1 for o in quiet if not accepted(o)),
        refused_after_ready=sum(
            1
            for o in outcomes
            if o.status == 503 and fault.ready_at and o.started >= fault.ready_at
        ),
    )


def dump_outcomes(path: Path, outcomes: list[Outcome], since: float, fault: Fault) -> None:
    """Every request of the run, one JSON line each, times in seconds from the start of the
    load (markers are hashes and ids, nothing personal): for looking into a failure."""

    with path.open("w") as out:
        out.write(
            json.dumps(
                {
                    "stopped_at": round(fault.stopped_at - since, 3),
                    "ready_at": round(fault.ready_at - since, 3),
                }
            )
            + "\n"
        )
        for o in outcomes:
            line = {
                "what": o.what,
                "server": o.server,
                "started": round(o.started - since, 3),
                "finished": round(o.finished - since, 3),
                "status": o.status,
                "retry_after": o.retry_after,
                "marker": o.marker,
                "detail": o.detail,
            }
            out.write(json.dumps(line) + "\n")


def run_faults(
    *,
    seconds: float = 40,
    restart_at: float = 10,
    down_seconds: float = 5,
    feedback_rate: float = 2,
    desk_rate: float = 4,
    pg_port: int = PG_PORT,
    http_ports: tuple[int, ...] = HTTP_PORTS,
    say: Callable[[str], None] = print,
) -> FaultResult:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="vv-faults-") as folder, ScratchCluster(pg_port) as pg:
        tmp = Path(folder)
        started = time.monotonic()
        pg.start()
        pg.execute(f"CREATE DATABASE {DATABASE}")
        dsn = pg.url(DATABASE)
        env = server_environment(tmp, dsn)
        seeded = prepare(pg, env)
        say(
            f"# set up (cluster, migrate, collectstatic, seed) in {time.monotonic() - started:.0f} s"
        )
        # Kept after the run (var/ is not committed): what the servers logged, for a failure.
        log_dir = BASE_DIR / "var" / "faults"
        log_dir.mkdir(parents=True, exist_ok=True)
        logs = [log_dir / f"gunicorn-{port}.log" for port in http_ports]
        with (
            gunicorn(env, http_ports[0], logs[0]) as first,
            gunicorn(env, http_ports[1], logs[1]) as second,
        ):
            for port, server, log in zip(http_ports, (first, second), logs, strict=True):
                wait_until_serving(port, server, log)
            load = Load(
                bases=[f"http://127.0.0.1:{port}" for port in http_ports],
                code=seeded["code"],
                token=seeded["token"],
                crime_reference=seeded["crime_reference"],
                run_id=secrets.token_hex(4),
            )
            say(
                f"# load for {seconds:.0f} s: {feedback_rate:g} feedback forms/s and "
                f"{desk_rate:g} desk events/s over {len(http_ports)} servers; PostgreSQL "
                f"stopped at {restart_at:.0f} s for {down_seconds:.0f} s"
            )
            load_started = time.monotonic()
            run = asyncio.run(
                drive(
                    load,
                    cluster=pg,
                    seconds=seconds,
                    restart_at=restart_at,
                    down_seconds=down_seconds,
                    feedback_rate=feedback_rate,
                    desk_rate=desk_rate,
                    dsn=dsn,
                )
            )
            alive = [server.poll() is None for server in (first, second)]
        boots = [log.read_text().count("Booting worker") for log in logs]
        if not all(alive):
            say("# a gunicorn instance stopped during the run")
        every = load.outcomes + run.retried + run.quiet
        stored = stored_markers(dsn, every)
        result = measure(load.outcomes, run, stored, len(http_ports), boots)
        dump_outcomes(log_dir / "outcomes.jsonl", every, load_started, run.fault)
        result.stored_twice = stored_twice(dsn, every)
        result.servers_alive = all(alive)
        result.requests = len(load.outcomes)
        result.load_seconds = run.load_finished - load_started
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=40, help="how long the load runs")
    parser.add_argument("--restart-at", type=float, default=10, help="when PostgreSQL stops")
    parser.add_argument("--down-seconds", type=float, default=5, help="how long it stays down")
    parser.add_argument("--feedback-rate", type=float, default=2, help="forms started a second")
    parser.add_argument("--desk-rate", type=float, default=4, help="desk events a second")
    args = parser.parse_args()
    result = run_faults(
        seconds=args.seconds,
        restart_at=args.restart_at,
        down_seconds=args.down_seconds,
        feedback_rate=args.feedback_rate,
        desk_rate=args.desk_rate,
    )
    for line in result.lines():
        print(line)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
