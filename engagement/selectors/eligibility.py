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
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

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
    people = Participant.objects.filter(
        status=ParticipantStatus.ACTIVE, verified_at__isnull=False
    ).filter(safe_channel_q())
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
    return people.exclude(pk__in=capped_participants(now=now))


def eligible_count(opportunity: Opportunity) -> int:
    """How many may be invited now (a count only: pages never list who)."""
    return eligible_participants(opportunity).count()
