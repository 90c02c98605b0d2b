"""Who is eligible for an opportunity (docs/engagement.md, "Invitations, each a free choice").

`eligible_participants(opportunity)` is one SQL query, the same on PostgreSQL and SQLite:

- ACTIVE participants whose contact details are verified (not paused, not left);
- who match each eligibility list the opportunity sets (an empty list means anyone): their
  area among `areas`, their age band among `age_bands`, and at least one code in common
  with `crime_kinds`, `languages` and `formats` (the participant's JSON lists, compared in
  SQL: `?|` on PostgreSQL's jsonb, `json_each` on SQLite);
- whose safe contact says email or text is safe, with an address or number to use (theirs
  or the safe one: keyed hashes tell whether one is there without decrypting it) and that
  channel not on hold;
- not already invited to this opportunity;
- under the cap of the Terms of Reference in force: fewer than `invite_cap` invitations
  sent to them in the last `cap_days` days.

A decline is never held against anyone: the cap counts invitations sent, whatever the
answer, and nothing here (or anywhere else that decides who is asked) reads a decline.

On PostgreSQL the same question is one scan of one partial covering index (a register of
100,000 answers in milliseconds, bench/bench_engagement_register.py): two facts the database
keeps on each participant's row with triggers, whoever writes (migration 0006) -
`reach_by_writing` (the safe channel test above, holds included) and `recent_invited_at`
(their latest invitations' times, newest first, at most `RECENT_KEPT`: under the cap when
the `invite_cap`-th is before the period). They are not model fields, so Django never
writes them. SQLite, and a cap above `RECENT_KEPT`, read the tables instead: the same people
(tests/engagement/test_eligibility_kept.py compares the two).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connections
from django.db.models import BooleanField, Count, Expression, F, Q, QuerySet
from django.utils import timezone

from engagement.models import (
    Invitation,
    Opportunity,
    Participant,
    ParticipantStatus,
    Terms,
)
from safecontact.models import Channel, ChannelHold

# The channels an invitation may go by, in the order they are tried (never phone or letter:
# an invitation is not worth a call, and a letter can be read by anyone at the address).
INVITATION_CHANNELS = (Channel.EMAIL, Channel.TEXT)


class JsonListOverlaps(Expression):
    """True when the JSON list in `field` holds at least one of `values` (strings)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, field: str, values: Sequence[str]) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(field)
        self.values = [str(v) for v in values]

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> JsonListOverlaps:
        copy = self.copy()
        copy.column = self.column.resolve_expression(*args, **kwargs)
        return copy

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # SQLite (and any database with JSON1's json_each).
        column, params = compiler.compile(self.column)
        marks = ", ".join(["%s"] * len(self.values))
        # Only the compiled column and placeholders go into the text; the codes are params.
        sql = f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value IN ({marks}))"  # noqa: S608
        return sql, [*params, *self.values]

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        # jsonb ?| text[]: any of the strings is an element of the array.
        column, params = compiler.compile(self.column)
        return f"({column} ?| %s::text[])", [*params, self.values]


# How many invitation times PostgreSQL keeps on each participant's row (migration 0006): the
# most the Terms of Reference may set as the cap (engagement/services/terms.py, LIMITS).
RECENT_KEPT = 50


