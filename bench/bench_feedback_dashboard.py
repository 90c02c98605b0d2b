"""Benchmark: the feedback dashboard's queries over 10,000,000 responses, from the rollups
against the naive GROUP BY over the raw rows (docs/feedback-dashboards.md).

Creates a temporary PostgreSQL database (on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres), migrates it, and generates in SQL
(INSERT ... SELECT over generate_series):

- 300 teams spread over the 33 boroughs, 5,000 officers posted to them;
- BENCH_DASHBOARD_ROWS responses (default 10,000,000) over 24 months, more in recent
  months: a quarter as many invitations by text message or email (two in five answered),
  the other responses by QR code (85%) or the website (15%); ratings, answers and the
  optional equality questions with a realistic spread; 80% with an officer.

Then it builds the rollups (dashboards.services.rollup_rebuild, timed), and times every
query the dashboard makes (dashboards.selectors.dashboard_counts) for 20 fixed filter
combinations, 5 times each, from the rollups; and once each the same counts from the raw
rows (source="raw": the naive GROUP BY). Prints `bench NAME: VALUE UNIT` lines
(targets: dashboard_p95 at most 100 ms, dashboard_speedup at least 20 x).

Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_feedback_dashboard.py;
BENCH_DASHBOARD_ROWS=1000000 for a quicker run.
"""

# ruff: noqa: S608 - the SQL below is built only from this script's own constants.
from __future__ import annotations

import os
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import psycopg  # noqa: E402

ROWS = int(os.environ.get("BENCH_DASHBOARD_ROWS", "10000000"))
TEAMS = 300
OFFICERS = 5000
MONTHS = 24
REPEATS = 5
RECENT = 20_000  # new responses for the scheduled job to add, timed


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
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def first_month() -> date:
    today = datetime.now(UTC).date()
    index = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return date(index // 12, index % 12 + 1, 1)


def pick(values: list[str], cumulative: list[float], *, quote: bool = True) -> str:
    """SQL choosing one of `values` at random, value i from cumulative[i] to cumulative[i+1]."""
    items = ", ".join(f"'{v}'" if quote else v for v in values)
    bounds = ", ".join(str(c) for c in cumulative)
    return f"(ARRAY[{items}])[width_bucket(random(), ARRAY[{bounds}]::float8[])]"


OVERALL = pick(["5", "4", "3", "2", "1"], [0, 0.35, 0.65, 0.80, 0.90], quote=False)
ANSWER = pick(["yes", "partly", "no", "not_sure", ""], [0, 0.65, 0.80, 0.90, 0.95])
AGE = pick(
    ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "prefer_not", ""],
    [0, 0.04, 0.14, 0.32, 0.52, 0.68, 0.80, 0.88, 0.92],
)
ETHNIC = pick(
    ["asian", "black", "mixed", "white", "other", "prefer_not", ""],
    [0, 0.18, 0.31, 0.36, 0.86, 0.91, 0.95],
)
LANGUAGE = pick(
    ["en", "pl", "ro", "bn", "pt", "es", "ar", "cy"],
    [0, 0.90, 0.92, 0.94, 0.955, 0.97, 0.98, 0.99],
)
RESPONSE_COLUMNS = (
    "channel, team_id, borough_id, officer_id, invitation_id, language, submitted_at, month, "
    "overall, respect, listened, kept_informed, told_support, comment_id, age_band, "
    "ethnic_group, sex, disabled, routed"
)
ANSWERS_SQL = (
    f"{OVERALL}, {ANSWER}, {ANSWER}, {ANSWER}, {ANSWER}, NULL, {AGE}, {ETHNIC}, '', '', false"
)


# An officer of the team (80%; slots 0..15 exist in every team), or none (the team's code).
OFFICER_JOIN = (
    "LEFT JOIN bench_officer o ON o.team_idx = r.idx AND o.slot = r.slot AND NOT r.team_code"
)
PICKS = "(random() * 15)::int AS slot, random() < 0.2 AS team_code"


