"""Reads about forums, always through forums.access so nobody sees a forum they must not."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from forums.access import (
    MeetingAccess,
    agenda_document_visible,
    agenda_item_visible,
    forum_list_for,
)
from forums.models import (
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    AttendanceStatus,
    Forum,
    ForumMembership,
    Meeting,
    MeetingNote,
    MembershipStatus,
)

_CURRENT_FACILITATORS = Q(
    role_assignments__role=Role.FACILITATOR,
    role_assignments__ended_at__isnull=True,
    role_assignments__user__is_active=True,
)


def forum_list(*, viewer: User) -> QuerySet[Forum]:
    """The forums `viewer` may see, with their organisation and how many facilitators."""
    visible = forum_list_for(viewer).values("pk")
    return (
        Forum.objects.filter(pk__in=visible)
        .select_related("facilitating_organisation")
        .annotate(facilitator_count=Count("role_assignments", filter=_CURRENT_FACILITATORS))
        .order_by("name")
    )


def forum_facilitator_count(*, forum: Forum) -> int:
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.FACILITATOR,
            role_assignments__ended_at__isnull=True,
            role_assignments__forums=forum,
        )
        .distinct()
        .count()
    )


# Members and meetings ------------------------------------------------------------------


def forum_members(*, forum: Forum) -> list[ForumMembership]:
    """The forum's members (with their applications, for names), current first."""
    return list(
        ForumMembership.objects.filter(forum=forum)
        .select_related("membership__application")
        .order_by("status", "joined_on", "pk")
    )


def forum_member_count(*, forum: Forum) -> int:
    return forum.memberships.exclude(status=MembershipStatus.LEFT).count()


def meeting_list(*, forum: Forum) -> QuerySet[Meeting]:
    """The forum's meetings, with the venue, how many items are on each agenda, who came,
    and the note's status: one query however many meetings."""
    return (
        Meeting.objects.filter(forum=forum)
        .select_related("venue", "note")
        .annotate(
            item_count=Count(
                "agenda_items",
                filter=Q(agenda_items__status=AgendaItemStatus.ACCEPTED),
                distinct=True,
            ),
            attended_count=Count(
                "attendances",
                filter=Q(attendances__status=AttendanceStatus.ATTENDED),
                distinct=True,
            ),
        )
        .order_by("starts_at", "pk")
    )


def agenda_items(*, meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.select_related("merged_into", "deferred_to__meeting")
        .prefetch_related("documents")
        .order_by("position", "created_at", "pk")
    )


def agenda_items_for(*, access: MeetingAccess) -> list[AgendaItem]:
    """The items of the meeting `access` may see (forums.access.agenda_item_visible), each
    with only the documents it may open."""
    items = [
        item for item in agenda_items(meeting=access.meeting) if agenda_item_visible(access, item)
    ]
    for item in items:
        item.shown_documents = [  # type: ignore[attr-defined]
            d for d in item.documents.all() if agenda_document_visible(access, d)
        ]
    return items


def meeting_recommendations(*, viewer: User, meeting: Meeting) -> list[Any]:
    """The recommendations raised from this meeting's feedback points that `viewer` may see
    (insights.access): what a police representative follows up."""
    from insights.selectors import recommendation_list

    return list(
        recommendation_list(viewer=viewer, forum=meeting.forum)
        .filter(points__meeting=meeting)
        .distinct()
    )


def published_agenda(*, meeting: Meeting) -> list[AgendaItem]:
    """What members see: the accepted items of a published agenda, with documents."""
    if meeting.agenda_published_at is None:
        return []
    return [item for item in agenda_items(meeting=meeting) if item.status == "accepted"]


def attendance_rows(*, meeting: Meeting) -> tuple[list[ForumMembership], dict[int, Attendance]]:
    """The members to record attendance for (current ones, and anyone already recorded),
    and their attendance by forum membership id."""
    attendances = {a.forum_membership_id: a for a in Attendance.objects.filter(meeting=meeting)}
    members = [
        fm
        for fm in forum_members(forum=meeting.forum)
        if fm.status != MembershipStatus.LEFT or fm.pk in attendances
    ]
    return members, attendances


def meeting_note(*, meeting: Meeting) -> MeetingNote | None:
    return (
        MeetingNote.objects.filter(meeting=meeting)
        .select_related("redaction")
        .prefetch_related("reviews__reviewer")
        .first()
    )


def upcoming_meetings_for_member(*, user: User) -> QuerySet[Meeting]:
    """Meetings to come in the forums `user` is a member of (not left), for the portal."""
    return (
        Meeting.objects.filter(
            forum__memberships__user=user,
            starts_at__gte=timezone.now(),
            cancelled_at__isnull=True,
        )
        .exclude(forum__memberships__status=MembershipStatus.LEFT)
        .select_related("forum", "venue")
        .order_by("starts_at")
        .distinct()
    )


def membership_for_user(*, user: User) -> ForumMembership | None:
    """The member's current place in a forum, if any (for the portal)."""
    if not user.is_authenticated:
        return None
    return (
        ForumMembership.objects.filter(user=user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("forum")
        .first()
    )
