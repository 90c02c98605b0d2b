"""Benchmark: the Victim Focus Desk at a force's size (docs/desk.md §6): its queue, taking in
events from the crime recording system, and the Victims' Code compliance figures.

Creates a temporary PostgreSQL database (on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres), migrates it, and generates in SQL
(INSERT ... SELECT over generate_series, ids worked out from the series so no statement
joins a big table):

- 300 teams over the 33 boroughs;
- BENCH_DESK_CASES cases (default 1,000,000) over 24 months, more in recent months, 1.2
  victims each (every fifth case has a second), 8% of victims with enhanced rights; each
  encrypted column holds one token encrypted once;
- BENCH_DESK_EVENTS events (default 10 per case: 10,000,000), each with its task: Right 6
  triggers weighted as a force sees them (92%), agreed regular updates (5%) and referrals
  (3%); done tasks 85% on time, the late ones with their working days late and a reason (a
  fifth with none given);
- about 50,000 open tasks (BENCH_DESK_OPEN; 20% overdue, 10% due today, the rest in the
  next two weeks; 1% of them claimed);
- then the indexes are built and the tables ANALYZEd.

Lines (`bench NAME: VALUE UNIT`):

- desk_compliance_seconds (target at most 2 s): a year of tasks by team x time limit
  (desk.measures.figures: the closed months from the nightly rollup, built first and
  timed, this month live), warm median of 3, checked equal to the figures from the tasks
  alone (timed beside it); with the whole compliance report (every table,
  desk.selectors.compliance.compliance_counts) and whether PostgreSQL's plan reads the done
  tasks through the partial index desk_task_done_due;
- desk_queue_p95 (target at most 100 ms) and desk_queue_naive_p95: `bench_queue` below;
- desk_event_ingest_rps (target at least 300 req/s), desk_event_ingest_ratio and _p99:
  `bench_ingest` below.

Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_desk.py;
BENCH_DESK_CASES=20000 for a quick run (events scale with it unless BENCH_DESK_EVENTS is
set); BENCH_DESK_KEEP=1 keeps the database for looking at query plans.
"""

# ruff: noqa: S608 - the SQL below is built only from this script's own constants.
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import psycopg  # noqa: E402
from desk_data import CASES, EVENTS, generate, percentile, server_url, with_database  # noqa: E402
from desk_ingest import bench_ingest  # noqa: E402

COMPLIANCE_TARGET_SECONDS = 2.0
REPEATS = 3


def year_period() -> Any:
    from django.utils import timezone

    from desk.selectors.compliance import add_months, period_for

    today = timezone.localdate()
    this_month = today.replace(day=1)
    return period_for(add_months(this_month, -11), this_month, today=today)


def bench_compliance(connection: Any) -> int:
    """desk_compliance_seconds: a year of tasks by team x time limit, warm median of 3, read
    as the compliance page reads it: the closed months from the nightly rollup
    (desk/services/rollup.py, built first and timed), this month live; beside it the same
    figures straight from the tasks, the whole report, and which way PostgreSQL reads the
    done tasks for a year and a month."""
    from django.utils import timezone

    from desk import measures
    from desk.models import ComplianceRollup
    from desk.selectors.compliance import compliance_counts
    from desk.services.rollup import compliance_rollup_build

    period = year_period()
    now = timezone.now()

    def warm_median(read: Any) -> tuple[float, Any]:
        rows = read()  # warm up
        seconds = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            rows = read()
            seconds.append(time.perf_counter() - started)
        return statistics.median(seconds), rows

    def plan_of(chosen: Any) -> str:
        return str(
            measures.owed_tasks(chosen, now=now)
            .values("team_id", "obligation")
            .annotate(n=measures.Count("pk"))
            .explain()
        )

    def reads(plan: str) -> str:
        if "desk_task_done_due" in plan:
            return "desk_task_done_due"
        return "a parallel scan" if "Parallel Seq Scan" in plan else "a scan"

    month = measures.Period(period.last.replace(day=1), period.last)
    year_plan, month_plan = plan_of(period), plan_of(month)
    by = ["team_id", "obligation"]
    raw_seconds, raw_rows = warm_median(
        lambda: measures.aggregate(measures.owed_tasks(period, now=now), by=by)
    )
    started = time.perf_counter()
    built = compliance_rollup_build()
    build_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE desk_compliancerollup")
    median, rows = warm_median(lambda: measures.figures(period, now=now, by=by))

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        return (row["team_id"], row["obligation"])

    same = sorted(rows, key=key) == sorted(raw_rows, key=key)
    # Where the time goes: the tasks counted live (this month, the open overdue, those
    # closed or made since the build) and the rollup's rows.
    live, rollup = measures._parts(period, now=now, names=by)
    started = time.perf_counter()
    for queryset in live:
        list(measures._raw(queryset, by))
    live_seconds = time.perf_counter() - started
    started = time.perf_counter()
    rolled = len(list(measures._rolled_rows(rollup, by))) if rollup is not None else 0
    rollup_seconds = time.perf_counter() - started
    owed = sum(row["owed"] for row in rows)
    print(f"bench desk_compliance_rows: {owed:,} tasks owed in {period.code}, {len(rows)} groups")
    print(
        f"bench desk_compliance_seconds: {median:.2f} s (target <= {COMPLIANCE_TARGET_SECONDS:.0f} s; "
        f"{'the same figures as' if same else 'DIFFERENT figures from'} the tasks alone, "
        f"{raw_seconds:.2f} s)"
    )
    print(
        f"# compliance: the live part {live_seconds:.2f} s, the rollup's part "
        f"{rollup_seconds:.2f} s ({rolled:,} rows)"
    )
    print(
        f"bench desk_compliance_rollup_build_seconds: {build_seconds:.1f} s "
        f"({built.rows:,} rows for {built.first_month:%Y-%m}..{built.last_month:%Y-%m}, "
        f"{ComplianceRollup.objects.count():,} kept)"
    )
    compliance_counts(period=period, now=now)  # warm up
    started = time.perf_counter()
    compliance_counts(period=period, now=now)
    print(f"bench desk_compliance_report_seconds: {time.perf_counter() - started:.2f} s")
    # A year is most of the table: reading it whole beats the index. A month uses it.
    print(
        f"bench desk_compliance_plan: from the tasks alone a year reads {reads(year_plan)}, "
        f"a month reads {reads(month_plan)}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_relation_size('desk_task_done_due'))")
        print(f"bench desk_compliance_index_size: {cursor.fetchone()[0]}")
    return 0 if same and median <= COMPLIANCE_TARGET_SECONDS else 1