def generate(dsn: str) -> None:
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from feedback.models import Borough, OfficerPosting, Team

    boroughs = list(Borough.objects.order_by("pk"))
    Team.objects.bulk_create(
        Team(name=f"Bench team {i}", slug=f"bench-team-{i}", borough=boroughs[i % len(boroughs)])
        for i in range(TEAMS)
    )
    teams = list(Team.objects.order_by("pk"))
    User.objects.bulk_create(
        User(
            email=f"bench.officer.{i}@example.org",
            full_name=f"Bench Officer {i}",
            password=make_password(None),
        )
        for i in range(OFFICERS)
    )
    officers = list(User.objects.filter(email__startswith="bench.officer.").order_by("pk"))
    OfficerPosting.objects.bulk_create(
        OfficerPosting(officer=officer, team=teams[i % TEAMS]) for i, officer in enumerate(officers)
    )
    start = first_month()
    days = (datetime.now(UTC).date() - start).days
    when = f"(timestamptz '{start.isoformat()} 00:00+00' + sqrt(random()) * interval '{days} days')"
    invitations = ROWS // 4
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute("SET session_replication_role = replica")  # no FK triggers while loading
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute(
            "CREATE TABLE bench_team (idx int PRIMARY KEY, team_id bigint, borough_id bigint)"
        )
        conn.execute(
            "INSERT INTO bench_team SELECT row_number() OVER (ORDER BY id) - 1, id, borough_id "
            "FROM feedback_team"
        )
        conn.execute("CREATE TABLE bench_officer (team_idx int, slot int, officer_id bigint)")
        conn.execute(
            "INSERT INTO bench_officer SELECT t.idx, row_number() OVER (PARTITION BY t.idx "
            "ORDER BY p.officer_id) - 1, p.officer_id FROM feedback_officerposting p "
            "JOIN bench_team t ON t.team_id = p.team_id"
        )
        conn.execute("CREATE INDEX ON bench_officer (team_idx, slot)")
        dropped = drop_indexes(conn, ["feedback_response", "feedback_invitation"])
        # Teams get more or less feedback: a skewed pick.
        team_pick = f"least({TEAMS - 1}, floor(power(random(), 1.6) * {TEAMS}))::int"
        # Every value put into these statements is a constant of this script (S608).
        conn.execute(
            "INSERT INTO feedback_invitation (token_hash, channel, team_id, created_at, "
            "expires_at, sent_at) "
            "SELECT md5(g::text) || md5('i' || g), "
            "CASE WHEN random() < 0.65 THEN 'sms' ELSE 'email' END, t.team_id, r.ts, "
            "r.ts + interval '7 days', r.ts + interval '1 minute' "
            f"FROM (SELECT g, {when} AS ts, {team_pick} AS idx "
            f"FROM generate_series(1, {invitations}) g) r JOIN bench_team t ON t.idx = r.idx"
        )
        # Two invitations in five are answered, three hours after they were sent.
        conn.execute(
            f"INSERT INTO feedback_response ({RESPONSE_COLUMNS}) "
            "SELECT r.channel, r.team_id, r.borough_id, o.officer_id, r.id, "
            f"{LANGUAGE}, r.ts, date_trunc('month', r.ts)::date, {ANSWERS_SQL} "
            "FROM (SELECT i.id, i.channel, i.team_id, t.borough_id, t.idx, "
            f"i.created_at + interval '3 hours' AS ts, {PICKS} FROM feedback_invitation i "
            "JOIN bench_team t ON t.team_id = i.team_id WHERE i.id % 5 < 2) r "
            f"{OFFICER_JOIN}"
        )
        answered = conn.execute("SELECT count(*) FROM feedback_response").fetchone()[0]  # type: ignore[index]
        conn.execute(
            f"INSERT INTO feedback_response ({RESPONSE_COLUMNS}) "
            "SELECT CASE WHEN random() < 0.85 THEN 'qr' ELSE 'web' END, t.team_id, "
            f"t.borough_id, o.officer_id, NULL, {LANGUAGE}, r.ts, "
            f"date_trunc('month', r.ts)::date, {ANSWERS_SQL} "
            f"FROM (SELECT g, {when} AS ts, {team_pick} AS idx, {PICKS} "
            f"FROM generate_series(1, {ROWS - answered}) g) r JOIN bench_team t ON t.idx = r.idx "
            f"{OFFICER_JOIN}"
        )
        conn.execute("SET session_replication_role = DEFAULT")
        for statement in dropped:
            conn.execute(statement)
        conn.execute("DROP TABLE bench_team, bench_officer")
        conn.execute("VACUUM ANALYZE feedback_response")
        conn.execute("VACUUM ANALYZE feedback_invitation")


