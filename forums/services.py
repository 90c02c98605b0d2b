"""Writes about forums, memberships and meetings (see docs/forums.md).

Every function is keyword-only, runs in one transaction and writes its audit event in it.
Messages to members go by their safe channel (recruitment's applicant_tell: email or text,
never a channel they said was unsafe) and only to active members: a member stepping back
keeps their place and gets no invitations until they return.

The recording of a meeting is deleted, file and row, in the same call that finalises the
meeting's note (note_finalise), with a RetentionReceipt under RECORDING_DELETION_RULE.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from forums import rules
from forums.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    AttendanceStatus,
    Forum,
    ForumMembership,
    Meeting,
    MeetingFormat,
    MeetingNote,
    MembershipStatus,
    NoteReview,
    NoteStatus,
    Recording,
    Venue,
    years_after,
)
from forums.retention import RECORDING_DELETION_RULE
from lib import workdays
from privacy.audit import audit_record
from privacy.models import AuditAction, RetentionReceipt
from recruitment.models import Stage
from recruitment.models_vetting import Membership

RECORDING_DELETION_CATEGORY = "Recordings of forum meetings"
# No audit action is specific to forums yet: changes are recorded as PERSON_CHANGED (they
# concern members' places, attendance and words) with the object and a plain note.
CHANGED = AuditAction.PERSON_CHANGED


# Forums and memberships ----------------------------------------------------------------


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
        raise rules.RuleBroken("The tenure must end after it starts.")
    if changed:
        forum.save()
    if co_chairs is not None:
        forum.co_chairs.set(list(co_chairs))
        changed.append("co_chairs")
    if "tenure_ends_on" in changed:
        for fm in forum.memberships.select_related("membership", "forum"):
            _sync_tenure(fm)
    audit_record(actor=actor, action=CHANGED, obj=forum, fields=changed, note="forum settings")
    return forum


@transaction.atomic
def forum_member_join(
    *, actor: User, forum: Forum, membership: Membership, joined_on: date | None = None
) -> ForumMembership:
    """Give an accepted (onboarded) applicant a place in `forum`. Their tenure, and so the
    retention clock of their application, becomes the forum's tenure end."""
    application = membership.application
    if application.stage != Stage.ONBOARDED:
        raise rules.RuleBroken("Only an onboarded applicant can join a forum.")
    if ForumMembership.objects.filter(membership=membership).exists():
        raise rules.RuleBroken("This member already has a place in a forum.")
    forum_membership = ForumMembership.objects.create(
        forum=forum,
        membership=membership,
        user=application.user,
        joined_on=joined_on or timezone.localdate(),
    )
    _sync_tenure(forum_membership)
    audit_record(
        actor=actor,
        action=CHANGED,
        obj=forum_membership,
        fields=["forum", "status", "membership.tenure_ends_on"],
        note="joined forum",
    )
    return forum_membership


def _status_set(
    *, actor: User, forum_membership: ForumMembership, status: str, note: str
) -> ForumMembership:
    fm = (
        ForumMembership.objects.select_for_update()
        .select_related("forum", "membership")
        .get(pk=forum_membership.pk)
    )
    if fm.status == MembershipStatus.LEFT:
        raise rules.RuleBroken("This member has left the forum.")
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
    audit_record(actor=actor, action=CHANGED, obj=fm, fields=fields, note=note)
    return fm


def _check_self_or_manager(actor: User, fm: ForumMembership) -> None:
    if fm.user_id is not None and fm.user_id == actor.pk:
        return
    can_manage, _kind, _m = rules.forum_role_of(actor, fm.forum)
    if not can_manage:
        raise PermissionDenied


