"""The audit events of forums: settings and places, meetings, attendance, the agenda,
notes and recordings (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from forums.retention import RECORDING_DELETION_RULE
from privacy.audit_events import Legacy, registry

events = registry.app("forums", _("Forums"))

# Forums and places
SETTINGS_CHANGED = events.add(
    "forums.settings_changed",
    _("Changed a forum's settings"),
    fields=[
        "capacity",
        "cadence_days",
        "tenure_starts_on",
        "tenure_ends_on",
        "police_representative",
        "oversight_representative",
        "cohort",
        "co_chairs",
    ],
    was=["forum settings"],
)
MEMBER_JOINED = events.add(
    "forums.member_joined",
    _("Gave a member a place in a forum"),
    fields=["forum", "status", "membership.tenure_ends_on"],
    was=["joined forum"],
)
MEMBER_STEPPED_BACK = events.add(
    "forums.member_stepped_back",
    _("Recorded that a member is stepping back from a forum"),
    fields=["status", "stepped_back_on"],
    was=["stepping back"],
)
MEMBER_RETURNED = events.add(
    "forums.member_returned",
    _("Recorded that a member has come back to a forum"),
    fields=["status", "stepped_back_on"],
    was=["returned from stepping back"],
)
MEMBER_LEFT = events.add(
    "forums.member_left",
    _("Recorded that a member has left a forum"),
    fields=["status", "left_on"],
    was=["left"],
)

# Meetings
VENUE_ADDED = events.add(
    "forums.venue_added", _("Added a meeting venue"), fields=["name"], was=["venue added"]
)
MEETING_SCHEDULED = events.add(
    "forums.meeting_scheduled", _("Scheduled a meeting"), was=["meeting scheduled"]
)
MEETING_SERIES_SCHEDULED = events.add(
    "forums.meeting_series_scheduled",
    _("Scheduled a series of meetings"),
    fields=["meetings"],
    was=["meeting series"],
)
MEETING_CHANGED = events.add(
    "forums.meeting_changed",
    _("Changed a meeting"),
    fields=["starts_at", "duration_minutes", "format", "venue", "online_joining", "title"],
    was=["meeting changed"],
)
MEETING_CANCELLED = events.add(
    "forums.meeting_cancelled",
    _("Cancelled a meeting"),
    fields=["cancelled_at", "cancellation_reason"],
    was=["meeting cancelled"],
)
INVITATIONS_SENT = events.add(
    "forums.invitations_sent",
    _("Sent the invitations to a meeting"),
    fields=["invitations"],
    was=["invitations sent"],
)
REMINDERS_SENT = events.add(
    "forums.reminders_sent",
    _("Sent the reminders of a meeting"),
    fields=["reminders"],
    was=["reminders sent"],
)

# Attendance
ATTENDANCE_RECORDED = events.add(
    "forums.attendance_recorded",
    _("Recorded who attended a meeting"),
    fields=["status", "recording_consent"],
    was=["attendance recorded"],
)
APOLOGIES_SENT = events.add(
    "forums.apologies_sent",
    _("Sent apologies for a meeting"),
    fields=["status"],
    was=["apologies"],
)

# The agenda
AGENDA_ITEM_PROPOSED = events.add(
    "forums.agenda_item_proposed",
    _("Proposed an agenda item"),
    fields=["title", "detail", "content_note"],
    was=["agenda item proposed by *"],
)
AGENDA_ITEM_ACCEPTED = events.add(
    "forums.agenda_item_accepted",
    _("Accepted an agenda item"),
    fields=["status", "content_note"],
    was=["agenda item accepted"],
)
AGENDA_ITEM_DEFERRED = events.add(
    "forums.agenda_item_deferred",
    _("Moved an agenda item to the next meeting"),
    fields=["status", "deferred_to"],
    was=["agenda item deferred"],
)
AGENDA_ITEM_MERGED = events.add(
    "forums.agenda_item_merged",
    _("Merged an agenda item into another"),
    fields=["status", "merged_into"],
    was=["agenda item merged"],
)
AGENDA_PUBLISHED = events.add(
    "forums.agenda_published",
    _("Published a meeting's agenda"),
    fields=["agenda_published_at"],
    was=["agenda published"],
)
AGENDA_DOCUMENT_ADDED = events.add(
    "forums.agenda_document_added",
    _("Added a document to an agenda"),
    fields=["file"],
    was=["document added"],
)

# Notes and recordings
RECORDING_UPLOADED = events.add(
    "forums.recording_uploaded",
    _("Uploaded a meeting's recording"),
    fields=["file"],
    was=["recording uploaded"],
)
RECORDING_DELETED = events.add(
    "forums.recording_deleted",
    _("Deleted a meeting's recording once its note was written"),
    fields=["recording"],
    was=[Legacy("retention_purged", f"{RECORDING_DELETION_RULE}:", prefix=True)],
)
NOTE_DRAFTED = events.add(
    "forums.note_drafted", _("Wrote a meeting's note"), fields=["text"], was=["note drafted"]
)
NOTE_SHARED = events.add(
    "forums.note_shared",
    _("Shared a meeting's note for review"),
    fields=["status"],
    was=["note shared"],
)
NOTE_REVIEWED = events.add(
    "forums.note_reviewed",
    _("Reviewed a meeting's note"),
    fields=["comment", "approved"],
    was=["note review"],
)
NOTE_FINALISED = events.add(
    "forums.note_finalised",
    _("Finalised a meeting's note"),
    fields=["status"],
    was=["note finalised"],
)
