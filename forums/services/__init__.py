"""Writes about forums, memberships and meetings (see docs/forums.md), one module per
feature: forums and memberships (forums.py), meetings (meetings.py), attendance
(attendance.py), the agenda (agenda.py), the recording and the note (notes.py); what they
share is in common.py. Callers import from `forums.services`, which names them all here.

Every function is keyword-only, runs in one transaction and writes its audit event in it.
Messages to members go by their safe channel (recruitment's applicant_tell: email or text,
never a channel they said was unsafe) and only to active members: a member stepping back
keeps their place and gets no invitations until they return.

The recording of a meeting is deleted, file and row, in the same call that finalises the
meeting's note (note_finalise), with a RetentionReceipt under RECORDING_DELETION_RULE.
"""

from forums.services.agenda import (
    agenda_document_add,
    agenda_item_accept,
    agenda_item_defer,
    agenda_item_merge,
    agenda_item_propose,
    agenda_publish,
    next_meeting,
)
from forums.services.attendance import attendance_apologies, attendance_record
from forums.services.common import ics_url
from forums.services.forums import (
    forum_member_join,
    forum_settings_set,
    membership_leave,
    membership_return,
    membership_step_back,
)
from forums.services.meetings import (
    meeting_cancel,
    meeting_invitations_send,
    meeting_reminders_send,
    meeting_reminders_send_due,
    meeting_schedule,
    meeting_series_generate,
    meeting_update,
    series_dates,
    venue_create,
)
from forums.services.notes import (
    RECORDING_DELETION_CATEGORY,
    meeting_files_delete,
    note_finalise,
    note_review_add,
    note_save,
    note_share,
    recording_delete,
    recording_upload,
)

__all__ = [
    "RECORDING_DELETION_CATEGORY",
    "agenda_document_add",
    "agenda_item_accept",
    "agenda_item_defer",
    "agenda_item_merge",
    "agenda_item_propose",
    "agenda_publish",
    "attendance_apologies",
    "attendance_record",
    "forum_member_join",
    "forum_settings_set",
    "ics_url",
    "meeting_cancel",
    "meeting_files_delete",
    "meeting_invitations_send",
    "meeting_reminders_send",
    "meeting_reminders_send_due",
    "meeting_schedule",
    "meeting_series_generate",
    "meeting_update",
    "membership_leave",
    "membership_return",
    "membership_step_back",
    "next_meeting",
    "note_finalise",
    "note_review_add",
    "note_save",
    "note_share",
    "recording_delete",
    "recording_upload",
    "series_dates",
    "venue_create",
]
