"""Who may do what to a forum's meetings, and what a meeting's state allows.

Every meeting is reached through `get_meeting_for_user`: a facilitator of forum A, or a
member of forum A, gets a 404 for anything of forum B (the object check comes after the
role check in the view). State rules raise lib.rules.RuleBroken with a message for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from forums.access import forums_visible_to
from forums.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    AttendanceStatus,
    Forum,
    ForumMembership,
    Meeting,
    MeetingNote,
    MembershipStatus,
    NoteStatus,
    ProposerKind,
)
from lib.rules import RuleBroken


@dataclass(frozen=True)
class MeetingAccess:
    """What one person may see and do of one meeting.

    Three views: the forum team (`can_manage`: its facilitators and programme admins) sees
    everything; a representative (`is_representative`: the forum's police or oversight body
    representative who does not manage forums) sees the meeting as police see it, never a
    member's identity; a member co-chair sees what a co-chair checks.
    """

    meeting: Meeting
    can_manage: bool  # the forum's facilitators and programme admins
    proposer_kind: str | None  # who they propose agenda items as, if they may
    membership: ForumMembership | None  # the viewer's own place in the forum
    is_co_chair: bool  # a co-chair who checks the note: a member of the forum or its team
    viewer_id: int | None = None

    @property
    def is_representative(self) -> bool:
        """The forum's police or oversight body representative, outside the forum team:
        the date, the place, the published agenda and their own items, never a member's
        name, attendance, apologies, the recording or the note."""
        return not self.can_manage and self.proposer_kind in (
            ProposerKind.POLICE,
            ProposerKind.OVERSIGHT,
        )

    @property
    def sees_members(self) -> bool:
        """Members' names, attendance and consent, the recording and the note: the team only."""
        return self.can_manage

    @property
    def may_propose_here(self) -> bool:
        """Proposes items and adds documents from the forum pages (members use the portal)."""
        return self.can_manage or self.is_representative


def forum_role_of(user: User, forum: Forum) -> tuple[bool, str | None, ForumMembership | None]:
    """(manages the forum, proposes agenda items as, own membership) for `user`."""
    if not user.is_authenticated:
        return False, None, None
    if forums_visible_to(user).filter(pk=forum.pk).exists():
        return True, ProposerKind.FACILITATOR, None
    if forum.police_representative_id == user.pk:
        return False, ProposerKind.POLICE, None
    if forum.oversight_representative_id == user.pk:
        return False, ProposerKind.OVERSIGHT, None
    membership = (
        ForumMembership.objects.filter(forum=forum, user=user)
        .exclude(status=MembershipStatus.LEFT)
        .first()
    )
    if membership is not None:
        return False, ProposerKind.MEMBER, membership
    return False, None, None


def meeting_access(user: User, meeting: Meeting) -> MeetingAccess | None:
    """None for anyone outside the meeting's forum. A co-chair checks the note only as a
    member of the forum (or one of its team): a representative who co-chairs, or anyone
    else named co-chair, never reads a draft note."""
    can_manage, kind, membership = forum_role_of(user, meeting.forum)
    if not (can_manage or kind):
        return None
    is_co_chair = (can_manage or membership is not None) and (
        meeting.forum.co_chairs.filter(pk=user.pk).exists()
    )
    return MeetingAccess(meeting, can_manage, kind, membership, is_co_chair, user.pk)


def get_meeting_for_user(user: User, meeting_id: int) -> MeetingAccess:
    """The meeting and what `user` may do with it, or Http404 for anyone outside its forum."""
    meeting = Meeting.objects.select_related("forum", "venue").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    access = meeting_access(user, meeting)
    if access is None:
        raise Http404
    return access


def check_manage(access: MeetingAccess) -> None:
    if not access.can_manage:
        raise PermissionDenied


def check_may_propose_here(access: MeetingAccess) -> None:
    """The agenda item and document forms: the team and the representatives, not members
    (they propose from their portal)."""
    if not access.may_propose_here:
        raise PermissionDenied


def agenda_item_visible(access: MeetingAccess, item: AgendaItem) -> bool:
    """The team and co-chairs see every item; a representative sees the published agenda's
    items and the items they proposed; anyone else in the forum, the published agenda."""
    if access.can_manage or access.is_co_chair:
        return True
    if access.is_representative and item.proposed_by_id == access.viewer_id:
        return True
    return access.meeting.agenda_is_published and item.status == AgendaItemStatus.ACCEPTED


def agenda_document_visible(access: MeetingAccess, document: AgendaDocument) -> bool:
    """A document for appraisal: to the team; to others once its item is on the published
    agenda; to a representative also the documents they added themselves."""
    if access.is_representative and document.uploaded_by_id == access.viewer_id:
        return True
    if access.can_manage:
        return True
    return access.meeting.agenda_is_published and document.item.status == AgendaItemStatus.ACCEPTED


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
