"""Writes about forums, memberships and meetings (see docs/forums.md)."""

from __future__ import annotations

from forums.models import Meeting


def meeting_files_delete(*, meeting: Meeting) -> int:
    """Remove a meeting's stored files (documents, recording) from storage."""
    removed = 0
    for item in meeting.agenda_items.all():
        for document in item.documents.all():
            document.file.delete(save=False)
            removed += 1
    recording = getattr(meeting, "recording", None)
    if recording is not None:
        recording.file.delete(save=False)
        removed += 1
    return removed
