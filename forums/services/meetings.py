"""Writes about meetings: venues, scheduling one meeting or a series (off bank holidays),
changing and cancelling, invitations and reminders. Messages go only to active members: a
member stepping back keeps their place and gets no invitations until they return."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.models import User
from forums import audit_events as events
from forums import rules
from forums.access import may_manage_forum
from forums.models import (
    Attendance,
    AttendanceStatus,
    Forum,
    ForumMembership,
    Meeting,
    MeetingFormat,
    MembershipStatus,
    Venue,
)
from forums.services.common import active_members, tell
from lib import workdays
from lib.rules import RuleBroken
from privacy.audit import audit_record


@transaction.atomic
def venue_create(*, actor: User, name: str, address: str = "", accessibility: str = "") -> Venue:
    venue = Venue.objects.create(name=name, address=address, accessibility=accessibility)
    audit_record(
        actor=actor, action=events.VENUE_ADDED, obj=venue, fields=["name"], note="venue added"
    )
    return venue


@transaction.atomic
def meeting_schedule(
    *,
    actor: User,
    forum: Forum,
    starts_at: datetime,
    duration_minutes: int = 120,
    format: str = MeetingFormat.IN_PERSON,
    venue: Venue | None = None,
    online_joining: str = "",
    title: str = "",
    series: uuid.UUID | None = None,
) -> Meeting:
    """Schedule one meeting, at a time still to come."""
    require(may_manage_forum(actor, forum))
    rules.check_starts_later(starts_at)
    meeting = Meeting.objects.create(
        forum=forum,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        format=format,
        venue=venue,
        online_joining=online_joining,
        title=title,
        series=series,
        created_by=actor,
    )
    audit_record(
        actor=actor, action=events.MEETING_SCHEDULED, obj=meeting, note="meeting scheduled"
    )
    return meeting


def _off_bank_holiday(day: date) -> date:
    """`day`, or, on a bank holiday in England or Wales, the next working day (a weekend
    meeting: the next day that is not a bank holiday)."""
    if not workdays.is_bank_holiday(day):
        return day
    if day.weekday() < 5:
        return workdays.next_working_day(day)
    while workdays.is_bank_holiday(day):
        day += timedelta(days=1)
    return day


def series_dates(first: datetime, *, every_days: int, until: date) -> list[datetime]:
    """`first`, then every `every_days` days at the same local time, up to `until`. A
    meeting that would fall on a bank holiday moves to the next working day (lib.workdays);
    one that would then reach the next meeting or pass `until` is left out."""
    local = timezone.localtime(first)
    naive = local.replace(tzinfo=None)
    days: list[date] = []
    step = 0
    while True:
        planned = (naive + timedelta(days=every_days * step)).date()
        if planned > until:
            break
        moved = _off_bank_holiday(planned)
        following = planned + timedelta(days=every_days)
        if moved <= until and moved < following and (not days or moved > days[-1]):
            days.append(moved)
        step += 1
    return [timezone.make_aware(datetime.combine(day, naive.time())) for day in days]


@transaction.atomic
def meeting_series_generate(
    *,
    actor: User,
    forum: Forum,
    first_starts_at: datetime,
    every_days: int | None = None,
    until: date | None = None,
    duration_minutes: int = 120,
    format: str = MeetingFormat.IN_PERSON,
    venue: Venue | None = None,
    online_joining: str = "",
    history: bool = False,
) -> list[Meeting]:
    """Meetings every `every_days` days (the forum's cadence, about six weeks) from
    `first_starts_at` to `until` (the end of the forum's tenure), off bank holidays. Each
    can then be moved. The first starts later than now, unless `history` (only the demo,
    which makes a forum's past meetings; never a page)."""
    require(may_manage_forum(actor, forum))
    if not history:
        rules.check_starts_later(first_starts_at)
    every = every_days or forum.cadence_days
    if every < 1:
        raise RuleBroken("Meetings must be at least a day apart.")
    series = uuid.uuid4()
    moments = series_dates(first_starts_at, every_days=every, until=until or forum.tenure_end)
    if not moments:
        raise RuleBroken("The first meeting must be before the series ends.")
    meetings = [
        Meeting.objects.create(
            forum=forum,
            starts_at=moment,
            duration_minutes=duration_minutes,
            format=format,
            venue=venue,
            online_joining=online_joining,
            series=series,
            created_by=actor,
        )
        for moment in moments
    ]
    audit_record(
        actor=actor,
        action=events.MEETING_SERIES_SCHEDULED,
        obj=forum,
        fields=["meetings"],
        note="meeting series",
    )
    return meetings


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **changes: Any) -> Meeting:
    """Move or change one meeting (its time, length, format, venue, joining details)."""
    require(may_manage_forum(actor, meeting.forum))
    rules.check_meeting_changeable(meeting)
    allowed = {"starts_at", "duration_minutes", "format", "venue", "online_joining", "title"}
    fields = []
    for name, value in changes.items():
        if name not in allowed:
            raise TypeError(name)
        if name == "starts_at" and value != meeting.starts_at:
            rules.check_starts_later(value)
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
            fields.append(name)
    if fields:
        meeting.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=events.MEETING_CHANGED,
            obj=meeting,
            fields=fields,
            note="meeting changed",
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> int:
    """Cancel a meeting still to come, with the reason members are told. Every member who
    was invited and has not left is told by their safe channel. Returns how many messages
    went (a member whose only safe channel is a call is not counted: the team calls)."""
    require(may_manage_forum(actor, meeting.forum))
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("forum", "venue")
        .get(pk=meeting.pk)
    )
    rules.check_not_started(meeting)
    reason = " ".join(reason.split())
    if not reason:
        raise RuleBroken(_("Enter why the meeting is cancelled"), field="reason")
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_reason = reason[:500]
    meeting.save(update_fields=["cancelled_at", "cancellation_reason"])
    invited = (
        ForumMembership.objects.filter(
            attendances__meeting=meeting, attendances__invited_at__isnull=False
        )
        .exclude(status=MembershipStatus.LEFT)
        .select_related("membership__application")
    )
    sent = sum(
        tell(fm, "meeting_cancelled", meeting, reason=meeting.cancellation_reason) for fm in invited
    )
    audit_record(
        actor=actor,
        action=events.MEETING_CANCELLED,
        obj=meeting,
        fields=["cancelled_at", "cancellation_reason"],
        note="meeting cancelled",
    )
    return sent


@transaction.atomic
def meeting_invitations_send(*, actor: User | None, meeting: Meeting) -> int:
    """Invite every active member (not those stepping back, not those already invited) by
    their safe channel, with a link to the meeting's calendar file. Returns how many went."""
    if actor is not None:
        require(may_manage_forum(actor, meeting.forum))
    rules.check_not_started(meeting)
    now = timezone.now()
    sent = 0
    for fm in active_members(meeting.forum):
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, forum_membership=fm
        )
        if attendance.invited_at is not None:
            continue
        if tell(fm, "meeting_invitation", meeting):
            sent += 1
        attendance.invited_at = now
        attendance.save(update_fields=["invited_at"])
    meeting.invitations_sent_at = now
    meeting.save(update_fields=["invitations_sent_at"])
    audit_record(
        actor=actor,
        action=events.INVITATIONS_SENT,
        obj=meeting,
        fields=["invitations"],
        note="invitations sent",
    )
    return sent


