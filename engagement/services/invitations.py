"""Invitations, each a free choice (docs/engagement.md, "Invitations").

- `invitation_send` invites the eligible participants of an open opportunity
  (selectors/eligibility.py) by their safe channel, in their language, with a link
  `/register/invitations/<token>/` (only the token's keyed hash is kept).
- `invitation_remind_due` (a scheduled task, engagement/tasks.py) reminds once, three days
  after sending, those who have not answered while the opportunity is open.
- `invitation_accept`, `invitation_decline` and `invitation_withdraw` record an answer: yes
  or no in one click with no reason asked, and a yes withdrawn at any point.

The channel (`invitation_channel`): email when their safe contact says email is safe and
there is an address, else a text when texts are safe and there is a number; never a phone
call or letter. `safecontact.rules.check_attempt` decides, as everywhere: a channel not
said to be safe, with nowhere to send to, or on hold is never used. Its safe times apply
to a text (a phone that buzzes can be seen by someone else at the wrong moment), so a text
outside them is not sent now: the person stays eligible and a later sending (or the
reminder's next run) reaches them. They do not apply to an email, which waits unseen
until its reader opens it.

A reminder needs the link again, and only the token's hash is kept: the reminder carries
a new token, which replaces the first (the first message's link then says it no longer
works, and to use the newest message).

Declines are never held against anyone: nothing here reads a past answer to decide who is
asked; the cap (eligibility) counts invitations sent, whatever the answer.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import require
from engagement import rules
from engagement.access import may_run_register
from engagement.audit_events import (
    INVITATION_ACCEPTED,
    INVITATION_DECLINED,
    INVITATION_WITHDRAWN,
    INVITATIONS_REMINDED,
    INVITATIONS_SENT,
)
from engagement.models import (
    BookingStatus,
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
)
from engagement.selectors.eligibility import INVITATION_CHANNELS, eligible_participants
from engagement.tokens import new_token
from lib.rules import RuleBroken
from notify.messages import language_pick
from privacy.audit import audit_record
from privacy.audit_events import EventType
from safecontact.models import Channel, SafeContact
from safecontact.rules import OUTSIDE_SAFE_TIMES, check_attempt

INVITATION_TEMPLATE = "engagement_invitation"
REMINDER_TEMPLATE = "engagement_invitation_reminder"
# A reminder goes once, this long after the invitation, while it is unanswered.
REMIND_AFTER = timedelta(days=3)
BATCH = 500

# What choosing the channel reads (nothing else is decrypted for 10,000 people).
CONTACT_FIELDS = (
    "id",
    "language",
    "status",
    "email",
    "phone",
    "safe_contact__id",
    "safe_contact__participant_id",
    "safe_contact__application_id",
    "safe_contact__may_email",
    "safe_contact__may_text",
    "safe_contact__phone",
    "safe_contact__email",
    "safe_contact__safe_times",
)

# Who is invited when there are more eligible people than wanted: a fair draw, which knows
# nothing of anyone's past answers. A module attribute so that tests can seed it.
_draw = random.SystemRandom()


# The channel ------------------------------------------------------------------------------


def invitation_channel(contact: SafeContact | None, *, now: datetime) -> str | None:
    """The channel to invite them by now ("email" or "text"), or None (see the module)."""
    for channel in INVITATION_CHANNELS:
        try:
            check_attempt(contact, channel=channel, at=now)
        except RuleBroken as refused:
            if channel == Channel.EMAIL and refused.code == OUTSIDE_SAFE_TIMES:
                return channel
            continue
        return channel
    return None


def invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("engagement:invitation", kwargs={"token": token})


def last_day(opportunity: Opportunity) -> Any:
    """The last day people can answer (it closes at the midnight that ends it)."""
    return timezone.localtime(opportunity.closes_at - timedelta(seconds=1)).date()


def in_language(opportunity: Opportunity, name: str, language: str) -> str:
    """The opportunity's words in `language`: the Welsh ones when given, else English."""
    english = str(getattr(opportunity, name) or "")
    if language_pick(language) == "cy":
        return str(getattr(opportunity, f"{name}_cy", "") or "") or english
    return english


@dataclass(frozen=True)
class _Outgoing:
    participant: Participant
    channel: str
    address: str
    language: str
    token: str
    digest: str


