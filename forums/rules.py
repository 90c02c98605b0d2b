"""What a meeting's state allows. State rules raise lib.rules.RuleBroken with a message
for the page. Who may see and change a forum or meeting is in forums.access.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from forums.access import MeetingAccess
from forums.models import (
    AttendanceStatus,
    Forum,
    Meeting,
    MeetingNote,
    MembershipStatus,
    NoteStatus,
)
from lib.rules import RuleBroken

# Meetings ------------------------------------------------------------------------------


def check_meeting_changeable(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise RuleBroken(_("This meeting was cancelled."))
    note = MeetingNote.objects.filter(meeting=meeting).first()
    if note is not None and note.is_final:
        raise RuleBroken(_("The note of this meeting is final, so the meeting cannot change."))


def meeting_has_started(meeting: Meeting) -> bool:
    return meeting.starts_at <= timezone.now()


def check_starts_later(starts_at: datetime) -> None:
    """A meeting is scheduled or moved only to a time still to come."""
    if starts_at <= timezone.now():
        raise RuleBroken(_("The meeting must start later than now. Check the date and time."))


def check_not_started(meeting: Meeting) -> None:
    """Invitations, the agenda and cancelling are for meetings still to come."""
    check_meeting_changeable(meeting)
    if meeting_has_started(meeting):
        raise RuleBroken(_("This meeting has already started."))


def check_proposal_open(meeting: Meeting) -> None:
    if meeting.is_cancelled:
        raise RuleBroken(_("This meeting was cancelled."))
    if meeting.starts_at <= timezone.now():
        raise RuleBroken(_("This meeting has already started. Propose the item for the next one."))


def agenda_due_on(meeting: Meeting) -> date:
    """The day the agenda should be published: FORUM_AGENDA_PUBLISH_DAYS before."""
    start = timezone.localtime(meeting.starts_at).date()
    return start - timedelta(days=settings.FORUM_AGENDA_PUBLISH_DAYS)


def forum_over_capacity(forum: Forum, *, extra: int = 0) -> bool:
    """True when the forum has (or would have, with `extra` more) more members than planned."""
    current = forum.memberships.exclude(status=MembershipStatus.LEFT).count()
    return current + extra > forum.capacity


# Files ---------------------------------------------------------------------------------

DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".txt": "text/plain",
    ".rtf": "application/rtf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
RECORDING_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".webm": "audio/webm",
    ".mp4": "video/mp4",
}

# The first bytes of each kind of file, so a renamed file of another type is refused.
_MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".rtf": (b"{\\rtf",),
    ".mp3": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"),
    ".wav": (b"RIFF",),
    ".ogg": (b"OggS",),
    ".webm": (b"\x1a\x45\xdf\xa3",),
}


def check_upload(name: str, head: bytes, size: int, *, kind: str) -> str:
    """The content type to store for an upload, or RuleBroken (on the form's "file"): by
    extension, first bytes and size. `kind` is "document" or "recording"."""
    types = DOCUMENT_TYPES if kind == "document" else RECORDING_TYPES
    limit = (
        settings.FORUM_DOCUMENT_MAX_BYTES
        if kind == "document"
        else settings.FORUM_RECORDING_MAX_BYTES
    )
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in types:
        allowed = ", ".join(sorted(s.lstrip(".").upper() for s in types))
        raise RuleBroken(
            _("The file must be one of these types: %(types)s.") % {"types": allowed}, field="file"
        )
    if size == 0:
        raise RuleBroken(_("The selected file is empty."), field="file")
    if size > limit:
        raise RuleBroken(
            _("The file must be smaller than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            field="file",
        )
    magic = _MAGIC.get(suffix)
    if magic and not head.startswith(magic):
        raise RuleBroken(
            _("The file is not the type its name says. Check it and try again."), field="file"
        )
    if suffix in (".m4a", ".mp4") and head[4:8] != b"ftyp":
        raise RuleBroken(
            _("The file is not the type its name says. Check it and try again."), field="file"
        )
    return types[suffix]


# Recording and the note ----------------------------------------------------------------


def recording_consent_missing(meeting: Meeting) -> list[str]:
    """Why a recording may not be uploaded yet (empty when it may)."""
    attended = [a for a in meeting.attendances.all() if a.status == AttendanceStatus.ATTENDED]
    if not attended:
        return [_("Record who attended first.")]
    missing = [a for a in attended if a.recording_consent is not True]
    if missing:
        return [
            _("%(count)s attendee(s) have not agreed to the recording.") % {"count": len(missing)}
        ]
    return []


def check_recording_upload(meeting: Meeting, *, others_consented: bool) -> None:
    if meeting.is_cancelled:
        raise RuleBroken(_("This meeting was cancelled."))
    if hasattr(meeting, "recording"):
        raise RuleBroken(_("This meeting already has a recording."))
    note = MeetingNote.objects.filter(meeting=meeting).first()
    if note is not None and note.is_final:
        raise RuleBroken(_("The note of this meeting is final: recordings are no longer kept."))
    reasons = recording_consent_missing(meeting)
    if reasons:
        raise RuleBroken(reasons[0])
    if not others_consented:
        raise RuleBroken(
            _("Confirm that everyone else in the meeting agreed to it being recorded.")
        )


def check_note_editable(note: MeetingNote) -> None:
    if note.is_final:
        raise RuleBroken(_("The note is final and can no longer be changed."))


def check_note_shareable(note: MeetingNote) -> None:
    check_note_editable(note)
    if not note.text.strip():
        raise RuleBroken(_("Write the note before sharing it."))
    if note.redaction is None or note.redaction.original != note.text:
        raise RuleBroken(_("Check the note for personal details before sharing it."))


def check_note_finalisable(note: MeetingNote) -> None:
    check_note_editable(note)
    if note.status != NoteStatus.SHARED:
        raise RuleBroken(_("Share the note with the co-chairs to check before finalising it."))


def check_note_reviewer(access: MeetingAccess, note: MeetingNote) -> None:
    if not access.is_co_chair:
        raise PermissionDenied
    if note.status != NoteStatus.SHARED:
        raise RuleBroken(_("This note is not waiting for the co-chairs to check."))
