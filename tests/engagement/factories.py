"""Register records for the engagement tests, made directly (each feature's own tests make
theirs through its services; these are the scenery other tests stand on). Fictional
people only: example.org addresses, Ofcom's drama numbers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from engagement.models import (
    Kind,
    Opportunity,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
    PartnerRequest,
    RequestStatus,
    Terms,
)
from safecontact.models import SafeContact

_counter = {"n": 0}


def _next() -> int:
    _counter["n"] += 1
    return _counter["n"]


def participant(*, safe: dict[str, Any] | None = None, **fields: Any) -> Participant:
    """An active participant who may be emailed (override anything)."""
    n = _next()
    now = timezone.now()
    values: dict[str, Any] = {
        "full_name": f"Test Participant {n}",
        "email": f"participant{n}@example.org",
        "status": ParticipantStatus.ACTIVE,
        "verified_at": now,
        "joined_at": now,
        "consented_at": now,
        "consent_version": "2026-1",
    }
    values.update(fields)
    person = Participant.objects.create(**values)
    SafeContact.objects.create(participant=person, **({"may_email": True} | (safe or {})))
    return person


def opportunity(**fields: Any) -> Opportunity:
    """An open survey, wanting 10 people, open from an hour ago for two weeks."""
    now = timezone.now()
    values: dict[str, Any] = {
        "kind": Kind.SURVEY,
        "status": OpportunityStatus.OPEN,
        "asked_by": "Crown Prosecution Service (demo)",
        "title": "How we explain a decision not to charge",
        "purpose": "To learn how victims want to be told about a decision not to charge.",
        "involves": "A short survey online.",
        "duration_minutes": 10,
        "places": 10,
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=14),
    }
    values.update(fields)
    return Opportunity.objects.create(**values)


def partner_request(
    *, organisation: Any, submitted_by: Any = None, **fields: Any
) -> PartnerRequest:
    """A request waiting for a decision, wanting people from 30 days on."""
    today = timezone.localdate()
    values: dict[str, Any] = {
        "title": "Victims' views on our letters",
        "what_to_learn": "Whether our letters are clear.",
        "kind": Kind.SURVEY,
        "people_wanted": 12,
        "starts_on": today + timedelta(days=30),
        "ends_on": today + timedelta(days=44),
        "status": RequestStatus.SUBMITTED,
        "terms": Terms.objects.order_by("-effective_from").first(),
        "decide_by": today + timedelta(days=7),
    }
    values.update(fields)
    return PartnerRequest.objects.create(
        organisation=organisation, submitted_by=submitted_by, **values
    )
