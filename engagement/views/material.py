"""Material for a review: the programme team's pages, and the checked view an invited
participant reaches through their invitation's link (docs/engagement.md, "Document and
video review").

- engagement/opportunities/<id>/material/: the team's list and upload form.
- engagement/material/<id>/remove/ (POST), engagement/material/<id>/preview/ (the bytes,
  internal-only material included, audited), engagement/material/<id>/comments/.
- register/invitations/<token>/material/<id>/: the document (in a frame) or the video (no
  download, the viewer's name over it), and a document's comment form; .../file/: the bytes,
  only with an unexpired grant, never as an attachment, HTTP ranges for video.

The files are never served by URL from storage: only these views read them.
"""

from __future__ import annotations

import re

from csp.constants import SELF
from django.conf import settings
from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement.access import get_opportunity_for_user
from engagement.forms.material import CommentForm, MaterialForm
from engagement.models import Invitation, Material, MaterialKind, Opportunity
from engagement.selectors.invitations import invitation_by_token
from engagement.selectors.material import (
    comments_by_section,
    material_for_team,
    material_of_opportunity,
)
from engagement.services.material import (
    EXTENSIONS,
    WHOLE_DOCUMENT,
    document_comment_add,
    live_grant,
    material_add,
    material_open,
    material_preview_record,
    material_remove,
    material_servable,
    material_view_record,
)
from lib.rules import RuleBroken, form_rule_error
from lib.storage import open_stream, read_chunks, stored_size

team_only = role_required(Role.PROGRAMME_ADMIN)

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def in_language(opportunity: Opportunity, name: str) -> str:
    """An opportunity's words in the page's language (Welsh falls back to English)."""
    if (translation.get_language() or "en").startswith("cy"):
        welsh = getattr(opportunity, f"{name}_cy", "")
        if welsh:
            return str(welsh)
    return str(getattr(opportunity, name))


def invitation_or_404(token: str) -> Invitation:
    invitation = invitation_by_token(token)
    if invitation is None:
        raise Http404
    return invitation


# Serving the bytes ------------------------------------------------------------------------


class RangeNotSatisfiable(ValueError):
    pass


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range a Range header asks for, as (first, last) inclusive; None to send
    the whole file (no header, or one we do not serve, such as several ranges);
    RangeNotSatisfiable when it starts beyond the end."""
    match = _RANGE.match((header or "").strip())
    if not match:
        return None
    start, end = match.groups()
    if not start and not end:
        return None
    if not start:
        suffix = int(end)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    first = int(start)
    last = int(end) if end else size - 1
    if end and last < first:
        return None  # an invalid range is ignored (RFC 9110, 14.2)
    if first >= size:
        raise RangeNotSatisfiable
    return first, min(last, size - 1)


def from_first_byte(request: HttpRequest) -> bool:
    """Whether this request reads the file from its start: a new view, audited (a player
    asking for the rest of a video is the same view)."""
    try:
        found = byte_range(request.headers.get("Range", ""), 1 << 62)
    except RangeNotSatisfiable:
        return False
    return found is None or found[0] == 0


def _private(response: HttpResponseBase, material: Material) -> HttpResponseBase:
    extension = EXTENSIONS.get(material.content_type, "")
    # Shown in the browser, never offered as a download.
    response["Content-Disposition"] = f'inline; filename="material-{material.pk}{extension}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Accept-Ranges"] = "bytes"
    response["X-Frame-Options"] = "SAMEORIGIN"
    # Read by django-csp's middleware: the same as its @csp_replace decorator.
    response._csp_replace = {"frame-ancestors": [SELF]}  # type: ignore[attr-defined]
    return response


def serve_material(request: HttpRequest, material: Material) -> HttpResponse:
    """The material's bytes, inline: the whole file, or one byte range (206). A document's
    own page may frame it (X-Frame-Options and CSP frame-ancestors: this site only)."""
    size = stored_size(material.file)
    try:
        wanted = byte_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        refused = HttpResponse(status=416)
        refused["Content-Range"] = f"bytes */{size}"
        return _private(refused, material)  # type: ignore[return-value]
    response: HttpResponseBase
    if wanted is None:
        response = FileResponse(open_stream(material.file), content_type=material.content_type)
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        length = last - first + 1
        response = StreamingHttpResponse(
            read_chunks(open_stream(material.file, start=first, length=length), length),
            status=206,
            content_type=material.content_type,
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    return _private(response, material)  # type: ignore[return-value]


# The programme team ---------------------------------------------------------------------


@never_cache
@team_only
def material(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = material_add(
                actor=user,
                opportunity=opportunity,
                title=data["title"],
                kind=data["kind"],
                upload=data["file"],
                internal_only=data["internal_only"],
                sections=data["sections"],
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("“%(title)s” is added.") % {"title": added.title})
            return redirect("engagement:material", opportunity_id=opportunity.pk)
    return render(
        request,
        "engagement/material/list.html",
        {
            "opportunity": opportunity,
            "items": material_of_opportunity(opportunity),
            "form": form,
            "access_hours": settings.ENGAGEMENT_MATERIAL_ACCESS_HOURS,
        },
    )


@team_only
@require_POST
def material_remove_view(request: HttpRequest, material_id: int) -> HttpResponse:
    user = actor(request)
    item = material_for_team(viewer=user, material_id=material_id)
    try:
        material_remove(actor=user, material=item)
    except RuleBroken as broken:
        messages.error(request, str(broken))
    else:
        messages.success(request, _("“%(title)s” is removed.") % {"title": item.title})
    return redirect("engagement:material", opportunity_id=item.opportunity_id)


@team_only
@require_GET
def material_preview(request: HttpRequest, material_id: int) -> HttpResponse:
    """The programme team's preview of the bytes (internal-only material too), audited."""
    user = actor(request)
    item = material_for_team(viewer=user, material_id=material_id)
    if from_first_byte(request):
        material_preview_record(actor=user, material=item)
    return serve_material(request, item)