class _KeptColumn(Expression):
    """A condition on a column PostgreSQL keeps on the participant's row (migration 0006),
    which is not a model field: `template` with `{column}` for the column, qualified with the
    participant table's alias in this query (taken from the compiled primary key, so that it
    follows Django's relabelling in a subquery)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, template: str, params: Sequence[Any] = ()) -> None:
        super().__init__(output_field=BooleanField())
        self.pk: Any = F("pk")
        self.column = column
        self.template = template
        self.params = list(params)

    def get_source_expressions(self) -> list[Any]:
        return [self.pk]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.pk,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> _KeptColumn:
        copy = self.copy()
        copy.pk = self.pk.resolve_expression(*args, **kwargs)
        return copy

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        pk_sql, pk_params = compiler.compile(self.pk)
        table = pk_sql.rsplit(".", 1)[0]
        column = f"{table}.{connection.ops.quote_name(self.column)}"
        return self.template.format(column=column), [*pk_params, *self.params]


def reach_by_writing() -> _KeptColumn:
    """PostgreSQL: `safe_channel_q()`, as the database keeps it."""
    return _KeptColumn("reach_by_writing", "{column}")


def under_cap(*, since: datetime, cap: int) -> _KeptColumn:
    """PostgreSQL: fewer than `cap` (at most RECENT_KEPT) invitations sent since `since`."""
    return _KeptColumn(
        "recent_invited_at",
        "(cardinality({column}) < %s OR {column}[%s] < %s)",
        [cap, cap, since],
    )


def _kept_by_database(using: str = "default") -> bool:
    return connections[using].vendor == "postgresql"


def terms_in_force(day: date | None = None) -> Terms:
    """The Terms of Reference in force on `day` (today): the latest from that day or before;
    the defaults if none is set."""
    day = day or timezone.localdate()
    found = Terms.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    return found or Terms(effective_from=day)


def _held(channel: str) -> QuerySet[Any]:
    """The participants with `channel` on hold (an open hold on their safe contact)."""
    return ChannelHold.objects.filter(
        channel=channel, decision="", safe_contact__participant__isnull=False
    ).values("safe_contact__participant_id")


def safe_channel_q() -> Q:
    """Their safe contact allows email or text, has somewhere to send it, and the channel
    is not on hold."""
    email = (
        Q(safe_contact__may_email=True)
        & (Q(safe_contact__email_digest__gt="") | Q(email_digest__gt=""))
        & ~Q(pk__in=_held(Channel.EMAIL))
    )
    text = (
        Q(safe_contact__may_text=True)
        & (Q(safe_contact__phone_digest__gt="") | Q(phone_digest__gt=""))
        & ~Q(pk__in=_held(Channel.TEXT))
    )
    return email | text


def capped_participants(*, now: datetime | None = None, terms: Terms | None = None) -> Any:
    """The ids of participants who have had `invite_cap` invitations or more in the last
    `cap_days` days (every invitation sent counts, whatever the answer)."""
    now = now or timezone.now()
    terms = terms or terms_in_force(timezone.localdate(now))
    since = now - timedelta(days=terms.cap_days)
    return (
        Invitation.objects.filter(invited_at__gte=since)
        .values("participant_id")
        .annotate(sent=Count("*"))
        .filter(sent__gte=terms.invite_cap)
        .values("participant_id")
    )


def eligible_participants(
    opportunity: Opportunity, *, now: datetime | None = None
) -> QuerySet[Participant]:
    """The participants who may be invited to `opportunity` now (see the module's doc)."""
    now = now or timezone.now()
    terms = terms_in_force(timezone.localdate(now))
    kept = _kept_by_database()
    people = Participant.objects.filter(status=ParticipantStatus.ACTIVE, verified_at__isnull=False)
    people = people.filter(reach_by_writing()) if kept else people.filter(safe_channel_q())
    if opportunity.areas:
        people = people.filter(area__in=list(opportunity.areas))
    if opportunity.age_bands:
        people = people.filter(age_band__in=list(opportunity.age_bands))
    for name in ("crime_kinds", "languages", "formats"):
        wanted = getattr(opportunity, name)
        if wanted:
            people = people.filter(JsonListOverlaps(name, wanted))
    if opportunity.pk is not None:
        people = people.exclude(
            pk__in=Invitation.objects.filter(opportunity_id=opportunity.pk).values("participant_id")
        )
    if kept and terms.invite_cap <= RECENT_KEPT:
        since = now - timedelta(days=terms.cap_days)
        return people.filter(under_cap(since=since, cap=terms.invite_cap))
    return people.exclude(pk__in=capped_participants(now=now, terms=terms))


def eligible_count(opportunity: Opportunity) -> int:
    """How many may be invited now (a count only: pages never list who)."""
    return eligible_participants(opportunity).count()