@transaction.atomic
def meeting_reminders_send(*, meeting: Meeting, actor: User | None = None) -> int:
    """Remind active members who have not sent apologies (once per meeting)."""
    if meeting.is_cancelled or meeting.reminders_sent_at is not None:
        return 0
    now = timezone.now()
    sent = 0
    for fm in active_members(meeting.forum):
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, forum_membership=fm
        )
        if attendance.status == AttendanceStatus.APOLOGIES or attendance.reminded_at:
            continue
        if tell(fm, "meeting_reminder", meeting):
            sent += 1
        attendance.reminded_at = now
        attendance.save(update_fields=["reminded_at"])
    meeting.reminders_sent_at = now
    meeting.save(update_fields=["reminders_sent_at"])
    audit_record(
        actor=actor,
        action=events.REMINDERS_SENT,
        obj=meeting,
        fields=["reminders"],
        note="reminders sent",
    )
    return sent


def meeting_reminders_send_due(*, now: datetime | None = None) -> int:
    """Send the reminders of meetings starting within FORUM_REMINDER_DAYS (a daily job)."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=settings.FORUM_REMINDER_DAYS),
        cancelled_at__isnull=True,
        reminders_sent_at__isnull=True,
    ).select_related("forum", "venue")
    return sum(meeting_reminders_send(meeting=meeting) for meeting in due)
