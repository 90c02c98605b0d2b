"""Opportunities: the programme team creates, changes, opens and closes them
(docs/engagement.md, "Opportunities").

An opportunity made from a partner's request (services/requests.py makes it, a draft, when
the request is approved) cannot open, and nobody can be invited to it, unless the request
is APPROVED (engagement.rules.check_request_approved). It opens only between its opening
and closing times. The kind's own parts (survey questions, material, slots, interview
consent wording) are set on their own pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from engagement import rules
from engagement.access import may_run_register
from engagement.audit_events import (
    OPPORTUNITY_CHANGED,
    OPPORTUNITY_CLOSED,
    OPPORTUNITY_CREATED,
    OPPORTUNITY_OPENED,
)
from engagement.models import Kind, Opportunity, OpportunityStatus, Sensitivity
from lib.rules import RuleBroken
from privacy.audit import audit_record


@dataclass(frozen=True)
class OpportunityIn:
    """Everything the team writes about an opportunity (the `*_cy` words are optional:
    Welsh pages fall back to the English ones)."""

    kind: str
    asked_by: str
    title: str
    purpose: str
    involves: str
    duration_minutes: int
    places: int
    opens_at: datetime
    closes_at: datetime
    sensitivity: str = Sensitivity.STANDARD
    title_cy: str = ""
    purpose_cy: str = ""
    involves_cy: str = ""
    content_notes: str = ""
    content_notes_cy: str = ""
    recognition: str = ""
    payment_pence: int = 0
    reserves: int = 0
    areas: list[str] = field(default_factory=list)
    crime_kinds: list[str] = field(default_factory=list)
    age_bands: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    # An interview for training material: what people agree to before they book.
    recording_used_for: str = ""
    recording_seen_by: str = ""
    withdraw_until: date | None = None

    @classmethod
    def of(cls, opportunity: Opportunity) -> OpportunityIn:
        """What an opportunity holds now (for a form's first values)."""
        return cls(**{f.name: getattr(opportunity, f.name) for f in fields(cls)})


def _check_interview(data: OpportunityIn) -> None:
    """An interview for training material asks its own consent: what the recording is used
    for, who sees it and until when consent can be withdrawn must all be written."""
    for name, message in (
        ("recording_used_for", _("Write what the recording is used for")),
        ("recording_seen_by", _("Write who sees the recording")),
    ):
        if not getattr(data, name).strip():
            raise RuleBroken(message, field=name, code="interview_consent_words")
    if data.withdraw_until is None:
        raise RuleBroken(
            _("Enter the date until which people can withdraw their consent"),
            field="withdraw_until",
            code="interview_consent_words",
        )


def _check(data: OpportunityIn) -> None:
    if data.kind not in Kind.values:
        raise RuleBroken(_("Select the kind of opportunity"), field="kind", code="kind")
    if data.sensitivity not in Sensitivity.values:
        raise RuleBroken(_("Select how sensitive it is"), field="sensitivity", code="sensitivity")
    rules.check_dates(opens_at=data.opens_at, closes_at=data.closes_at)
    if data.kind == Kind.INTERVIEW:
        _check_interview(data)
    if data.sensitivity == Sensitivity.SENSITIVE and not data.content_notes.strip():
        raise RuleBroken(
            _("Write the content notes people read first about a sensitive opportunity"),
            field="content_notes",
            code="content_notes_needed",
        )


def _tidy(data: OpportunityIn) -> dict[str, Any]:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
        elif isinstance(value, list):
            values[name] = sorted({str(v) for v in value if str(v).strip()})
    return values


@transaction.atomic
def opportunity_create(*, actor: Any, data: OpportunityIn) -> Opportunity:
    """A new draft opportunity of the programme team's own (no partner's request)."""
    require(may_run_register(actor))
    _check(data)
    values = _tidy(data)
    opportunity = Opportunity.objects.create(
        **values, status=OpportunityStatus.DRAFT, created_by=actor
    )
    set_fields = [name for name, value in values.items() if value not in ("", [], 0, None)]
    audit_record(actor=actor, action=OPPORTUNITY_CREATED, obj=opportunity, fields=set_fields)
    return opportunity


@transaction.atomic
def opportunity_update(*, actor: Any, opportunity: Opportunity, data: OpportunityIn) -> list[str]:
    """Change what the opportunity says and who is eligible; returns the fields changed.
    Its kind cannot change once people are invited (their invitation said what it was)."""
    require(may_run_register(actor))
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    _check(data)
    values = _tidy(data)
    if locked.status == OpportunityStatus.RESULTS_RELEASED:
        raise RuleBroken(_("Its results are released, so it can no longer change"), code="released")
    if values["kind"] != locked.kind and locked.invitations.exists():
        raise RuleBroken(
            _("People have been invited, so the kind of opportunity cannot change"),
            field="kind",
            code="kind_fixed",
        )
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    if changed:
        for name in changed:
            setattr(locked, name, values[name])
        locked.save(update_fields=changed)
        audit_record(actor=actor, action=OPPORTUNITY_CHANGED, obj=locked, fields=changed)
    opportunity.refresh_from_db()
    return changed


@transaction.atomic
def opportunity_open(
    *, actor: Any, opportunity: Opportunity, now: datetime | None = None
) -> Opportunity:
    """Open it: only from an approved request (if it has one), between its opening and
    closing times."""
    require(may_run_register(actor))
    now = now or timezone.now()
    locked = (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("request")
        .get(pk=opportunity.pk)
    )
    rules.check_may_open(locked, now=now)
    locked.status = OpportunityStatus.OPEN
    locked.closed_at = None
    locked.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action=OPPORTUNITY_OPENED, obj=locked, fields=["status"])
    return locked


@transaction.atomic
def opportunity_close(
    *, actor: Any, opportunity: Opportunity, now: datetime | None = None
) -> Opportunity:
    """Close it: no more invitations or answers (reminders stop too)."""
    require(may_run_register(actor))
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    rules.check_may_close(locked)
    locked.status = OpportunityStatus.CLOSED
    locked.closed_at = now or timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action=OPPORTUNITY_CLOSED, obj=locked, fields=["status", "closed_at"])
    return locked
