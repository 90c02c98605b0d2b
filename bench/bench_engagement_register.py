"""Benchmark: the engagement register at a force's size (docs/engagement.md): who is eligible
for an opportunity among 100,000 participants, and inviting 10,000 through the outbox and the
task worker.

Creates a temporary PostgreSQL database (on the server DATABASE_URL names when that is
PostgreSQL, else on 127.0.0.1:5432 as user postgres), migrates it, and generates in SQL
(INSERT ... SELECT over generate_series; each encrypted column holds one token encrypted
once):

- BENCH_ENGAGEMENT_PARTICIPANTS participants (default 100,000): 92% active, the rest paused,
  left or unverified; London's 33 areas (a tenth not given), age bands, one or two kinds of
  crime, languages (a tenth Welsh speakers) and ways of taking part; 80% with an email
  address, half with a phone number; their safe contacts (email safe for 70%, texts for
  50%), 500 channels on hold;
- 150,000 earlier invitations to 40 past opportunities over the last 120 days (so the cap
  of the Terms of Reference has work to do).

The rows go through the triggers of engagement/migrations/0006 as any write does, so the
facts PostgreSQL keeps on each participant (reach by writing, the latest invitations' times)
are the ones the selector reads.

Lines (`bench NAME: VALUE UNIT`):

- engagement_eligible_p95 (target at most 100 ms): `eligible_participants(opportunity)`
  read to the list of ids (as invitation_send reads it) for five kinds of opportunity (anyone;
  five areas; two kinds of crime online; Welsh speakers; areas, ages and kinds of crime
  together), 20 warm runs each; with the count's p95 beside it, and a check that the same
  people are found from the tables (engagement_eligible_from_tables, not timed);
- engagement_invite_10000_seconds (target at most 60 s): `invitation_send` for 10,000 people
  (tokens, messages rendered in each person's language and stored, invitations) and then
  the database task worker (`db_worker --batch`) until every message is delivered to the
  outbox backend; with the two parts' seconds beside it.

Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_engagement_register.py;
BENCH_ENGAGEMENT_PARTICIPANTS=20000 for a quick run; BENCH_ENGAGEMENT_KEEP=1 keeps the
database for looking at query plans.
"""

# ruff: noqa: S608 - the SQL below is built only from this script's own constants.
from __future__ import annotations

import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")
# Deliveries go through the database queue and its worker, as in production.
os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
os.environ["NOTIFY_BACKEND"] = "outbox"

import psycopg  # noqa: E402
from desk_data import percentile, server_url, with_database  # noqa: E402

PARTICIPANTS = int(os.environ.get("BENCH_ENGAGEMENT_PARTICIPANTS", "100000"))
PAST_INVITATIONS = 150_000
PAST_OPPORTUNITIES = 40
INVITE = 10_000
ELIGIBLE_TARGET_MS = 100.0
INVITE_TARGET_SECONDS = 60.0
RUNS = 20

CRIME_KINDS = [
    "burglary",
    "theft",
    "robbery",
    "violence",
    "sexual_offence",
    "domestic_abuse",
    "stalking_harassment",
    "hate_crime",
    "fraud",
    "online_crime",
    "criminal_damage",
    "other",
]
AGE_BANDS = ["16_24", "25_34", "35_49", "50_64", "65_plus", "prefer_not_to_say"]


def _array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"


def _defaults(
    model: Any, given: dict[str, str], connection: Any
) -> tuple[list[str], list[str], list[Any]]:
    """Columns, SQL expressions and parameters for every concrete field of `model`: the given
    expressions, else NULL for a nullable field, else the field's default (one value, the
    same for every row; an encrypted one is encrypted once)."""
    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(f'"{field.column}"')
        if field.column in given:
            expressions.append(given[field.column])
        elif field.null:
            expressions.append("NULL")
        else:
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    return columns, expressions, params