def _outgoing(person: Participant, *, now: datetime) -> _Outgoing | None:
    contact = getattr(person, "safe_contact", None)
    channel = invitation_channel(contact, now=now)
    if channel is None or contact is None:
        return None
    address = contact.email_to_use() if channel == Channel.EMAIL else contact.phone_to_use()
    token, digest = new_token(purpose="invitation")
    return _Outgoing(
        participant=person,
        channel=channel,
        address=address,
        language=language_pick(person.language),
        token=token,
        digest=digest,
    )


def _personalisation(opportunity: Opportunity, out: _Outgoing) -> dict[str, str]:
    with translation.override(out.language):
        closes = date_format(last_day(opportunity), "j F Y")
    return {
        "title": in_language(opportunity, "title", out.language),
        "asked_by": opportunity.asked_by,
        "closes": closes,
        "link": invitation_link(out.token),
    }


def _send(template: str, opportunity: Opportunity, batch: Sequence[_Outgoing]) -> list[Any]:
    """One message each, through notify (stored now, delivered after commit)."""
    from notify.services import message_send_many

    return message_send_many(
        [
            {
                "template": template,
                ("to_email" if out.channel == Channel.EMAIL else "to_phone"): out.address,
                "personalisation": _personalisation(opportunity, out),
                "language": out.language,
            }
            for out in batch
        ]
    )


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Sending ---------------------------------------------------------------------------------


def invitation_send(
    *,
    actor: Any,
    opportunity: Opportunity,
    participants: Iterable[Participant] | None = None,
    limit: int | None = None,
    now: datetime | None = None,
) -> int:
    """Invite the eligible participants of `opportunity` (only those among `participants`
    when given; at most `limit`, drawn at random, when given). Returns how many were sent.
    Those who cannot be contacted safely now are left for a later sending."""
    require(may_run_register(actor))
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Opportunity.objects.select_for_update(of=("self",))
            .select_related("request")
            .get(pk=opportunity.pk)
        )
        rules.check_may_invite(locked, now=now)
        people = eligible_participants(locked, now=now)
        if participants is not None:
            people = people.filter(pk__in=[p.pk for p in participants])
        ids = sorted(people.values_list("pk", flat=True))
        if limit is not None and len(ids) > limit:
            ids = sorted(_draw.sample(ids, max(limit, 0)))
        sent = not_now = 0
        for chunk in _chunks(ids, BATCH):
            batch = Participant.objects.filter(pk__in=chunk).select_related("safe_contact")
            batch = batch.only(*CONTACT_FIELDS)
            outgoing = [out for person in batch if (out := _outgoing(person, now=now))]
            not_now += len(chunk) - len(outgoing)
            if not outgoing:
                continue
            messages = _send(INVITATION_TEMPLATE, locked, outgoing)
            Invitation.objects.bulk_create(
                Invitation(
                    opportunity=locked,
                    participant=out.participant,
                    channel=out.channel,
                    message=message,
                    token_digest=out.digest,
                    invited_at=now,
                )
                for out, message in zip(outgoing, messages, strict=True)
            )
            sent += len(outgoing)
        audit_record(
            actor=actor,
            action=INVITATIONS_SENT,
            obj=locked,
            fields=["invitations"],
            note=f"sent={sent}; not contactable now={not_now}",
        )
    return sent


def invitation_remind_due(*, now: datetime | None = None) -> int:
    """Remind, once, everyone invited at least three days ago who has not answered, while
    the opportunity is open and they are on the register (not paused). Safe to re-run:
    someone who cannot be contacted safely now is tried again at the next run."""
    now = now or timezone.now()
    due = list(
        Invitation.objects.filter(
            status=InvitationStatus.INVITED,
            reminded_at__isnull=True,
            invited_at__lte=now - REMIND_AFTER,
            opportunity__status=OpportunityStatus.OPEN,
            opportunity__closes_at__gt=now,
            participant__status=ParticipantStatus.ACTIVE,
        )
        .order_by("opportunity_id", "pk")
        .values_list("pk", flat=True)
    )
    reminded = 0
    for chunk in _chunks(due, BATCH):
        reminded += _remind(chunk, now=now)
    return reminded


