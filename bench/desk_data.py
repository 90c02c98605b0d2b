"""The Victim Focus Desk's benchmark data (bench/bench_desk.py): a temporary PostgreSQL
database and a force's desk generated in it in SQL, with the helpers the measurements share.
See bench_desk.py's docstring for what is generated."""

# ruff: noqa: S608 - the SQL below is built only from this script's own constants.
from __future__ import annotations

import os
import sys
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
