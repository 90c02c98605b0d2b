"""What the forum pages share: the role check most of them need, the signed-in user, a
private file as a download, and a meeting the person manages (forums.access)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse

from accounts.access import actor, role_required
from accounts.roles import Role
from forums.access import MeetingAccess, get_rw_meeting_for_user

forum_roles_only = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)


def private_file(file: Any, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download (a FileResponse: streamed, typed as a response)."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def managed_meeting(request: HttpRequest, meeting_id: int) -> MeetingAccess:
    """The meeting for its forum team (forums.access.get_rw_meeting_for_user)."""
    return get_rw_meeting_for_user(actor(request), meeting_id)
