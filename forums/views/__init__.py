"""Forum pages, one module per feature: forums and members (forums.py), meetings and
attendance (meetings.py), the agenda and its documents (agenda.py), the recording and the
note (notes.py); what they share is in common.py. forums/urls.py finds every view here.

Every forum is fetched through forums.access.get_forum_for_user and every meeting through
forums.access.get_meeting_for_user: the role check comes first (403), then the object check
(404 for a forum or meeting the person must not know). Writes go through forums.services;
these views only read forms and show results."""

from forums.views.agenda import (
    agenda_item_decide,
    agenda_item_new,
    agenda_publish,
    document_download,
    document_upload,
)
from forums.views.forums import (
    forum_detail,
    forum_edit,
    forum_list,
    member_join,
    member_status,
)
from forums.views.meetings import (
    attendance,
    meeting_cancel,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_invite,
    meeting_list,
    meeting_new,
    meeting_series,
    venue_new,
)
from forums.views.notes import (
    note_edit,
    note_finalise,
    note_review,
    note_share,
    recording_download,
    recording_upload,
)

__all__ = [
    "agenda_item_decide",
    "agenda_item_new",
    "agenda_publish",
    "attendance",
    "document_download",
    "document_upload",
    "forum_detail",
    "forum_edit",
    "forum_list",
    "meeting_cancel",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_invite",
    "meeting_list",
    "meeting_new",
    "meeting_series",
    "member_join",
    "member_status",
    "note_edit",
    "note_finalise",
    "note_review",
    "note_share",
    "recording_download",
    "recording_upload",
    "venue_new",
]