def generate() -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from accounts.models import RoleAssignment, User
    from accounts.roles import Role
    from engagement.areas import areas
    from engagement.models import Kind, Opportunity, OpportunityStatus, Participant
    from lib.encryption import encrypt_str
    from safecontact.models import SafeContact

    admin = User.objects.create(
        email="bench.engagement.admin@example.org",
        full_name="Bench Programme Admin",
        password=make_password(None),
    )
    RoleAssignment.objects.create(user=admin, role=Role.PROGRAMME_ADMIN)
    codes = [code for code, _name in areas("london")]
    now = timezone.now()
    participant_sql = {
        "status": (
            "CASE WHEN mod(g, 100) < 92 THEN 'active' WHEN mod(g, 100) < 96 THEN 'paused' "
            "WHEN mod(g, 100) < 99 THEN 'left' ELSE 'unverified' END"
        ),
        "language": "CASE WHEN mod(g, 10) = 0 THEN 'cy' ELSE 'en' END",
        "full_name": "%s",
        "email": "%s",
        "phone": "%s",
        "email_digest": "CASE WHEN mod(g, 10) < 8 THEN md5('e' || g) ELSE '' END",
        "phone_digest": "CASE WHEN mod(g, 2) = 0 THEN md5('p' || g) ELSE '' END",
        "verified_at": "CASE WHEN mod(g, 100) < 99 THEN %s::timestamptz END",
        "area": f"CASE WHEN mod(g, 10) = 9 THEN '' ELSE ({_array(codes)})[1 + mod(g * 7, {len(codes)})] END",
        "age_band": f"({_array(AGE_BANDS)})[1 + mod(g * 13, {len(AGE_BANDS)})]",
        "crime_kinds": (
            f"CASE WHEN mod(g, 3) = 0 THEN jsonb_build_array(({_array(CRIME_KINDS)})[1 + mod(g, 12)]) "
            f"ELSE jsonb_build_array(({_array(CRIME_KINDS)})[1 + mod(g, 12)], "
            f"({_array(CRIME_KINDS)})[1 + mod(g * 5 + 3, 12)]) END"
        ),
        "languages": (
            'CASE WHEN mod(g, 10) = 0 THEN \'["en", "cy"]\'::jsonb '
            "WHEN mod(g, 10) = 1 THEN '[\"pl\"]'::jsonb ELSE '[\"en\"]'::jsonb END"
        ),
        "formats": (
            "CASE mod(g, 3) WHEN 0 THEN '[\"online\"]'::jsonb "
            'WHEN 1 THEN \'["online", "phone"]\'::jsonb ELSE \'["in_person"]\'::jsonb END'
        ),
        "created_at": "%s::timestamptz",
        "last_active_at": "%s::timestamptz",
    }
    columns, expressions, defaults = _defaults(Participant, participant_sql, connection)
    given_params = {
        "full_name": encrypt_str("Bench Participant"),
        "email": encrypt_str("bench.participant@example.org"),
        "phone": encrypt_str("07700900123"),
        "verified_at": now,
        "created_at": now,
        "last_active_at": now,
    }
    # Parameters in the order their %s appear in the expressions.
    params: list[Any] = []
    default_iter = iter(defaults)
    for field in Participant._meta.concrete_fields:
        if field.primary_key:
            continue
        expression = participant_sql.get(field.column)
        if expression is None:
            if not field.null:
                params.append(next(default_iter))
        elif "%s" in expression:
            params.append(given_params[field.column])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Participant._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {', '.join(expressions)} FROM generate_series(1, {PARTICIPANTS}) AS g",
            params,
        )
        contact_sql = {
            "participant_id": "p.id",
            "may_email": "mod(p.id, 10) < 7",
            "may_text": "mod(p.id, 10) >= 5",
            "updated_at": "%s::timestamptz",
        }
        columns, expressions, defaults = _defaults(SafeContact, contact_sql, connection)
        params = []
        default_iter = iter(defaults)
        for field in SafeContact._meta.concrete_fields:
            if field.primary_key:
                continue
            expression = contact_sql.get(field.column)
            if expression is None:
                if not field.null:
                    params.append(next(default_iter))
            elif "%s" in expression:
                params.append(now)
        cursor.execute(
            f"INSERT INTO {SafeContact._meta.db_table} ({', '.join(columns)}) "
            f"SELECT {', '.join(expressions)} FROM {Participant._meta.db_table} AS p",
            params,
        )
        cursor.execute(
            "INSERT INTO safecontact_channelhold (safe_contact_id, channel, reason, created_at, "
            "decision, review_note) SELECT id, CASE WHEN mod(id, 2) = 0 THEN 'email' ELSE 'text' END, "
            "'asked', %s, '', %s FROM safecontact_safecontact "
            "WHERE participant_id IS NOT NULL ORDER BY id LIMIT 500",
            [now, encrypt_str("")],
        )
    past = Opportunity.objects.bulk_create(
        Opportunity(
            kind=Kind.SURVEY,
            status=OpportunityStatus.CLOSED,
            asked_by="Bench partner",
            title=f"Past opportunity {i}",
            purpose="Bench",
            involves="Bench",
            duration_minutes=10,
            places=20,
            opens_at=now,
            closes_at=now,
        )
        for i in range(PAST_OPPORTUNITIES)
    )
    first_opportunity = min(o.pk for o in past)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id) FROM {Participant._meta.db_table}")
        low, high = cursor.fetchone()
        span = high - low + 1
        cursor.execute(
            "INSERT INTO engagement_invitation (opportunity_id, participant_id, status, channel, "
            "token_digest, invited_at) "
            f"SELECT {first_opportunity} + mod(g, {PAST_OPPORTUNITIES}), "
            f"{low} + mod(g * 7919, {span}), "
            "CASE WHEN mod(g, 3) = 0 THEN 'declined' WHEN mod(g, 3) = 1 THEN 'accepted' ELSE 'invited' END, "
            "'email', md5('i' || g), %s::timestamptz - random() * interval '120 days' "
            f"FROM generate_series(1, {PAST_INVITATIONS}) AS g ON CONFLICT DO NOTHING",
            [now],
        )
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would: index-only scans need it
    return {"admin": admin}