@transaction.atomic
def membership_step_back(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    """The member steps back for a while: they keep their place, invitations pause, and no
    reason is asked or kept."""
    _check_self_or_manager(actor, forum_membership)
    return _status_set(
        actor=actor,
        forum_membership=forum_membership,
        status=MembershipStatus.STEPPING_BACK,
        note="stepping back",
    )


@transaction.atomic
def membership_return(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    _check_self_or_manager(actor, forum_membership)
    return _status_set(
        actor=actor,
        forum_membership=forum_membership,
        status=MembershipStatus.ACTIVE,
        note="returned from stepping back",
    )


@transaction.atomic
def membership_leave(*, actor: User, forum_membership: ForumMembership) -> ForumMembership:
    """The member leaves: their retention clock becomes today (six months, then deleted)."""
    _check_self_or_manager(actor, forum_membership)
    return _status_set(
        actor=actor, forum_membership=forum_membership, status=MembershipStatus.LEFT, note="left"
    )


# Meetings --------------------------------------------------------------------------------


@transaction.atomic
def venue_create(*, actor: User, name: str, address: str = "", accessibility: str = "") -> Venue:
    venue = Venue.objects.create(name=name, address=address, accessibility=accessibility)
    audit_record(actor=actor, action=CHANGED, obj=venue, fields=["name"], note="venue added")
    return venue


def _check_manager(actor: User, forum: Forum) -> None:
    can_manage, _kind, _m = rules.forum_role_of(actor, forum)
    if not can_manage:
        raise PermissionDenied


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
    _check_manager(actor, forum)
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
    audit_record(actor=actor, action=CHANGED, obj=meeting, note="meeting scheduled")
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
    _check_manager(actor, forum)
    if not history:
        rules.check_starts_later(first_starts_at)
    every = every_days or forum.cadence_days
    if every < 1:
        raise rules.RuleBroken("Meetings must be at least a day apart.")
    series = uuid.uuid4()
    moments = series_dates(first_starts_at, every_days=every, until=until or forum.tenure_end)
    if not moments:
        raise rules.RuleBroken("The first meeting must be before the series ends.")
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
    audit_record(actor=actor, action=CHANGED, obj=forum, fields=["meetings"], note="meeting series")
    return meetings


@transaction.atomic
def meeting_update(*, actor: User, meeting: Meeting, **changes: Any) -> Meeting:
    """Move or change one meeting (its time, length, format, venue, joining details)."""
    _check_manager(actor, meeting.forum)
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
            actor=actor, action=CHANGED, obj=meeting, fields=fields, note="meeting changed"
        )
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> int:
    """Cancel a meeting still to come, with the reason members are told. Every member who
    was invited and has not left is told by their safe channel. Returns how many messages
    went (a member whose only safe channel is a call is not counted: the team calls)."""
    _check_manager(actor, meeting.forum)
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("forum", "venue")
        .get(pk=meeting.pk)
    )
    rules.check_not_started(meeting)
    reason = " ".join(reason.split())
    if not reason:
        raise rules.RuleBroken(_("Enter why the meeting is cancelled"))
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
        _tell(fm, "meeting_cancelled", meeting, reason=meeting.cancellation_reason)
        for fm in invited
    )
    audit_record(
        actor=actor,
        action=CHANGED,
        obj=meeting,
        fields=["cancelled_at", "cancellation_reason"],
        note="meeting cancelled",
    )
    return sent


def ics_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("forums:meeting_ics", args=[meeting.pk])


def _when(meeting: Meeting, language: str) -> str:
    with translation.override(language or "en"):
        return date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")


def _where(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.ONLINE:
        return "Online"
    if meeting.venue is not None:
        return meeting.venue.name
    return "To be confirmed"


def _tell(fm: ForumMembership, template: str, meeting: Meeting, **extra: str) -> bool:
    """Tell one member about `meeting` by their safe channel (recruitment's applicant_tell).
    The calendar link goes with every message but the cancellation's (`extra` replaces it)."""
    from recruitment.services_staff import applicant_tell

    application = fm.membership.application
    personalisation = {
        "forum": meeting.forum.name,
        "date": _when(meeting, application.language),
        "place": _where(meeting),
    }
    personalisation.update(extra or {"link": ics_url(meeting)})
    return applicant_tell(
        application=application, template=template, personalisation=personalisation
    )


def _active_members(forum: Forum) -> list[ForumMembership]:
    return list(
        forum.memberships.filter(status=MembershipStatus.ACTIVE).select_related(
            "membership__application"
        )
    )


@transaction.atomic
def meeting_invitations_send(*, actor: User | None, meeting: Meeting) -> int:
    """Invite every active member (not those stepping back, not those already invited) by
    their safe channel, with a link to the meeting's calendar file. Returns how many went."""
    if actor is not None:
        _check_manager(actor, meeting.forum)
    rules.check_not_started(meeting)
    now = timezone.now()
    sent = 0
    for fm in _active_members(meeting.forum):
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, forum_membership=fm
        )
        if attendance.invited_at is not None:
            continue
        if _tell(fm, "meeting_invitation", meeting):
            sent += 1
        attendance.invited_at = now
        attendance.save(update_fields=["invited_at"])
    meeting.invitations_sent_at = now
    meeting.save(update_fields=["invitations_sent_at"])
    audit_record(
        actor=actor, action=CHANGED, obj=meeting, fields=["invitations"], note="invitations sent"
    )
    return sent


