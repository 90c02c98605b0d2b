"""What the forum pages share: the role check most of them need, the signed-in user, a
private file as a download, and a meeting the person manages (forums.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from accounts.access import actor, role_required
from accounts.roles import Role
from forums.access import MeetingAccess, get_rw_meeting_for_user
from lib.storage import stored_file_response

forum_roles_only = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)


def private_file(file: Any, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download, streamed from storage (lib/storage.py)."""
    return stored_file_response(file, filename=filename, content_type=content_type)  # type: ignore[return-value]


def managed_meeting(request: HttpRequest, meeting_id: int) -> MeetingAccess:
    """The meeting for its forum team (forums.access.get_rw_meeting_for_user)."""
    return get_rw_meeting_for_user(actor(request), meeting_id)