def shapes() -> list[Any]:
    from django.utils import timezone

    from engagement.areas import areas
    from engagement.models import Kind, Opportunity, OpportunityStatus

    codes = [code for code, _name in areas("london")]
    now = timezone.now()
    base = {
        "kind": Kind.SURVEY,
        "status": OpportunityStatus.OPEN,
        "asked_by": "Bench partner",
        "purpose": "Bench",
        "involves": "Bench",
        "duration_minutes": 10,
        "places": 20,
        "opens_at": now,
        "closes_at": now + timedelta(days=14),
    }
    return [
        Opportunity.objects.create(title="Anyone", **base),
        Opportunity.objects.create(title="Five areas", areas=codes[:5], **base),
        Opportunity.objects.create(
            title="Two kinds of crime, online",
            crime_kinds=["fraud", "burglary"],
            formats=["online"],
            **base,
        ),
        Opportunity.objects.create(title="Welsh speakers", languages=["cy"], **base),
        Opportunity.objects.create(
            title="Areas, ages and kinds of crime",
            areas=codes[:10],
            age_bands=["25_34", "35_49"],
            crime_kinds=["violence", "hate_crime", "robbery"],
            **base,
        ),
    ]


def bench_eligible() -> int:
    from engagement.selectors.eligibility import eligible_participants

    listed: list[float] = []
    counted: list[float] = []
    sizes = []
    items = shapes()
    for item in items:
        ids = list(eligible_participants(item).values_list("pk", flat=True))  # warm
        sizes.append(f"{item.title}: {len(ids):,}")
        for _run in range(RUNS):
            started = time.perf_counter()
            ids = list(eligible_participants(item).values_list("pk", flat=True))
            listed.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            eligible_participants(item).count()
            counted.append((time.perf_counter() - started) * 1000)
    p95 = percentile(listed, 0.95)
    same = _same_from_tables(items)
    print(f"bench engagement_eligible_sizes: {'; '.join(sizes)}")
    print(f"bench engagement_eligible_from_tables: {'the same people' if same else 'DIFFERENT'}")
    print(f"bench engagement_eligible_count_p95: {percentile(counted, 0.95):.1f} ms")
    print(f"bench engagement_eligible_p95: {p95:.1f} ms (target <= {ELIGIBLE_TARGET_MS:.0f} ms)")
    return 0 if p95 <= ELIGIBLE_TARGET_MS and same else 1


