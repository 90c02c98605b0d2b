"""The contact log and a victim's safe contact (docs/desk.md, "Contact log").

Every contact is checked first by safecontact.rules.check_attempt against the safe contact
of the person contacted (the victim's, or their nominated person's): a refusal is audited
in its own transaction, so the record of it survives, and raised for the page to show.
"Unsafe, abandoned" puts the channel on hold until a desk supervisor reviews it. "Reached"
closes the victim's open tasks for the updates the agent says were given, then moves their
regular update on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from desk.access import may_work_desk
from desk.audit_events import CONTACT_LOGGED, CONTACT_REFUSED
from desk.models import (
    ROUTED_KINDS,
    ContactAttempt,
    Direction,
    Party,
    Task,
    TaskStatus,
    Victim,
)
from desk.rules import check_contact_time, check_rights_delivered
from desk.selectors.cases import owed_codes, safe_contact_of
from desk.services.agreements import periodic_schedule
from desk.services.tasks import needs_late_reason, task_close
from lib.rules import RuleBroken
from privacy.audit import audit_record
from safecontact.models import Channel, HoldReason, Outcome, SafeContact
from safecontact.rules import check_attempt
from safecontact.services import channel_hold_create, safe_contact_update


def _check_party(victim: Victim, party: str) -> None:
    if party not in Party.values:
        raise RuleBroken(_("Choose who the contact was with."), field="party")
    if party == Party.NOMINEE and not victim.nominee_name:
        raise RuleBroken(_("This victim has no nominated person."), field="party")


def safe_contact_ensure(*, actor: Any, victim: Victim, party: str = Party.VICTIM) -> SafeContact:
    """The safe contact of the victim or their nominated person, made empty (nothing safe)
    when they have none yet."""
    require(may_work_desk(actor))
    _check_party(victim, party)
    with transaction.atomic():
        if party == Party.NOMINEE:
            contact, _made = SafeContact.objects.get_or_create(nominee_of=victim)
        else:
            contact, _made = SafeContact.objects.get_or_create(victim=victim)
    return contact


def safe_contact_set(
    *, actor: Any, victim: Victim, party: str = Party.VICTIM, **fields: Any
) -> list[str]:
    """Change how the victim (or their nominated person) may be contacted safely; the names
    of the fields that changed (audited by safecontact)."""
    with transaction.atomic():
        contact = safe_contact_ensure(actor=actor, victim=victim, party=party)
        return safe_contact_update(actor=actor, contact=contact, **fields)


@dataclass
class ContactLogged:
    contact: ContactAttempt
    closed: list[Task] = field(default_factory=list)
    # Closed after their deadline with no reason yet: the agent is asked on desk:late_reason.
    late: list[Task] = field(default_factory=list)


def _refused(actor: Any, victim: Victim, broken: RuleBroken, **values: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=CONTACT_REFUSED,
            obj=victim,
            fields=["channel", "direction", "outcome", "refusal"],
            note=f"refusal={broken.code}; channel={values['channel']}; "
            f"direction={values['direction']}; outcome={values['outcome']}",
        )


def contact_log(
    *,
    actor: Any,
    victim: Victim,
    direction: str,
    channel: str,
    party: str,
    outcome: str,
    at: datetime | None = None,
    summary: str = "",
    rights_delivered: Iterable[str] = (),
    reasons_given: bool = False,
) -> ContactLogged:
    """Log one contact with a victim or their nominated person. RuleBroken (with its code)
    when it was not safe to make, or the form's answers do not fit."""
    require(may_work_desk(actor))
    now = timezone.now()
    at = at or now
    delivered = list(dict.fromkeys(rights_delivered))
    if direction not in Direction.values:
        raise RuleBroken(_("Choose who made the contact."), field="direction")
    if channel not in Channel.values:
        raise RuleBroken(_("Choose how the contact was made."), field="channel")
    if outcome not in Outcome.values:
        raise RuleBroken(_("Choose how the contact ended."), field="outcome")
    _check_party(victim, party)
    check_contact_time(at, now=now)
    check_rights_delivered(outcome, delivered, owed=owed_codes(victim))
    contact = safe_contact_of(victim, nominee=party == Party.NOMINEE)
    try:
        check_attempt(contact, channel=channel, at=at, outcome=outcome, direction=direction)
    except RuleBroken as broken:
        _refused(actor, victim, broken, channel=channel, direction=direction, outcome=outcome)
        raise
    with transaction.atomic():
        attempt = ContactAttempt.objects.create(
            victim=victim,
            at=at,
            direction=direction,
            channel=channel,
            party=party,
            outcome=outcome,
            summary=(summary or "").strip(),
            rights_delivered=delivered if outcome == Outcome.REACHED else [],
            reasons_given=bool(reasons_given) and outcome == Outcome.REACHED,
            agent=actor,
            created_at=now,
        )
        logged = ContactLogged(contact=attempt)
        if outcome == Outcome.UNSAFE_ABANDONED:
            held = contact or safe_contact_ensure(actor=actor, victim=victim, party=party)
            channel_hold_create(
                actor=actor, contact=held, channel=channel, reason=HoldReason.UNSAFE_ABANDONED
            )
        if outcome == Outcome.REACHED:
            covered = (
                Task.objects.filter(victim=victim, status=TaskStatus.OPEN, obligation__in=delivered)
                .exclude(kind__in=ROUTED_KINDS)
                .order_by("due_at", "pk")
            )
            for task in covered:
                closed = task_close(actor=actor, task=task, contact=attempt, reason_later=True)
                logged.closed.append(closed)
                if needs_late_reason(closed):
                    logged.late.append(closed)
            periodic_schedule(victim=victim, now=now)
        audit_record(
            actor=actor,
            action=CONTACT_LOGGED,
            obj=attempt,
            fields=[
                "direction",
                "channel",
                "party",
                "outcome",
                "rights_delivered",
                "tasks_closed",
            ],
            note=f"outcome={outcome}; tasks_closed={len(logged.closed)}",
        )
    return logged
