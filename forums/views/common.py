"""What the forum pages share: the role check most of them need, the signed-in user, a
form page that knows whether its form has errors, a private file as a download, and a
meeting the person manages (forums.rules)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.access import role_required
from accounts.models import User
from accounts.roles import Role
from forums import rules

forum_roles_only = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)


def request_user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    context.setdefault("form_has_errors", bool(form is not None and form.errors))
    return render(request, template, context)


def private_file(file: Any, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download (a FileResponse: streamed, typed as a response)."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def managed_meeting(request: HttpRequest, meeting_id: int) -> rules.MeetingAccess:
    access = rules.get_meeting_for_user(request_user(request), meeting_id)
    rules.check_manage(access)
    return access