# The queue --------------------------------------------------------------------------------

QUEUE_TARGET_MS = 100.0
QUEUE_RUNS = 5
# The naive query reads the whole task table each time (seconds at 10,000,000 tasks): fewer
# runs, after a first that warms the cache.
NAIVE_RUNS = int(os.environ.get("BENCH_DESK_NAIVE_RUNS", "1"))
OPEN_INDEXES = (
    "desk_task_open_due",
    "desk_task_open_team",
    "desk_task_open_borough",
    "desk_task_open_enhanced",
    "desk_task_open_language",
)


def queue_filter_sets(connection: Any) -> list[tuple[str, dict[str, Any]]]:
    """20 fixed filter sets (name, QueueFilters keywords): none, each filter alone, some
    combinations, a rare language, a kind nobody has. Teams and boroughs are the busiest
    and a quiet one of the open tasks."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT team_id FROM desk_task WHERE status = 'open' GROUP BY team_id "
            "ORDER BY count(*) DESC, team_id"
        )
        teams = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT borough_id FROM desk_task WHERE status = 'open' GROUP BY borough_id "
            "ORDER BY count(*) DESC, borough_id"
        )
        boroughs = [row[0] for row in cursor.fetchall()]
    busy_team, quiet_team = teams[0], teams[-1]
    busy_borough, quiet_borough = boroughs[0], boroughs[-1]
    return [
        ("none", {}),
        ("busy team", {"team": busy_team}),
        ("quiet team", {"team": quiet_team}),
        ("busy borough", {"borough": busy_borough}),
        ("quiet borough", {"borough": quiet_borough}),
        ("enhanced", {"enhanced": True}),
        ("not enhanced", {"enhanced": False}),
        ("language pl", {"language": "pl"}),
        ("rare language cy", {"language": "cy"}),
        ("kind right6", {"kind": "right6"}),
        ("kind periodic", {"kind": "periodic"}),
        ("kind referral", {"kind": "referral"}),
        ("kind routed (none)", {"kind": "routed"}),
        ("team + enhanced", {"team": busy_team, "enhanced": True}),
        ("borough + language pl", {"borough": busy_borough, "language": "pl"}),
        ("borough + enhanced", {"borough": busy_borough, "enhanced": True}),
        ("team + kind referral", {"team": busy_team, "kind": "referral"}),
        ("cy + enhanced", {"language": "cy", "enhanced": True}),
        (
            "borough + not enhanced + en",
            {"borough": quiet_borough, "enhanced": False, "language": "en"},
        ),
        ("team + ro + right6", {"team": busy_team, "language": "ro", "kind": "right6"}),
    ]


def naive_queue_sql(filters: dict[str, Any]) -> tuple[str, str, list[Any]]:
    """The queue as a first attempt would write it: task, victim, case and team joined, the
    filters on the case and the victim, overdue first by a CASE, OFFSET and a COUNT(*) for
    "page 1 of N". The page's SQL, the count's SQL and their parameters."""
    from desk.selectors.queue import KIND_FILTERS

    where = ["t.status = 'open'", "t.due_at <= %s"]
    params: list[Any] = []
    if "team" in filters:
        where.append("c.team_id = %s")
        params.append(filters["team"])
    if "borough" in filters:
        where.append("tm.borough_id = %s")
        params.append(filters["borough"])
    if "enhanced" in filters:
        where.append("v.enhanced = %s")
        params.append(filters["enhanced"])
    if "language" in filters:
        where.append("v.language = %s")
        params.append(filters["language"])
    if "kind" in filters:
        where.append("t.kind = ANY(%s)")
        params.append([str(k) for k in KIND_FILTERS[filters["kind"]]])
    joins = (
        "FROM desk_task t JOIN desk_victim v ON v.id = t.victim_id "
        "JOIN desk_case c ON c.id = t.case_id JOIN feedback_team tm ON tm.id = c.team_id "
        f"WHERE {' AND '.join(where)}"
    )
    page = (
        "SELECT t.id, t.kind, t.obligation, t.due_at, t.claimed_by_id, c.id, v.id, "
        f"v.language, v.enhanced, tm.name {joins} "
        "ORDER BY CASE WHEN t.due_at < now() THEN 0 ELSE 1 END, t.due_at "
        "LIMIT 25 OFFSET 0"
    )
    return page, f"SELECT count(*) {joins}", params


def bench_queue(connection: Any, dsn: str) -> int:
    """desk_queue_p95 (target at most 100 ms): desk.selectors.queue.queue_page for a desk
    agent, first page, for 20 fixed filter sets, 5 warm runs each (after one unmeasured).
    desk_queue_naive_p95 beside it: naive_queue_sql's page and count, with the partial
    indexes on open tasks dropped (in a transaction rolled back after), NAIVE_RUNS warm runs
    of each filter set. See docs/desk.md §6."""
    from accounts.models import RoleAssignment, User
    from accounts.roles import Role
    from desk.selectors.queue import QueueFilters, queue_page, start_of_tomorrow

    agent = User.objects.get(email="bench.desk.agent@example.org")
    RoleAssignment.objects.get_or_create(user=agent, role=Role.DESK_AGENT, ended_at=None)
    agent = User.objects.get(pk=agent.pk)
    sets = queue_filter_sets(connection)
    times: list[float] = []
    slowest: list[tuple[float, str]] = []
    shown = 0
    for name, keywords in sets:
        filters = QueueFilters(**keywords)
        page = queue_page(viewer=agent, filters=filters)  # warm
        shown += len(page.rows)
        runs = []
        for _ in range(QUEUE_RUNS):
            started = time.perf_counter()
            queue_page(viewer=agent, filters=filters)
            runs.append((time.perf_counter() - started) * 1000)
        times += runs
        slowest.append((max(runs), name))
    p95 = percentile(times, 0.95)
    print(
        f"bench desk_queue_p95: {p95:.1f} ms (target <= {QUEUE_TARGET_MS:.0f} ms; "
        f"median {statistics.median(times):.1f} ms)"
    )

    naive: list[float] = []
    tomorrow = start_of_tomorrow()
    with psycopg.connect(dsn) as conn:  # one transaction, rolled back: the indexes return
        for index in OPEN_INDEXES:
            conn.execute(f'DROP INDEX "{index}"')
        page_sql, count_sql, params = naive_queue_sql({})
        conn.execute(count_sql, [tomorrow, *params]).fetchone()  # warms the cache
        for _name, keywords in sets:
            page_sql, count_sql, params = naive_queue_sql(keywords)
            for _run in range(NAIVE_RUNS):
                started = time.perf_counter()
                conn.execute(page_sql, [tomorrow, *params]).fetchall()
                conn.execute(count_sql, [tomorrow, *params]).fetchone()
                naive.append((time.perf_counter() - started) * 1000)
        conn.rollback()
    print(f"bench desk_queue_naive_p95: {percentile(naive, 0.95):.0f} ms")
    slow = ", ".join(f"{name} {ms:.0f}" for ms, name in sorted(slowest, reverse=True)[:3])
    print(
        f"# queue: {len(sets)} filter sets x {QUEUE_RUNS} runs, {shown:,} rows on the first "
        f"pages; slowest sets (ms): {slow}; naive: {len(naive)} runs"
    )
    return 0 if p95 <= QUEUE_TARGET_MS else 1


def run(dsn: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    generate(dsn)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM desk_task")
        tasks, open_tasks = cursor.fetchone()
    print(
        f"bench desk_rows: {CASES:,} cases, {EVENTS:,} events, {tasks:,} tasks "
        f"({open_tasks:,} open)"
    )
    print(f"bench desk_generate_seconds: {time.perf_counter() - started:.1f} s")
    status = bench_compliance(connection)
    status |= bench_queue(connection, dsn)
    status |= bench_ingest(dsn)
    return status


def main() -> int:
    admin_url = server_url()
    name = f"vv_bench_desk_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = with_database(admin_url, name)
    os.environ["DATABASE_URL"] = dsn
    try:
        return run(dsn)
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_DESK_KEEP"):
            print(f"bench desk: kept the database {name}")
        else:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
