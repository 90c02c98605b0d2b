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

import asyncio
import json
import logging
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import psycopg  # noqa: E402

CASES = int(os.environ.get("BENCH_DESK_CASES", "1000000"))
EVENTS = int(os.environ.get("BENCH_DESK_EVENTS", str(CASES * 10)))
OPEN = int(os.environ.get("BENCH_DESK_OPEN", str(max(100, EVENTS // 200))))
TEAMS = 300
MONTHS = 24
COMPLIANCE_TARGET_SECONDS = 2.0
REPEATS = 3

# Right 6 triggers as a force sees them, with the share of each (adding up to 1).
TRIGGERS = [
    ("arrested", 0.20),
    ("interviewed_under_caution", 0.15),
    ("released_without_charge", 0.10),
    ("bail_or_rui", 0.15),
    ("bail_conditions_changed", 0.05),
    ("charged", 0.10),
    ("out_of_court_disposal", 0.05),
    ("not_investigated", 0.10),
    ("case_closed", 0.10),
]
LATE_REASONS = [
    ("", 0.20),
    ("source_late", 0.10),
    ("no_safe_contact_window", 0.10),
    ("not_reached", 0.30),
    ("oic_info_unavailable", 0.15),
    ("desk_capacity", 0.10),
    ("victim_asked_to_defer", 0.05),
]
LANGUAGES = [
    ("en", 0.88),
    ("pl", 0.02),
    ("ro", 0.02),
    ("bn", 0.02),
    ("pt", 0.015),
    ("es", 0.015),
    ("ar", 0.01),
    ("so", 0.009),
    ("cy", 0.001),
]
AGE_BANDS = [
    ("under_18", 0.10),
    ("18_24", 0.14),
    ("25_34", 0.20),
    ("35_44", 0.18),
    ("45_54", 0.14),
    ("55_64", 0.10),
    ("65_plus", 0.09),
    ("", 0.05),
]
SEXES = [("female", 0.50), ("male", 0.44), ("prefer_not", 0.02), ("", 0.04)]
ETHNIC_GROUPS = [
    ("asian", 0.20),
    ("black", 0.13),
    ("mixed", 0.05),
    ("white", 0.50),
    ("other", 0.05),
    ("prefer_not", 0.02),
    ("", 0.05),
]


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


def by_hash(key: str, salt: int, choices: list[tuple[str, float]]) -> str:
    """SQL choosing one of `choices` (value, share) from a hash of the integer expression
    `key`: the same key always gets the same value, so a victim's codes on their tasks agree
    with each other without a join."""
    bucket = (
        f"((({key})::bigint * {2654435761 + salt * 2}::bigint + {salt * 7919}) % 10007) / 10007.0"
    )
    cases, low = [], 0.0
    for value, share in choices[:-1]:
        low += share
        cases.append(f"WHEN {bucket} < {low:.6f} THEN '{value}'")
    return f"(CASE {' '.join(cases)} ELSE '{choices[-1][0]}' END)"


def pick(choices: list[tuple[str, float]]) -> str:
    """SQL choosing one of `choices` (value, share) at random, row by row."""
    values = ", ".join(f"'{v}'" for v, _share in choices)
    bounds, low = ["0"], 0.0
    for _value, share in choices[:-1]:
        low += share
        bounds.append(f"{low:.6f}")
    return f"(ARRAY[{values}])[width_bucket(random(), ARRAY[{', '.join(bounds)}]::float8[])]"


def first_day() -> date:
    today = datetime.now(UTC).date()
    return today - timedelta(days=MONTHS * 30)


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


EMPTY = {
    "text": "''",
    "character varying": "''",
    "boolean": "false",
    "jsonb": "'[]'::jsonb",
    "integer": "0",
    "smallint": "0",
    "bigint": "0",
}


def default_missing(conn: Any, tables: list[str]) -> list[str]:
    """Give every NOT NULL column of `tables` without a default an empty one while loading,
    so a column added later to a model needs no change here; the statements that take the
    defaults off again (the schema stays as migrated)."""
    restore: list[str] = []
    for table in tables:
        columns = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL "
            "AND is_identity = 'NO'",
            [table],
        ).fetchall()
        for column, data_type in columns:
            if data_type in EMPTY:
                conn.execute(
                    f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {EMPTY[data_type]}'
                )
                restore.append(f'ALTER TABLE {table} ALTER COLUMN "{column}" DROP DEFAULT')
    return restore


# Enhanced rights for 8% of victims, worked out from the victim's id (as by_hash does).
ENHANCED = "((({v})::bigint * 40503) % 100 < 8)"


def victim_codes(v: str) -> dict[str, str]:
    return {
        "enhanced": ENHANCED.format(v=v),
        "language": by_hash(v, 1, LANGUAGES),
        "age_band": by_hash(v, 2, AGE_BANDS),
        "sex": by_hash(v, 3, SEXES),
        "ethnic_group": by_hash(v, 4, ETHNIC_GROUPS),
    }


def generate(dsn: str) -> None:
    """The teams (through the ORM), then cases, victims, events and tasks in SQL."""
    from django.contrib.auth.hashers import make_password

    from accounts.models import User
    from feedback.models import Borough, Team
    from lib.encryption import encrypt_str

    boroughs = list(Borough.objects.order_by("pk"))
    Team.objects.bulk_create(
        Team(name=f"Bench team {i}", slug=f"bench-team-{i}", borough=boroughs[i % len(boroughs)])
        for i in range(TEAMS)
    )
    agent = User.objects.create(
        email="bench.desk.agent@example.org",
        full_name="Bench Desk Agent",
        password=make_password(None),
    )
    token = {
        "reference": encrypt_str("5012345/26"),
        "name": encrypt_str("Alex Example"),
        "dob": encrypt_str("1980-05-17"),
        "postcode": encrypt_str("NW1 2AB"),
        "code": encrypt_str("female"),
        "empty": encrypt_str(""),  # an encrypted column left blank still holds a token
    }
    start = first_day()
    days = (datetime.now(UTC).date() - start).days
    # Cases and events lean to recent months (sqrt), as a growing desk's would.
    when = f"(timestamptz '{start.isoformat()} 00:00+00' + sqrt(random()) * interval '{days} days')"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        conn.execute("SET session_replication_role = replica")  # no FK triggers while loading
        conn.execute("SET maintenance_work_mem = '1GB'")
        limits: dict[str, int] = dict(
            conn.execute("SELECT code, id FROM desk_timelimit").fetchall()
        )
        offences = [row[0] for row in conn.execute("SELECT id FROM desk_offencecategory")]
        conn.execute(
            "CREATE TABLE bench_team (idx int PRIMARY KEY, team_id bigint, borough_id bigint)"
        )
        conn.execute(
            "INSERT INTO bench_team SELECT row_number() OVER (ORDER BY id) - 1, id, borough_id "
            "FROM feedback_team WHERE slug LIKE 'bench-team-%'"
        )
        tables = ["desk_case", "desk_victim", "desk_caseevent", "desk_task"]
        dropped = drop_indexes(conn, tables)
        defaults = default_missing(conn, tables)
        offence = f"(ARRAY[{', '.join(map(str, offences))}])[1 + (r.g % {len(offences)})]"
        # Cases: id = g; the team worked out from the id, skewed: some teams are busier.
        team_of = f"least({TEAMS - 1}, floor(power(((r.g::bigint * 48271) % 10007) / 10007.0, 1.6) * {TEAMS}))::int"
        conn.execute(
            "INSERT INTO desk_case (id, crime_reference, crime_reference_digest, integration_id, "
            "offence_category_id, team_id, officer_in_charge_id, oic_display, status, closed_at, "
            "created_via, created_at, updated_at) "
            f"SELECT r.g, '{token['reference']}', md5(r.g::text) || md5('c' || r.g), NULL, "
            f"{offence}, t.team_id, NULL, '', 'open', NULL, 'api', r.ts, r.ts "
            f"FROM (SELECT g, {when} AS ts FROM generate_series(1, {CASES}) g) r "
            f"JOIN bench_team t ON t.idx = {team_of}"
        )
        # Victims: V1 of case c has id c; every fifth case has a V2 with id CASES + c / 5.
        codes = victim_codes("v.id")
        conn.execute(
            "INSERT INTO desk_victim (id, case_id, victim_ref, full_name, date_of_birth, "
            "postcode, postcode_digest, dob_digest, language, interpreter_language, sex, "
            "ethnic_group, nominee_name, nominee_relationship, enhanced, feedback_opt_out, "
            "erased_at, created_at, updated_at) "
            f"SELECT v.id, v.case_id, v.ref, '{token['name']}', '{token['dob']}', "
            f"'{token['postcode']}', md5('p' || v.id), md5('d' || v.id), {codes['language']}, "
            f"'', '{token['code']}', '{token['code']}', '{token['empty']}', '{token['empty']}', "
            f"{codes['enhanced']}, false, "
            "NULL, c.created_at, c.created_at "
            f"FROM (SELECT g AS id, g AS case_id, 'V1' AS ref FROM generate_series(1, {CASES}) g "
            f"UNION ALL SELECT {CASES} + g / 5, g, 'V2' FROM generate_series(5, {CASES}, 5) g) v "
            "JOIN desk_case c ON c.id = v.case_id"
        )
        victims = CASES + CASES // 5
        # Events: id = g, on case 1 + (g * a prime) mod CASES, for its V1 or (on every fifth
        # case, half the time) its V2; the last OPEN events are recent and their tasks open.
        kind = pick(TRIGGERS)
        conn.execute(
            "CREATE TABLE bench_event AS SELECT g AS id, c AS case_id, "
            f"CASE WHEN c % 5 = 0 AND g % 2 = 0 THEN {CASES} + c / 5 ELSE c END AS victim_id, "
            f"CASE WHEN g > {EVENTS - OPEN} THEN 'open' ELSE 'done' END AS state, "
            f"CASE WHEN g % 100 < 92 THEN {kind} WHEN g % 100 < 97 THEN 'periodic' "
            "ELSE 'referral' END AS obligation, "
            f"CASE WHEN g > {EVENTS - OPEN} THEN "
            # Open: 20% overdue (due in the last 3 weeks), 10% due today, 70% in 2 weeks.
            "  current_date + CASE WHEN g % 10 < 2 THEN -1 - (g % 21) WHEN g % 10 = 2 THEN 0 "
            "  ELSE 1 + (g % 14) END "
            f"ELSE ({when})::date + 7 END AS due_date "
            f"FROM (SELECT g, 1 + ((g::bigint * 7919) % {CASES}) AS c "
            f"FROM generate_series(1, {EVENTS}) g) s"
        )
        conn.execute(
            "INSERT INTO desk_caseevent (id, case_id, victim_id, kind, occurred_at, received_at, "
            "received_event_id, created_by_id, correction_reason) "
            "SELECT e.id, e.case_id, e.victim_id, "
            "CASE WHEN e.obligation IN ('periodic', 'referral') THEN 'details_changed' "
            "ELSE e.obligation END, "
            "(e.due_date - 7)::timestamp AT TIME ZONE 'Europe/London' + interval '10 hours', "
            "(e.due_date - 7)::timestamp AT TIME ZONE 'Europe/London' + interval '10 hours 5 minutes', "
            f"NULL, NULL, '{token['empty']}' FROM bench_event e"
        )
        limit_ids = " ".join(f"WHEN '{code}' THEN {pk}" for code, pk in limits.items())
        codes = victim_codes("e.victim_id")
        due_at = "((e.due_date + 1)::timestamp AT TIME ZONE 'Europe/London')"
        late = "(e.id % 100 < 15)"  # done late
        late_days = "(1 + (e.id % 7) * (e.id % 3))"
        conn.execute(
            "INSERT INTO desk_task (kind, obligation, case_id, victim_id, time_limit_id, "
            "days_used, event_id, referral_id, routed_comment_id, due_date, due_at, "
            "closure_moved, status, claimed_by_id, claimed_until, created_at, done_at, "
            "done_by_id, contact_id, late_working_days, late_reason, late_note, "
            "routed_action, routed_note, cancelled_reason, team_id, borough_id, enhanced, grounds, "
            "language, age_band, sex, ethnic_group) "
            "SELECT CASE WHEN e.obligation IN ('periodic', 'referral') THEN e.obligation "
            "ELSE 'right6' END, e.obligation, e.case_id, e.victim_id, "
            f"CASE e.obligation {limit_ids} ELSE NULL END, "
            f"CASE WHEN e.obligation = 'periodic' THEN NULL WHEN {codes['enhanced']} THEN 1 "
            "WHEN e.obligation = 'referral' THEN 2 ELSE 5 END, "
            "CASE WHEN e.obligation IN ('periodic', 'referral') THEN NULL ELSE e.id END, "
            f"NULL, NULL, e.due_date, {due_at}, false, e.state, "
            f"CASE WHEN e.state = 'open' AND e.id % 100 = 0 THEN {agent.pk} END, "
            "CASE WHEN e.state = 'open' AND e.id % 100 = 0 THEN now() + interval '30 minutes' END, "
            f"{due_at} - interval '7 days', "
            f"CASE WHEN e.state = 'open' THEN NULL WHEN {late} THEN {due_at} + "
            f"{late_days} * interval '1 day' + interval '10 hours' "
            f"ELSE {due_at} - interval '1 hour' * (1 + e.id % 100) END, "
            f"CASE WHEN e.state = 'done' THEN {agent.pk} END, NULL, "
            f"CASE WHEN e.state = 'open' THEN NULL WHEN {late} THEN {late_days} ELSE 0 END, "
            f"CASE WHEN e.state = 'done' AND {late} THEN {by_hash('e.id', 5, LATE_REASONS)} "
            "WHEN e.state = 'open' AND e.due_date < current_date AND e.id % 5 = 0 "
            "THEN 'source_late' ELSE '' END, "
            f"'{token['empty']}', '', '{token['empty']}', '', t.team_id, t.borough_id, "
            f"{codes['enhanced']}, CASE WHEN {codes['enhanced']} THEN "
            """'["vulnerable"]'::jsonb ELSE '[]'::jsonb END, """
            f"{codes['language']}, {codes['age_band']}, {codes['sex']}, {codes['ethnic_group']} "
            "FROM bench_event e JOIN desk_case c ON c.id = e.case_id "
            "JOIN bench_team t ON t.team_id = c.team_id"
        )
        for table, count in (("desk_case", CASES), ("desk_victim", victims)):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {count})")
        conn.execute(f"SELECT setval(pg_get_serial_sequence('desk_caseevent', 'id'), {EVENTS})")
        conn.execute("SET session_replication_role = DEFAULT")
        for statement in defaults + dropped:
            conn.execute(statement)
        conn.execute("DROP TABLE bench_team, bench_event")
        for table in ("desk_case", "desk_victim", "desk_caseevent", "desk_task"):
            conn.execute(f"VACUUM ANALYZE {table}")


# The compliance figures ------------------------------------------------------------------


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