@transaction.atomic
def meeting_reminders_send(*, meeting: Meeting, actor: User | None = None) -> int:
    """Remind active members who have not sent apologies (once per meeting)."""
    if meeting.is_cancelled or meeting.reminders_sent_at is not None:
        return 0
    now = timezone.now()
    sent = 0
    for fm in _active_members(meeting.forum):
        attendance, _created = Attendance.objects.get_or_create(
            meeting=meeting, forum_membership=fm
        )
        if attendance.status == AttendanceStatus.APOLOGIES or attendance.reminded_at:
            continue
        if _tell(fm, "meeting_reminder", meeting):
            sent += 1
        attendance.reminded_at = now
        attendance.save(update_fields=["reminded_at"])
    meeting.reminders_sent_at = now
    meeting.save(update_fields=["reminders_sent_at"])
    audit_record(
        actor=actor, action=CHANGED, obj=meeting, fields=["reminders"], note="reminders sent"
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


# Attendance ------------------------------------------------------------------------------


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
    _check_manager(actor, meeting.forum)
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
        action=CHANGED,
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
    audit_record(actor=actor, action=CHANGED, obj=attendance, fields=["status"], note="apologies")
    return attendance


# The agenda ------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_propose(
    *, actor: User, meeting: Meeting, title: str, detail: str, content_note: str = ""
) -> AgendaItem:
    """Propose an item for a meeting's agenda: a member of the forum (from the portal), the
    police or oversight body representative, or a facilitator. Facilitators' items are
    accepted at once; others wait for the facilitator."""
    can_manage, kind, membership = rules.forum_role_of(actor, meeting.forum)
    if kind is None:
        raise PermissionDenied
    rules.check_proposal_open(meeting)
    title = title.strip()
    if not title:
        raise rules.RuleBroken("Enter a title for the item.")
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title[:200],
        detail=detail.strip(),
        content_note=content_note.strip(),
        proposer_kind=kind,
        proposed_by=actor,
        position=position,
        status=AgendaItemStatus.ACCEPTED if can_manage else AgendaItemStatus.PROPOSED,
        decided_by=actor if can_manage else None,
        decided_at=timezone.now() if can_manage else None,
    )
    audit_record(
        actor=actor,
        action=CHANGED,
        obj=item,
        fields=["title", "detail", "content_note"],
        note=f"agenda item proposed by {kind}",
    )
    return item


def _decide(item: AgendaItem, actor: User, status: str, note: str, **extra: Any) -> AgendaItem:
    _check_manager(actor, item.meeting.forum)
    rules.check_meeting_changeable(item.meeting)
    item.status = status
    item.decided_by = actor
    item.decided_at = timezone.now()
    for name, value in extra.items():
        setattr(item, name, value)
    item.save()
    audit_record(actor=actor, action=CHANGED, obj=item, fields=["status", *extra], note=note)
    return item


