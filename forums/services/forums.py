"""Writes about forums and memberships: a forum's settings, a member joining, stepping back,
returning and leaving. Each keeps the member's retention clock
(recruitment.Membership.tenure_ends_on) equal to the forum's tenure end, or the day they left."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from forums import audit_events as events
from forums.access import may_change_membership
from forums.models import Forum, ForumMembership, MembershipStatus, years_after
from lib.rules import RuleBroken
from privacy.audit import audit_record
from privacy.audit_events import EventType
from recruitment.models import Membership, Stage


def _tenure_for(forum_membership: ForumMembership) -> date:
    """The retention clock of a member: the forum's tenure end, or the day they left."""
    end = forum_membership.forum.tenure_end
    if forum_membership.status == MembershipStatus.LEFT and forum_membership.left_on:
        return min(end, forum_membership.left_on)
    return end


def _sync_tenure(forum_membership: ForumMembership) -> None:
    membership = forum_membership.membership
    tenure = _tenure_for(forum_membership)
    if membership.tenure_ends_on != tenure:
        membership.tenure_ends_on = tenure
        membership.save(update_fields=["tenure_ends_on"])


@transaction.atomic
def forum_settings_set(
    *,
    actor: User,
    forum: Forum,
    capacity: int | None = None,
    cadence_days: int | None = None,
    tenure_starts_on: date | None = None,
    tenure_ends_on: date | None = None,
    police_representative: User | None = None,
    oversight_representative: User | None = None,
    co_chairs: Iterable[User] | None = None,
    cohort: Any = None,
) -> Forum:
    """Change a forum's settings. A new tenure end moves every current member's retention
    clock (recruitment.Membership.tenure_ends_on) with it."""
    changed: list[str] = []
    for name, value in (
        ("capacity", capacity),
        ("cadence_days", cadence_days),
        ("tenure_starts_on", tenure_starts_on),
        ("tenure_ends_on", tenure_ends_on),
        ("police_representative", police_representative),
        ("oversight_representative", oversight_representative),
        ("cohort", cohort),
    ):
        if value is not None and getattr(forum, name) != value:
            setattr(forum, name, value)
            changed.append(name)
    if tenure_starts_on is not None and tenure_ends_on is None and "tenure_starts_on" in changed:
        forum.tenure_ends_on = years_after(tenure_starts_on, 2)
        changed.append("tenure_ends_on")
    if forum.tenure_end <= forum.tenure_starts_on:
        raise RuleBroken("The tenure must end after it starts.")
    if changed:
        forum.save()
    if co_chairs is not None:
        forum.co_chairs.set(list(co_chairs))
        changed.append("co_chairs")
    if "tenure_ends_on" in changed:
        for fm in forum.memberships.select_related("membership", "forum"):
            _sync_tenure(fm)
    audit_record(
        actor=actor,
        action=events.SETTINGS_CHANGED,
        obj=forum,
        fields=changed,
        note="forum settings",
    )
    return forum


@transaction.atomic
def forum_member_join(
    *, actor: User, forum: Forum, membership: Membership, joined_on: date | None = None
) -> ForumMembership:
    """Give an accepted (onboarded) applicant a place in `forum`. Their tenure, and so the
    retention clock of their application, becomes the forum's tenure end."""
    application = membership.application
    if application.stage != Stage.ONBOARDED:
        raise RuleBroken("Only an onboarded applicant can join a forum.")
    if ForumMembership.objects.filter(membership=membership).exists():
        raise RuleBroken("This member already has a place in a forum.")
    forum_membership = ForumMembership.objects.create(
        forum=forum,
        membership=membership,
        user=application.user,
        joined_on=joined_on or timezone.localdate(),
    )
    _sync_tenure(forum_membership)
    audit_record(
        actor=actor,
        action=events.MEMBER_JOINED,
        obj=forum_membership,
        fields=["forum", "status", "membership.tenure_ends_on"],
        note="joined forum",
    )
    return forum_membership


def _status_set(
    *, actor: User, forum_membership: ForumMembership, status: str, note: str, event: EventType
) -> ForumMembership:
    fm = (
        ForumMembership.objects.select_for_update()
        .select_related("forum", "membership")
        .get(pk=forum_membership.pk)
    )
    if fm.status == MembershipStatus.LEFT:
        raise RuleBroken("This member has left the forum.")
    today = timezone.localdate()
    fm.status = status
    fields = ["status"]
    if status == MembershipStatus.STEPPING_BACK:
        fm.stepped_back_on = today
        fields.append("stepped_back_on")
    elif status == MembershipStatus.ACTIVE:
        fm.stepped_back_on = None
        fields.append("stepped_back_on")
    elif status == MembershipStatus.LEFT:
        fm.left_on = today
        fields.append("left_on")
    fm.save(update_fields=fields)
    _sync_tenure(fm)
    audit_record(actor=actor, action=event, obj=fm, fields=fields, note=note)
    return fm


@transaction.atomic
def membership_step_back(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    """The member steps back for a while: they keep their place, invitations pause, and no
    reason is asked or kept."""
    require(may_change_membership(actor, forum_membership))
    return _status_set(
        actor=actor,
        forum_membership=forum_membership,
        status=MembershipStatus.STEPPING_BACK,
        note="stepping back",
        event=events.MEMBER_STEPPED_BACK,
    )


@transaction.atomic
def membership_return(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    require(may_change_membership(actor, forum_membership))
    return _status_set(
        actor=actor,
        forum_membership=forum_membership,
        status=MembershipStatus.ACTIVE,
        note="returned from stepping back",
        event=events.MEMBER_RETURNED,
    )


@transaction.atomic
def membership_leave(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    """The member leaves: their retention clock becomes today (six months, then deleted)."""
    require(may_change_membership(actor, forum_membership))
    return _status_set(
        actor=actor,
        forum_membership=forum_membership,
        status=MembershipStatus.LEFT,
        note="left",
        event=events.MEMBER_LEFT,
    )
