"""Who may see and do what on the Victim Focus Desk (docs/desk.md §4).

- Desk agents and desk supervisors work every case (one desk for the whole force): the
  queue, finding a case, the case page with the victim's identity, contacts, agreements,
  safe contact and referrals.
- Only a desk supervisor reassigns claimed work, reviews channel holds, sets the desk's
  closed days and the time limits.
- Compliance: desk supervisors in full; analysts in aggregate with small numbers suppressed.
- Nobody else sees a case, and nobody outside the desk ever sees a victim's identity.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import require
from accounts.roles import Role
from desk.models import Case, Referral, Task, Victim
from safecontact.models import ChannelHold

DESK_ROLES = (Role.DESK_AGENT, Role.DESK_SUPERVISOR)
SUPERVISOR_ROLES = (Role.DESK_SUPERVISOR,)
COMPLIANCE_ROLES = (Role.DESK_SUPERVISOR, Role.ANALYST)


def _has(user: Any, *roles: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*roles))


def may_work_desk(user: Any) -> bool:
    """Desk agents and supervisors: every case, with the victim's identity."""
    return _has(user, *DESK_ROLES)


def may_supervise_desk(user: Any) -> bool:
    return _has(user, *SUPERVISOR_ROLES)


def may_see_compliance(user: Any) -> bool:
    return _has(user, *COMPLIANCE_ROLES)


def compliance_suppressed_for(user: Any) -> bool:
    """Small numbers are suppressed for everyone but the desk's supervisors."""
    return not may_supervise_desk(user)


def case_list_for(user: Any) -> QuerySet[Case]:
    """Every case for the desk; nothing for anyone else."""
    if not may_work_desk(user):
        return Case.objects.none()
    return Case.objects.all()


def get_case_for_user(user: Any, case_id: int) -> Case:
    """One case for the desk (Http404 when there is none); PermissionDenied for others."""
    require(may_work_desk(user))
    return get_object_or_404(
        case_list_for(user).select_related("offence_category", "team__borough"), pk=case_id
    )


def victim_list_for(user: Any) -> QuerySet[Victim]:
    if not may_work_desk(user):
        return Victim.objects.none()
    return Victim.objects.filter(erased_at__isnull=True)


def get_victim_for_user(user: Any, victim_id: int) -> Victim:
    require(may_work_desk(user))
    return get_object_or_404(
        victim_list_for(user).select_related("case__offence_category", "case__team__borough"),
        pk=victim_id,
    )


def task_list_for(user: Any) -> QuerySet[Task]:
    if not may_work_desk(user):
        return Task.objects.none()
    return Task.objects.all()


def get_task_for_user(user: Any, task_id: int) -> Task:
    require(may_work_desk(user))
    return get_object_or_404(task_list_for(user), pk=task_id)


def referral_list_for(user: Any) -> QuerySet[Referral]:
    if not may_work_desk(user):
        return Referral.objects.none()
    return Referral.objects.all()


def get_referral_for_user(user: Any, referral_id: int) -> Referral:
    require(may_work_desk(user))
    return get_object_or_404(
        referral_list_for(user).select_related("victim__case", "service__organisation"),
        pk=referral_id,
    )


def channel_hold_list_for(user: Any) -> QuerySet[ChannelHold]:
    """Holds on the desk's safe contacts (a victim's or a nominee's), for supervisors."""
    if not may_supervise_desk(user):
        return ChannelHold.objects.none()
    return ChannelHold.objects.filter(
        Q(safe_contact__victim__isnull=False) | Q(safe_contact__nominee_of__isnull=False)
    )


def get_channel_hold_for_user(user: Any, hold_id: int) -> ChannelHold:
    """One hold for a desk supervisor (Http404 when there is none); PermissionDenied for
    others, desk agents included."""
    require(may_supervise_desk(user))
    return get_object_or_404(
        channel_hold_list_for(user).select_related("safe_contact", "created_by"), pk=hold_id
    )