@transaction.atomic
def _remind(ids: Sequence[int], *, now: datetime) -> int:
    invitations = list(
        Invitation.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, status=InvitationStatus.INVITED, reminded_at__isnull=True)
        .select_related("opportunity", "participant__safe_contact")
    )
    by_opportunity: dict[int, list[tuple[Invitation, _Outgoing]]] = {}
    for invitation in invitations:
        out = _outgoing(invitation.participant, now=now)
        if out is not None:
            by_opportunity.setdefault(invitation.opportunity_id, []).append((invitation, out))
    count = 0
    for pairs in by_opportunity.values():
        opportunity = pairs[0][0].opportunity
        messages = _send(REMINDER_TEMPLATE, opportunity, [out for _inv, out in pairs])
        for (invitation, out), message in zip(pairs, messages, strict=True):
            invitation.reminded_at = now
            invitation.token_digest = out.digest
            invitation.message = message
        Invitation.objects.bulk_update(
            [inv for inv, _out in pairs], ["reminded_at", "token_digest", "message"]
        )
        audit_record(
            actor=None,
            action=INVITATIONS_REMINDED,
            obj=opportunity,
            fields=["reminded_at", "token_digest"],
            note=f"reminded={len(pairs)}",
        )
        count += len(pairs)
    return count


# Answers -----------------------------------------------------------------------------------


def _locked(actor: Any, invitation: Invitation) -> Invitation:
    """The invitation, locked, with its opportunity and person. Answered by its link (no
    `actor`: the token is the key) or by the participant it belongs to, signed in."""
    locked = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("opportunity", "participant")
        .get(pk=invitation.pk)
    )
    if actor is not None and getattr(actor, "is_authenticated", False):
        require(locked.participant.user_id == actor.pk)
    if locked.participant.status == ParticipantStatus.LEFT:
        raise RuleBroken(_("This invitation is no longer open"), code="left")
    return locked


def _answered(
    locked: Invitation, *, actor: Any, status: str, when: str, event: EventType, now: datetime
) -> Invitation:
    locked.status = status
    setattr(locked, when, now)
    locked.save(update_fields=["status", when])
    Participant.objects.filter(pk=locked.participant_id).update(last_active_at=now)
    audit_record(actor=actor, action=event, obj=locked, fields=["status", when])
    return locked


@transaction.atomic
def invitation_accept(
    *, actor: Any, invitation: Invitation, now: datetime | None = None
) -> Invitation:
    """Yes, I'd like to take part (no reason asked), while the opportunity is open."""
    now = now or timezone.now()
    locked = _locked(actor, invitation)
    rules.check_may_accept(locked, now=now)
    return _answered(
        locked,
        actor=actor,
        status=InvitationStatus.ACCEPTED,
        when="responded_at",
        event=INVITATION_ACCEPTED,
        now=now,
    )


@transaction.atomic
def invitation_decline(
    *, actor: Any, invitation: Invitation, now: datetime | None = None
) -> Invitation:
    """No thanks (no reason asked; never held against them)."""
    now = now or timezone.now()
    locked = _locked(actor, invitation)
    rules.check_may_decline(locked, now=now)
    return _answered(
        locked,
        actor=actor,
        status=InvitationStatus.DECLINED,
        when="responded_at",
        event=INVITATION_DECLINED,
        now=now,
    )


@transaction.atomic
def invitation_withdraw(
    *, actor: Any, invitation: Invitation, now: datetime | None = None
) -> Invitation:
    """Withdraw a yes, at any point, with no reason asked. A booked place is given up (the
    next on the waiting list gets it)."""
    now = now or timezone.now()
    locked = _locked(actor, invitation)
    rules.check_may_withdraw(locked)
    withdrawn = _answered(
        locked,
        actor=actor,
        status=InvitationStatus.WITHDRAWN,
        when="withdrawn_at",
        event=INVITATION_WITHDRAWN,
        now=now,
    )
    _give_up_bookings(withdrawn)
    return withdrawn


def _give_up_bookings(invitation: Invitation) -> None:
    from engagement.services.booking import booking_cancel

    for booking in invitation.bookings.exclude(status=BookingStatus.CANCELLED):
        booking_cancel(invitation=invitation, booking=booking, reason="withdrew")


@transaction.atomic
def invitations_withdraw_all(*, participant: Participant) -> int:
    """Withdraw every yes of someone leaving the register (their places given up)."""
    withdrawn = 0
    for invitation in participant.invitations.filter(status__in=rules.YES_STATUSES):
        invitation_withdraw(actor=None, invitation=invitation)
        withdrawn += 1
    return withdrawn
