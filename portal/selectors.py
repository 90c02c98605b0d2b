"""Reads for the member portal (only ever the signed-in member's own data) and for the
wellbeing lists of facilitators and the programme team."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from forums.access import forum_list_for
from forums.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    ForumMembership,
    Meeting,
    MembershipStatus,
)
from portal.models import CheckInRequest, ErasureRequest, SupportFlag


def memberships(*, user: User) -> list[ForumMembership]:
    """The member's places in forums (not left)."""
    return list(
        ForumMembership.objects.filter(user=user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("forum")
    )


def member_meetings(user: User) -> QuerySet[Meeting]:
    forum_ids = [fm.forum_id for fm in memberships(user=user)]
    return Meeting.objects.filter(forum_id__in=forum_ids).select_related("forum", "venue")


def upcoming_meetings(*, user: User) -> list[Meeting]:
    return list(
        member_meetings(user)
        .filter(starts_at__gte=timezone.now(), cancelled_at__isnull=True)
        .order_by("starts_at")
    )


def recent_meetings(*, user: User, limit: int = 3) -> list[Meeting]:
    return list(
        member_meetings(user)
        .filter(starts_at__lt=timezone.now(), cancelled_at__isnull=True)
        .order_by("-starts_at")[:limit]
    )


def agenda_for_member(*, meeting: Meeting, user: User) -> list[AgendaItem]:
    """The published agenda (accepted items), and the member's own proposals at any time."""
    shown = Q(proposed_by=user)
    if meeting.agenda_is_published:
        shown |= Q(status=AgendaItemStatus.ACCEPTED)
    return list(
        meeting.agenda_items.filter(shown).prefetch_related(
            Prefetch("documents", queryset=AgendaDocument.objects.order_by("uploaded_at", "pk"))
        )
    )


def attendance_of(*, meeting: Meeting, forum_membership: ForumMembership) -> Attendance | None:
    return Attendance.objects.filter(meeting=meeting, forum_membership=forum_membership).first()


def open_check_in(*, meeting: Meeting, forum_membership: ForumMembership) -> CheckInRequest | None:
    return CheckInRequest.objects.filter(
        meeting=meeting, forum_membership=forum_membership, done_at__isnull=True
    ).first()


def check_ins_for(*, viewer: User) -> list[CheckInRequest]:
    forums = forum_list_for(viewer)
    return list(
        CheckInRequest.objects.filter(forum_membership__forum__in=forums, done_at__isnull=True)
        .select_related("forum_membership__forum", "forum_membership__membership__application")
        .select_related("meeting")
    )


def flags_for(*, viewer: User) -> list[SupportFlag]:
    forums = forum_list_for(viewer)
    return list(
        SupportFlag.objects.filter(forum_membership__forum__in=forums, closed_at__isnull=True)
        .select_related("forum_membership__forum", "forum_membership__membership__application")
        .select_related("raised_by")
    )


def members_for(*, viewer: User) -> list[ForumMembership]:
    """Members the viewer may flag: those of the forums they facilitate (or all, for the
    programme team)."""
    from portal.access import member_list_for

    return list(member_list_for(viewer).select_related("forum", "membership__application"))


def pending_erasure_requests() -> list[ErasureRequest]:
    return list(ErasureRequest.objects.filter(handled_at__isnull=True).select_related("user"))