def add_recent(dsn: str, count: int) -> None:
    """`count` new QR responses from ten minutes ago: what the scheduled job picks up."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute(
            f"INSERT INTO feedback_response ({RESPONSE_COLUMNS}) "
            "SELECT 'qr', t.id, t.borough_id, NULL, NULL, 'en', r.ts, "
            f"date_trunc('month', r.ts)::date, {ANSWERS_SQL} "
            "FROM (SELECT g, now() - interval '10 minutes' AS ts FROM "
            f"generate_series(1, {count}) g) r "
            f"JOIN feedback_team t ON t.id = (SELECT min(id) FROM feedback_team) + g % {TEAMS}"
        )


def drop_indexes(conn: Any, tables: list[str]) -> list[str]:
    """Drop the secondary indexes and unique constraints of `tables` (loading is much faster
    without them); the statements that put them back."""
    restore: list[str] = []
    for table in tables:
        constraints = conn.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        ).fetchall()
        for name, definition in constraints:
            conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            restore.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        indexes = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE "
            "conrelid = %s::regclass)",
            [table, table],
        ).fetchall()
        for name, definition in indexes:
            conn.execute(f'DROP INDEX "{name}"')
            restore.append(definition)
    return restore


def filter_sets() -> list[Any]:
    """20 fixed filter combinations: London, boroughs, teams, channels, month ranges."""
    from dashboards.filters import Filters, add_months
    from feedback.models import Borough, Team

    latest = add_months(first_month(), MONTHS - 1)
    boroughs = list(Borough.objects.order_by("name").values_list("pk", flat=True))
    teams = list(Team.objects.order_by("pk").values_list("pk", "borough_id"))
    last12, last3 = add_months(latest, -11), add_months(latest, -2)
    return [
        Filters(),
        Filters(month_from=last12),
        Filters(month_from=last3),
        Filters(month_from=latest, month_to=latest),
        Filters(channel="qr"),
        Filters(channel="sms", month_from=last12),
        Filters(borough_id=boroughs[6]),
        Filters(borough_id=boroughs[11], month_from=last12),
        Filters(borough_id=boroughs[20], channel="email"),
        Filters(borough_id=boroughs[6], compare_id=boroughs[11]),
        Filters(borough_id=boroughs[30], compare_id=boroughs[2], month_from=last3),
        Filters(team_id=teams[0][0]),
        Filters(team_id=teams[10][0], month_from=last12),
        Filters(team_id=teams[150][0], channel="qr"),
        Filters(team_id=teams[299][0], month_from=last3, month_to=latest),
        Filters(month_from=add_months(latest, -23), month_to=add_months(latest, -12)),
        Filters(channel="web", month_from=last3),
        Filters(borough_id=boroughs[0]),
        Filters(borough_id=boroughs[15], channel="sms", compare_id=boroughs[16]),
        Filters(team_id=teams[42][0], borough_id=teams[42][1], compare_id=boroughs[5]),
    ]


def timed(filters: Any, source: str) -> float:
    from dashboards.selectors import dashboard_counts

    started = time.perf_counter()
    dashboard_counts(filters=filters, source=source)  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000


def run(dsn: str) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    generate(dsn)
    print(f"bench dashboard_rows: {ROWS:,} responses")
    print(f"bench dashboard_generate_seconds: {time.perf_counter() - started:.1f} s")

    from django.db import connection

    from dashboards.models import ResponseRollup
    from dashboards.selectors import dashboard_counts
    from dashboards.services import rollup_rebuild

    started = time.perf_counter()
    result = rollup_rebuild(now=datetime.now(UTC))
    print(f"bench dashboard_rollup_build_seconds: {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE dashboards_responserollup")
        cursor.execute("VACUUM ANALYZE dashboards_invitationrollup")
    print(f"bench dashboard_rollup_rows: {ResponseRollup.objects.count():,} rows")
    if result.responses != ROWS:
        print(f"bench dashboard: expected {ROWS} responses in the rollup, got {result.responses}")
        return 1

    sets = filter_sets()
    # The same figures both ways (a check, not timed).
    fast, slow = dashboard_counts(filters=sets[9]), dashboard_counts(filters=sets[9], source="raw")
    if (fast.totals, fast.by_month, fast.by_team) != (slow.totals, slow.by_month, slow.by_team):
        print("bench dashboard: the rollup and the raw rows disagree")
        return 1

    for filters in sets:  # warm up: plans and caches, as on a running site
        timed(filters, "rollup")
    rollup_ms = [timed(f, "rollup") for _ in range(REPEATS) for f in sets]
    naive_ms = [timed(f, "raw") for f in sets]
    p50, p95 = percentile(rollup_ms, 0.5), percentile(rollup_ms, 0.95)
    naive_p50 = percentile(naive_ms, 0.5)
    print(f"bench dashboard_queries: {len(sets)} filter sets x {REPEATS} (naive: x 1)")
    print(f"bench dashboard_p50: {p50:.1f} ms")
    print(f"bench dashboard_p95: {p95:.1f} ms (target <= 100)")
    print(f"bench dashboard_naive_p50: {naive_p50:.0f} ms")
    print(f"bench dashboard_naive_p95: {percentile(naive_ms, 0.95):.0f} ms")
    print(f"bench dashboard_speedup: {naive_p50 / p50:.0f} x (target >= 20)")

    # The scheduled job: new responses since the last run, added to the rollups.
    from django.db.models import Sum

    from dashboards.models import BoroughRollup
    from dashboards.services import rollup_refresh

    add_recent(dsn, RECENT)
    started = time.perf_counter()
    refreshed = rollup_refresh(now=datetime.now(UTC))
    refresh_ms = (time.perf_counter() - started) * 1000
    total = BoroughRollup.objects.aggregate(n=Sum("responses"))["n"]
    if refreshed.responses != RECENT or total != ROWS + RECENT:
        print(f"bench dashboard: the refresh counted {refreshed.responses}, total {total}")
        return 1
    print(f"bench dashboard_refresh_{RECENT}_new_ms: {refresh_ms:.0f} ms")
    return 0


def main() -> int:
    admin_url = server_url()
    name = f"vv_bench_dashboard_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    dsn = with_database(admin_url, name)
    os.environ["DATABASE_URL"] = dsn
    try:
        return run(dsn)
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_DASHBOARD_KEEP"):  # for looking at query plans afterwards
            print(f"bench dashboard: kept the database {name}")
        else:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
