"""Retention of forums and their meetings (see privacy/retention.py and docs/forums.md).

A member's place in a forum (ForumMembership, and their attendance through it) goes with
their application: recruitment.Membership cascades to it, and recruitment's rule
"recruitment.members_applications" deletes the application six months after
Membership.tenure_ends_on, which forums.services keeps equal to the forum's tenure end.

Meetings (agendas, documents for appraisal, notes) are the forum's record: they are kept
until six months after the forum's tenure ends, then deleted with their files. Recordings
are not kept for any period: forums.services.note_finalise deletes them when the note of
the meeting is finalised, with a RetentionReceipt under "forums.recording_deleted_at_note".
"""

from datetime import timedelta
from typing import Any

from django.db.models import DateTimeField, Q, QuerySet
from django.db.models.functions import Cast

from privacy.retention import PUBLIC_TASK, RetentionRule, no_retention_needed, register

RECORDING_DELETION_RULE = "forums.recording_deleted_at_note"

no_retention_needed(
    "forums.Forum",
    "Names a group and the staff accounts who represent the police and oversight body in it.",
)
no_retention_needed("forums.Venue", "A meeting place and its access information, not a person.")
no_retention_needed(
    "forums.ForumMembership",
    "Deleted with the member's application (recruitment.members_applications), through "
    "recruitment.Membership, six months after tenure ends.",
)
no_retention_needed(
    "forums.Attendance",
    "Deleted with the member's forum membership, or with the meeting.",
)
no_retention_needed(
    "forums.Recording",
    "Deleted when the meeting note is finalised (forums.services.note_finalise), with a "
    "retention receipt; never kept for a period.",
)
for _label in ("forums.AgendaItem", "forums.AgendaDocument", "forums.MeetingNote"):
    no_retention_needed(_label, "Deleted with its meeting (forums.meetings).")
no_retention_needed("forums.NoteReview", "Deleted with its meeting note and meeting.")


def _forum_tenure_end() -> Cast:
    return Cast("forum__tenure_ends_on", output_field=DateTimeField())


def delete_meetings_with_files(queryset: QuerySet[Any]) -> int:
    """Delete one batch of expired meetings, removing their stored files first."""
    from forums.services import meeting_files_delete

    meetings = list(queryset)
    for meeting in meetings:
        meeting_files_delete(meeting=meeting)
    _, per_model = queryset.model.objects.filter(pk__in=[m.pk for m in meetings]).delete()
    return per_model.get("forums.Meeting", 0)


register(
    RetentionRule(
        key="forums.meetings",
        model="forums.Meeting",
        category="Forum meetings, agendas, documents and notes",
        holds=(
            "When and where each meeting was, its agenda items (with who proposed them), "
            "documents for appraisal, attendance and apologies, and the finalised note."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The forum's facilitators and programme admins; members see their forum's.",
        clock=_forum_tenure_end,
        clock_text="when the forum's tenure ends",
        period=timedelta(days=183),
        filter=Q(forum__tenure_ends_on__isnull=False),
        deleter=delete_meetings_with_files,
        reason=(
            "Meetings are the forum's record for its two years; members' data is kept until "
            "six months after tenure ends, and the meetings hold their names and words."
        ),
    )
)