@transaction.atomic
def agenda_item_accept(
    *, actor: User, item: AgendaItem, content_note: str | None = None
) -> AgendaItem:
    extra = {"content_note": content_note.strip()} if content_note is not None else {}
    return _decide(item, actor, AgendaItemStatus.ACCEPTED, "agenda item accepted", **extra)


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            forum=meeting.forum, starts_at__gt=meeting.starts_at, cancelled_at__isnull=True
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def agenda_item_defer(*, actor: User, item: AgendaItem) -> AgendaItem:
    """Move the item to the forum's next meeting (as a proposal there)."""
    following = next_meeting(item.meeting)
    if following is None:
        raise rules.RuleBroken("There is no later meeting to move this item to. Schedule one.")
    position = (following.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    copy = AgendaItem.objects.create(
        meeting=following,
        title=item.title,
        detail=item.detail,
        content_note=item.content_note,
        proposer_kind=item.proposer_kind,
        proposed_by=item.proposed_by,
        position=position,
    )
    return _decide(item, actor, AgendaItemStatus.DEFERRED, "agenda item deferred", deferred_to=copy)


@transaction.atomic
def agenda_item_merge(*, actor: User, item: AgendaItem, into: AgendaItem) -> AgendaItem:
    """Fold `item` into another item of the same meeting (its detail is added there)."""
    if into.meeting_id != item.meeting_id or into.pk == item.pk:
        raise rules.RuleBroken("Choose another item of the same meeting.")
    if into.status in (AgendaItemStatus.MERGED, AgendaItemStatus.DEFERRED):
        raise rules.RuleBroken("Choose an item that is still on this meeting's agenda.")
    if item.detail:
        into.detail = f"{into.detail}\n\n{item.title}: {item.detail}".strip()
    if item.content_note and item.content_note not in into.content_note:
        into.content_note = f"{into.content_note}\n{item.content_note}".strip()
    into.save(update_fields=["detail", "content_note"])
    item.documents.update(item=into)
    return _decide(item, actor, AgendaItemStatus.MERGED, "agenda item merged", merged_into=into)


@transaction.atomic
def agenda_publish(*, actor: User, meeting: Meeting) -> int:
    """Publish the agenda (its accepted items) to the forum; tells active members. Returns
    how many messages went."""
    _check_manager(actor, meeting.forum)
    rules.check_not_started(meeting)
    if not meeting.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).exists():
        raise rules.RuleBroken("Accept at least one item before publishing the agenda.")
    first_time = meeting.agenda_published_at is None
    meeting.agenda_published_at = timezone.now()
    meeting.save(update_fields=["agenda_published_at"])
    sent = 0
    if first_time:
        sent = sum(_tell(fm, "meeting_agenda", meeting) for fm in _active_members(meeting.forum))
    audit_record(
        actor=actor,
        action=CHANGED,
        obj=meeting,
        fields=["agenda_published_at"],
        note="agenda published",
    )
    return sent


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


@transaction.atomic
def agenda_document_add(*, actor: User, item: AgendaItem, upload: UploadedFile) -> AgendaDocument:
    """Attach a document for appraisal: type and size checked, stored privately under a
    random name (the original name is kept only to show and download)."""
    access = rules.meeting_access(actor, item.meeting)
    if access is None or not access.may_propose_here:
        raise PermissionDenied
    if not rules.agenda_item_visible(access, item):
        raise PermissionDenied  # a representative adds documents to items they can see
    rules.check_meeting_changeable(item.meeting)
    name = upload.name or "document"
    content_type = rules.check_upload(name, _head(upload), upload.size or 0, kind="document")
    document = AgendaDocument(
        item=item,
        original_name=name.rsplit("/", 1)[-1][:200],
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
    )
    document.file.save(name, upload, save=False)
    document.save()
    audit_record(actor=actor, action=CHANGED, obj=document, fields=["file"], note="document added")
    return document


# Recording and the note ------------------------------------------------------------------


@transaction.atomic
def recording_upload(
    *, actor: User, meeting: Meeting, upload: UploadedFile, others_consented: bool
) -> Recording:
    """Keep a recording for note taking: refused unless every member recorded as attending
    agreed, and the facilitator confirms everyone else in the room did too."""
    _check_manager(actor, meeting.forum)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    rules.check_recording_upload(meeting, others_consented=others_consented)
    name = upload.name or "recording"
    content_type = rules.check_upload(name, _head(upload), upload.size or 0, kind="recording")
    recording = Recording(
        meeting=meeting, content_type=content_type, size=upload.size or 0, uploaded_by=actor
    )
    recording.file.save(name, upload, save=False)
    recording.save()
    audit_record(
        actor=actor, action=CHANGED, obj=recording, fields=["file"], note="recording uploaded"
    )
    return recording


def _note_for(meeting: Meeting) -> MeetingNote:
    note, _created = MeetingNote.objects.select_for_update().get_or_create(meeting=meeting)
    return note


