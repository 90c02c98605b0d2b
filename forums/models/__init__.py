"""The forums app's models: forums and memberships (forums.py); meetings, their venues,
agendas and documents, attendance, the recording and the note (meetings.py). Django finds
them here; callers import them from `forums.models`."""

from forums.models.forums import (
    DEFAULT_CADENCE_DAYS,
    DEFAULT_CAPACITY,
    TENURE_YEARS,
    Forum,
    ForumMembership,
    MembershipStatus,
    default_tenure_end,
    years_after,
)
from forums.models.meetings import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingFormat,
    MeetingNote,
    NoteReview,
    NoteStatus,
    ProposerKind,
    Recording,
    Venue,
)

__all__ = [
    "DEFAULT_CADENCE_DAYS",
    "DEFAULT_CAPACITY",
    "TENURE_YEARS",
    "AgendaDocument",
    "AgendaItem",
    "AgendaItemStatus",
    "Attendance",
    "AttendanceStatus",
    "Forum",
    "ForumMembership",
    "Meeting",
    "MeetingFormat",
    "MeetingNote",
    "MembershipStatus",
    "NoteReview",
    "NoteStatus",
    "ProposerKind",
    "Recording",
    "Venue",
    "default_tenure_end",
    "years_after",
]
