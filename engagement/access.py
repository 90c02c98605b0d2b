"""Who may see and do what on the engagement register (docs/engagement.md, "Who sees what").

- The programme team (programme admins) runs the register: opportunities, invitations,
  selection, partner requests' decisions, results' release, representativeness. They see
  participants' identities only where a page needs them (and each read is audited).
- A partner agency sees and submits its own organisation's requests, and the released
  results of the opportunities made from them. Never a participant's identity.
- A participant (a signed-in member with a place on the register) sees their own
  invitations, answers and data, and nothing of anyone else's.
- Nobody else (police, analysts, officers, the desk) reaches any register page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.roles import Role
from engagement.models import Opportunity, Participant, ParticipantStatus, PartnerRequest

PROGRAMME_TEAM = (Role.PROGRAMME_ADMIN,)
PARTNERS = (Role.PARTNER_AGENCY,)


def _has(user: Any, *roles: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*roles))


def may_run_register(user: Any) -> bool:
    """The programme team: every opportunity, request and participant."""
    return _has(user, *PROGRAMME_TEAM)


def may_request_engagement(user: Any) -> bool:
    """A partner agency's staff, for their own organisation."""
    return _has(user, *PARTNERS) and getattr(user, "organisation_id", None) is not None


def request_list_for(user: Any) -> QuerySet[PartnerRequest]:
    """Every request for the programme team; a partner's own organisation's; else none."""
    if may_run_register(user):
        return PartnerRequest.objects.all()
    if may_request_engagement(user):
        return PartnerRequest.objects.filter(organisation_id=user.organisation_id)
    return PartnerRequest.objects.none()


def get_request_for_user(user: Any, request_id: int) -> PartnerRequest:
    item = request_list_for(user).filter(pk=request_id).first()
    if item is None:
        raise Http404
    return item


def opportunity_list_for(user: Any) -> QuerySet[Opportunity]:
    """Every opportunity for the programme team; for a partner, those made from their
    organisation's requests; else none."""
    if may_run_register(user):
        return Opportunity.objects.all()
    if may_request_engagement(user):
        return Opportunity.objects.filter(request__organisation_id=user.organisation_id)
    return Opportunity.objects.none()


def get_opportunity_for_user(user: Any, opportunity_id: int) -> Opportunity:
    item = opportunity_list_for(user).filter(pk=opportunity_id).first()
    if item is None:
        raise Http404
    return item


def participant_of(user: Any) -> Participant | None:
    """The signed-in person's place on the register (not one who has left), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(user=user)
        .exclude(status=ParticipantStatus.LEFT)
        .select_related("safe_contact")
        .first()
    )