@never_cache
@team_only
def material_comments(request: HttpRequest, material_id: int) -> HttpResponse:
    """Comments on a document by section: the released words once a person has reviewed
    them (on the redaction pages), else a link to review them."""
    item = material_for_team(viewer=actor(request), material_id=material_id)
    return render(
        request,
        "engagement/material/comments.html",
        {"material": item, "sections": comments_by_section(item), "whole": WHOLE_DOCUMENT},
    )


# The participant, through their invitation's link ---------------------------------------


def _material_of(invitation: Invitation, material_id: int) -> Material:
    """The material of the invitation's opportunity that may be shown through it, else 404
    (internal-only material and an internal-only opportunity's never are)."""
    item = Material.objects.filter(pk=material_id, opportunity_id=invitation.opportunity_id).first()
    if item is None or not material_servable(invitation=invitation, material=item):
        raise Http404
    return item


@never_cache
@require_http_methods(["GET", "POST"])
def material_view(request: HttpRequest, token: str, material_id: int) -> HttpResponse:
    invitation = invitation_or_404(token)
    item = _material_of(invitation, material_id)
    opportunity = invitation.opportunity
    form = None
    if item.kind == MaterialKind.DOCUMENT:
        form = CommentForm(request.POST or None, sections=item.sections or [])
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                document_comment_add(
                    invitation=invitation,
                    material=item,
                    section=form.cleaned_data.get("section", WHOLE_DOCUMENT),
                    text=form.cleaned_data["comment"],
                )
            except RuleBroken as broken:
                form_rule_error(form, broken)
            else:
                messages.success(
                    request, _("Thank you. Your comment is saved. You can add another.")
                )
                return redirect("engagement:material_view", token=token, material_id=item.pk)
        grant = live_grant(invitation=invitation, material=item)
    else:
        grant = material_open(invitation=invitation, material=item)
    if grant is None or grant.expires_at <= timezone.now():
        return render(
            request,
            "engagement/material/ended.html",
            {"material": item, "title": in_language(opportunity, "title")},
            status=410,
        )
    return render(
        request,
        "engagement/material/view.html",
        {
            "material": item,
            "opportunity": opportunity,
            "title": in_language(opportunity, "title"),
            "content_notes": in_language(opportunity, "content_notes"),
            "viewer_name": invitation.participant.full_name,
            "expires_at": timezone.localtime(grant.expires_at),
            "file_url": reverse(
                "engagement:material_file", kwargs={"token": token, "material_id": item.pk}
            ),
            "form": form,
        },
    )


@require_GET
def material_file(request: HttpRequest, token: str, material_id: int) -> HttpResponse:
    """The bytes, only to an invitation with an unexpired grant; every view from the first
    byte audited."""
    invitation = invitation_or_404(token)
    item = _material_of(invitation, material_id)
    grant = live_grant(invitation=invitation, material=item)
    if grant is None:
        raise Http404
    if from_first_byte(request):
        material_view_record(invitation=invitation, material=item, part="file", grant=grant)
    return serve_material(request, item)