def _same_from_tables(items: list[Any]) -> bool:
    """Whether reading the tables (as SQLite does) finds exactly the people the facts
    PostgreSQL keeps find, for every kind of opportunity."""
    from engagement.selectors import eligibility

    def ids(item: Any) -> set[int]:
        return set(eligibility.eligible_participants(item).values_list("pk", flat=True))

    kept = eligibility._kept_by_database
    found = [ids(item) for item in items]
    eligibility._kept_by_database = lambda using="default": False  # type: ignore[assignment]
    try:
        return found == [ids(item) for item in items]
    finally:
        eligibility._kept_by_database = kept  # type: ignore[assignment]


def bench_invite(admin: Any) -> int:
    from django.core.management import call_command
    from django.utils import timezone

    from engagement.models import Invitation, Kind, Opportunity, OpportunityStatus
    from engagement.services.invitations import invitation_send
    from notify.models import Message, MessageStatus

    now = timezone.now()
    item = Opportunity.objects.create(
        kind=Kind.SURVEY,
        status=OpportunityStatus.OPEN,
        asked_by="Bench partner",
        title="Ten thousand invitations",
        title_cy="Deg mil o wahoddiadau",
        purpose="Bench",
        involves="Bench",
        duration_minutes=10,
        places=200,
        opens_at=now,
        closes_at=now + timedelta(days=14),
    )
    started = time.perf_counter()
    sent = 0
    for _round in range(5):  # texts outside safe times wait: draw again for the rest
        if sent >= INVITE:
            break
        sent += invitation_send(actor=admin, opportunity=item, limit=INVITE - sent)
    sending = time.perf_counter() - started
    worker_started = time.perf_counter()
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    worker = time.perf_counter() - worker_started
    total = time.perf_counter() - started
    delivered = Message.objects.filter(status=MessageStatus.SENT).count()
    invited = Invitation.objects.filter(opportunity=item).count()
    print(
        f"bench engagement_invite_parts: {invited:,} invited, {delivered:,} delivered to the "
        f"outbox; sending {sending:.1f} s, worker {worker:.1f} s"
    )
    print(
        f"bench engagement_invite_10000_seconds: {total:.1f} s "
        f"(target <= {INVITE_TARGET_SECONDS:.0f} s)"
    )
    ok = delivered >= INVITE and invited >= INVITE and total <= INVITE_TARGET_SECONDS
    return 0 if ok else 1


def run() -> int:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    made = generate()
    print(
        f"bench engagement_rows: {PARTICIPANTS:,} participants, "
        f"{PAST_INVITATIONS:,} earlier invitations; generated in "
        f"{time.perf_counter() - started:.1f} s"
    )
    status = bench_eligible()
    status |= bench_invite(made["admin"])
    return status


def main() -> int:
    admin_url = server_url()
    name = f"vv_bench_engagement_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = with_database(admin_url, name)
    try:
        return run()
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_ENGAGEMENT_KEEP"):
            print(f"bench engagement: kept the database {name}")
        else:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
