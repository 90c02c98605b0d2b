"""Reads of invitations: by the token in a link, a participant's own, and the counts the
programme team sees on an opportunity (counts only: never who).

An invitation's link works while the person is on the register (not left) and either the
opportunity is open, or they said yes and its results are not yet released (so they can
still withdraw, or follow the next step). Otherwise the link is treated as unknown: a
plain "page not found".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from engagement import rules
from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
)
from engagement.tokens import digest_of


def link_usable(invitation: Invitation, *, now: datetime) -> bool:
    opportunity = invitation.opportunity
    if invitation.participant.status == ParticipantStatus.LEFT:
        return False
    if opportunity.status == OpportunityStatus.OPEN and now < opportunity.closes_at:
        return True
    return (
        invitation.status in rules.YES_STATUSES
        and opportunity.status != OpportunityStatus.RESULTS_RELEASED
    )


def invitation_by_token(token: str) -> Invitation | None:
    """The invitation whose link carries `token` (only its keyed hash is stored), or None;
    never one whose participant has left the register."""
    digest = digest_of(token or "", purpose="invitation")
    if not digest:
        return None
    return (
        Invitation.objects.select_related("opportunity", "participant")
        .filter(token_digest=digest)
        .exclude(participant__status=ParticipantStatus.LEFT)
        .first()
    )


def invitation_for_token(token: str, *, now: datetime | None = None) -> Invitation | None:
    """The invitation whose link carries `token`, or None (unknown, or no longer usable:
    the invitation page's own rule)."""
    invitation = invitation_by_token(token)
    if invitation is None or not link_usable(invitation, now=now or timezone.now()):
        return None
    return invitation


def invitations_of(participant: Participant) -> QuerySet[Invitation]:
    """A participant's own invitations, the newest first."""
    return (
        Invitation.objects.filter(participant=participant)
        .select_related("opportunity")
        .order_by("-invited_at", "-pk")
    )


def invitation_of(participant: Participant | None, invitation_id: int) -> Invitation | None:
    """One of the participant's own invitations, or None (someone else's, or none)."""
    if participant is None:
        return None
    return invitations_of(participant).filter(pk=invitation_id).first()


def status_counts(opportunity: Opportunity) -> list[tuple[str, Any, int]]:
    """(status, label, how many) for every invitation status, in the model's order."""
    counts = dict(
        opportunity.invitations.values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(value, label, counts.get(value, 0)) for value, label in InvitationStatus.choices]
