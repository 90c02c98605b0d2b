"""Writes for the member portal and wellbeing. Each is audited in its transaction.
Each records its own audit event (portal/audit_events.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.models import User
from accounts.roles import Role
from forums.models import ForumMembership, Meeting, MembershipStatus
from lib.rules import RuleBroken
from portal import audit_events as events
from portal.access import may_support_member
from portal.models import CheckInRequest, ErasureRequest, SupportFlag
from privacy.audit import audit_record


@transaction.atomic
def check_in_request(*, actor: User, meeting: Meeting) -> CheckInRequest:
    """After a meeting, a member asks for a call. Asking twice for one meeting is one ask."""
    fm = (
        ForumMembership.objects.filter(forum_id=meeting.forum_id, user=actor)
        .exclude(status=MembershipStatus.LEFT)
        .first()
    )
    if fm is None:
        raise PermissionDenied
    if meeting.starts_at > timezone.now():
        raise RuleBroken(_("You can ask for a call once the meeting has taken place."))
    existing = CheckInRequest.objects.filter(
        forum_membership=fm, meeting=meeting, done_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    request = CheckInRequest.objects.create(forum_membership=fm, meeting=meeting)
    audit_record(
        actor=actor, action=events.CHECK_IN_REQUESTED, obj=request, note="check-in call asked for"
    )
    return request


@transaction.atomic
def check_in_done(*, actor: User, request: CheckInRequest) -> CheckInRequest:
    require(may_support_member(actor, request.forum_membership))
    request.done_at = timezone.now()
    request.done_by = actor
    request.save(update_fields=["done_at", "done_by"])
    audit_record(
        actor=actor, action=events.CHECK_IN_DONE, obj=request, fields=["done_at"], note="called"
    )
    return request


@transaction.atomic
def support_flag_raise(
    *, actor: User, forum_membership: ForumMembership, note: str = ""
) -> SupportFlag:
    require(may_support_member(actor, forum_membership))
    flag = SupportFlag.objects.create(
        forum_membership=forum_membership, note=note.strip(), raised_by=actor
    )
    audit_record(
        actor=actor,
        action=events.SUPPORT_FLAG_RAISED,
        obj=flag,
        fields=["note"],
        note="support flagged",
    )
    return flag


@transaction.atomic
def support_flag_close(*, actor: User, flag: SupportFlag) -> SupportFlag:
    require(may_support_member(actor, flag.forum_membership))
    flag.closed_at = timezone.now()
    flag.closed_by = actor
    flag.save(update_fields=["closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action=events.SUPPORT_FLAG_CLOSED,
        obj=flag,
        fields=["closed_at"],
        note="flag closed",
    )
    return flag


@transaction.atomic
def erasure_request_create(*, actor: User) -> ErasureRequest:
    """A member asks for their data to be deleted; the DPO sees it. Asking again while one
    is pending changes nothing."""
    pending = ErasureRequest.objects.filter(user=actor, handled_at__isnull=True).first()
    if pending is not None:
        return pending
    request = ErasureRequest.objects.create(user=actor)
    audit_record(
        actor=actor,
        action=events.ERASURE_REQUESTED,
        obj=request,
        note="asked for data to be deleted",
    )
    return request


@transaction.atomic
def erasure_request_handled(*, actor: User, request: ErasureRequest) -> ErasureRequest:
    if not actor.has_role(Role.DATA_PROTECTION_OFFICER):
        raise PermissionDenied
    request.handled_at = timezone.now()
    request.handled_by = actor
    request.save(update_fields=["handled_at", "handled_by"])
    audit_record(
        actor=actor,
        action=events.ERASURE_REQUEST_HANDLED,
        obj=request,
        fields=["handled_at"],
        note="handled",
    )
    return request
