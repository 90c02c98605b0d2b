"""Writes about the recording and the note of a meeting. The recording is deleted, file and
row, in the same call that finalises the meeting's note (note_finalise), with a
RetentionReceipt under RECORDING_DELETION_RULE."""

from __future__ import annotations

import time
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from forums import audit_events as events
from forums import rules
from forums.access import may_manage_forum, meeting_access
from forums.models import Meeting, MeetingNote, NoteReview, NoteStatus, Recording
from forums.retention import RECORDING_DELETION_RULE
from forums.services.common import upload_head
from lib.rules import RuleBroken
from privacy.audit import audit_record
from privacy.models import RetentionReceipt

RECORDING_DELETION_CATEGORY = "Recordings of forum meetings"


@transaction.atomic
def recording_upload(
    *, actor: User, meeting: Meeting, upload: UploadedFile, others_consented: bool
) -> Recording:
    """Keep a recording for note taking: refused unless every member recorded as attending
    agreed, and the facilitator confirms everyone else in the room did too."""
    require(may_manage_forum(actor, meeting.forum))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    rules.check_recording_upload(meeting, others_consented=others_consented)
    name = upload.name or "recording"
    content_type = rules.check_upload(name, upload_head(upload), upload.size or 0, kind="recording")
    recording = Recording(
        meeting=meeting, content_type=content_type, size=upload.size or 0, uploaded_by=actor
    )
    recording.file.save(name, upload, save=False)
    recording.save()
    audit_record(
        actor=actor,
        action=events.RECORDING_UPLOADED,
        obj=recording,
        fields=["file"],
        note="recording uploaded",
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

    require(may_manage_forum(actor, meeting.forum))
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
    audit_record(
        actor=actor, action=events.NOTE_DRAFTED, obj=note, fields=["text"], note="note drafted"
    )
    return note


@transaction.atomic
def note_share(*, actor: User, note: MeetingNote) -> MeetingNote:
    """Share the checked draft with the co-chairs to check."""
    require(may_manage_forum(actor, note.meeting.forum))
    rules.check_note_shareable(note)
    note.status = NoteStatus.SHARED
    note.shared_at = timezone.now()
    note.save(update_fields=["status", "shared_at"])
    audit_record(
        actor=actor, action=events.NOTE_SHARED, obj=note, fields=["status"], note="note shared"
    )
    return note


@transaction.atomic
def note_review_add(
    *, actor: User, note: MeetingNote, comment: str = "", approved: bool = False
) -> NoteReview:
    """A co-chair comments on the shared note, or approves it."""
    access = meeting_access(actor, note.meeting)
    if access is None:
        raise PermissionDenied
    rules.check_note_reviewer(access, note)
    if not comment.strip() and not approved:
        raise RuleBroken("Write a comment or approve the note.")
    review = NoteReview.objects.create(
        note=note, reviewer=actor, comment=comment.strip(), approved=approved
    )
    audit_record(
        actor=actor,
        action=events.NOTE_REVIEWED,
        obj=review,
        fields=["comment", "approved"],
        note="note review",
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
        action=events.RECORDING_DELETED,
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
    require(may_manage_forum(actor, note.meeting.forum))
    note = MeetingNote.objects.select_for_update().get(pk=note.pk)
    rules.check_note_finalisable(note)
    note.status = NoteStatus.FINAL
    note.finalised_at = timezone.now()
    note.finalised_by = actor
    note.save(update_fields=["status", "finalised_at", "finalised_by"])
    audit_record(
        actor=actor,
        action=events.NOTE_FINALISED,
        obj=note,
        fields=["status"],
        note="note finalised",
    )
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