@transaction.atomic
def note_save(*, actor: User, meeting: Meeting, text: str) -> MeetingNote:
    """Save the facilitator's draft, and check it for personal details (the redaction
    engine): the findings are shown to the facilitator before it is shared."""
    from redaction.services import redaction_prepare

    _check_manager(actor, meeting.forum)
    note = _note_for(meeting)
    rules.check_note_editable(note)
    note.text = text
    old = note.redaction
    note.redaction = (
        redaction_prepare(text=text, purpose="forum_note", source=note, field_name="text")
        if text.strip()
        else None
    )
    note.updated_at = timezone.now()
    note.save(update_fields=["text", "redaction", "updated_at"])
    if old is not None and old.status == "pending":
        old.delete()  # a superseded check of an earlier draft
    audit_record(actor=actor, action=CHANGED, obj=note, fields=["text"], note="note drafted")
    return note


@transaction.atomic
def note_share(*, actor: User, note: MeetingNote) -> MeetingNote:
    """Share the checked draft with the co-chairs to check."""
    _check_manager(actor, note.meeting.forum)
    rules.check_note_shareable(note)
    note.status = NoteStatus.SHARED
    note.shared_at = timezone.now()
    note.save(update_fields=["status", "shared_at"])
    audit_record(actor=actor, action=CHANGED, obj=note, fields=["status"], note="note shared")
    return note


@transaction.atomic
def note_review_add(
    *, actor: User, note: MeetingNote, comment: str = "", approved: bool = False
) -> NoteReview:
    """A co-chair comments on the shared note, or approves it."""
    access = rules.meeting_access(actor, note.meeting)
    if access is None:
        raise PermissionDenied
    rules.check_note_reviewer(access, note)
    if not comment.strip() and not approved:
        raise rules.RuleBroken("Write a comment or approve the note.")
    review = NoteReview.objects.create(
        note=note, reviewer=actor, comment=comment.strip(), approved=approved
    )
    audit_record(
        actor=actor, action=CHANGED, obj=review, fields=["comment", "approved"], note="note review"
    )
    return review


def recording_delete(*, actor: User | None, meeting: Meeting, reason: str) -> int:
    """Delete a meeting's recording: the file from storage and the row, with a receipt."""
    recording = Recording.objects.filter(meeting=meeting).first()
    if recording is None:
        return 0
    started = timezone.now()
    clock = time.monotonic()
    recording.file.delete(save=False)
    recording.delete()
    finished = timezone.now()
    RetentionReceipt.objects.create(
        run_id=uuid.uuid4(),
        rule=RECORDING_DELETION_RULE,
        category=RECORDING_DELETION_CATEGORY,
        action="delete",
        count=1,
        oldest_clock=recording.uploaded_at,
        newest_clock=recording.uploaded_at,
        started_at=started,
        finished_at=finished,
        duration_ms=int((time.monotonic() - clock) * 1000),
        completed=True,
    )
    audit_record(
        actor=actor,
        action=AuditAction.RETENTION_PURGED,
        obj=meeting,
        fields=["recording"],
        note=f"{RECORDING_DELETION_RULE}: {reason}",
    )
    return 1


@transaction.atomic
def note_finalise(*, actor: User, note: MeetingNote) -> MeetingNote:
    """Make the note final (read-only from now on) and delete the meeting's recording in
    the same call: the file from storage, the row, and a RetentionReceipt. The file goes
    first: should the transaction then fail, the recording is still gone (privacy first)."""
    _check_manager(actor, note.meeting.forum)
    note = MeetingNote.objects.select_for_update().get(pk=note.pk)
    rules.check_note_finalisable(note)
    note.status = NoteStatus.FINAL
    note.finalised_at = timezone.now()
    note.finalised_by = actor
    note.save(update_fields=["status", "finalised_at", "finalised_by"])
    audit_record(actor=actor, action=CHANGED, obj=note, fields=["status"], note="note finalised")
    recording_delete(actor=actor, meeting=note.meeting, reason="the note was finalised")
    return note


def meeting_files_delete(*, meeting: Meeting) -> int:
    """Remove a meeting's stored files (documents, recording) from storage."""
    removed = 0
    for item in meeting.agenda_items.all():
        for document in item.documents.all():
            document.file.delete(save=False)
            removed += 1
    recording = Recording.objects.filter(meeting=meeting).first()
    if recording is not None:
        recording.file.delete(save=False)
        removed += 1
    return removed
