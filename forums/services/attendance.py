"""Writes about attendance: the facilitator records who attended (and who agreed to the
recording); a member sends apologies from the portal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from forums import audit_events as events
from forums import rules
from forums.access import may_manage_forum
from forums.models import Attendance, AttendanceStatus, ForumMembership, Meeting
from privacy.audit import audit_record


@transaction.atomic
def attendance_record(
    *,
    actor: User,
    meeting: Meeting,
    forum_membership: ForumMembership,
    status: str,
    recording_consent: bool | None = None,
) -> Attendance:
    """Record whether a member attended (or sent apologies), and whether they agreed to
    the meeting being recorded."""
    require(may_manage_forum(actor, meeting.forum))
    if forum_membership.forum_id != meeting.forum_id:
        raise PermissionDenied
    if status not in AttendanceStatus.values:
        raise ValueError(status)
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting, forum_membership=forum_membership
    )
    attendance.status = status
    attendance.recording_consent = recording_consent
    attendance.recorded_by = actor
    attendance.updated_at = timezone.now()
    attendance.save()
    audit_record(
        actor=actor,
        action=events.ATTENDANCE_RECORDED,
        obj=attendance,
        fields=["status", "recording_consent"],
        note="attendance recorded",
    )
    return attendance


@transaction.atomic
def attendance_apologies(
    *, actor: User, meeting: Meeting, forum_membership: ForumMembership
) -> Attendance:
    """A member sends their apologies for a meeting (from the portal)."""
    if forum_membership.user_id != actor.pk or forum_membership.forum_id != meeting.forum_id:
        raise PermissionDenied
    rules.check_proposal_open(meeting)
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting, forum_membership=forum_membership
    )
    attendance.status = AttendanceStatus.APOLOGIES
    attendance.updated_at = timezone.now()
    attendance.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action=events.APOLOGIES_SENT,
        obj=attendance,
        fields=["status"],
        note="apologies",
    )
    return attendance
