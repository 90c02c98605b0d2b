"""Agenda pages: proposing an item, the facilitator's decision on it, publishing the agenda,
and documents for appraisal (uploaded and downloaded)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import actor, signed_in_required
from forums import rules, selectors, services
from forums.access import (
    agenda_document_visible,
    agenda_item_visible,
    get_meeting_for_user,
    get_proposable_meeting_for_user,
)
from forums.forms import AgendaDecisionForm, AgendaItemForm, UploadForm
from forums.models import AgendaDocument
from forums.views.common import (
    forum_roles_only,
    managed_meeting,
    private_file,
)
from lib.rules import RuleBroken, form_rule_error


@signed_in_required
def agenda_item_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Staff propose an item: the facilitator (accepted at once), the police or oversight
    representative (waits for the facilitator). Members propose from their portal."""
    access = get_proposable_meeting_for_user(actor(request), meeting_id)
    meeting = access.meeting
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_propose(actor=actor(request), meeting=meeting, **form.cleaned_data)
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The item is added."))
            return redirect("forums:meeting", meeting.pk)
    return render(request, "forums/agenda_item_form.html", {"meeting": meeting, "form": form})


@forum_roles_only
def agenda_item_decide(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    item = get_object_or_404(meeting.agenda_items, pk=item_id)
    form = AgendaDecisionForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == "accept":
                services.agenda_item_accept(
                    actor=actor(request),
                    item=item,
                    content_note=form.cleaned_data["content_note"],
                )
            elif decision == "defer":
                services.agenda_item_defer(actor=actor(request), item=item)
            else:
                services.agenda_item_merge(
                    actor=actor(request), item=item, into=form.cleaned_data["into"]
                )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The item is updated."))
            return redirect("forums:meeting", meeting.pk)
    return render(
        request, "forums/agenda_item_decide.html", {"meeting": meeting, "item": item, "form": form}
    )


@forum_roles_only
def agenda_publish(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    error = None
    if request.method == "POST":
        try:
            sent = services.agenda_publish(actor=actor(request), meeting=meeting)
        except RuleBroken as broken:
            error = str(broken)
        else:
            messages.success(
                request, _("The agenda is published. %(n)s members were told.") % {"n": sent}
            )
            return redirect("forums:meeting", meeting.pk)
    items = [i for i in selectors.agenda_items(meeting=meeting) if i.status == "accepted"]
    closed = None
    try:
        rules.check_not_started(meeting)
    except RuleBroken as broken:
        closed = str(broken)
    return render(
        request,
        "forums/agenda_publish.html",
        {
            "meeting": meeting,
            "items": items,
            "error": error,
            "closed": closed,
            "agenda_due_on": rules.agenda_due_on(meeting),
        },
    )


@signed_in_required
def document_upload(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    access = get_proposable_meeting_for_user(actor(request), meeting_id)
    item = get_object_or_404(access.meeting.agenda_items, pk=item_id)
    if not agenda_item_visible(access, item):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_document_add(
                actor=actor(request), item=item, upload=form.cleaned_data["file"]
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The document is added."))
            return redirect("forums:meeting", access.meeting.pk)
    return render(
        request,
        "forums/upload.html",
        {
            "meeting": access.meeting,
            "item": item,
            "form": form,
            "title": _("Add a document for appraisal"),
            "hint": _("PDF, Word, PowerPoint, OpenDocument, text or an image, up to 10 MB."),
        },
    )


@signed_in_required
def document_download(request: HttpRequest, document_id: int) -> HttpResponse:
    """A document for appraisal, to its forum's team, and to members and representatives
    once the agenda with its item is published (404 for anyone else, forums.access)."""
    document = get_object_or_404(AgendaDocument.objects.select_related("item"), pk=document_id)
    access = get_meeting_for_user(actor(request), document.item.meeting_id)
    if not agenda_document_visible(access, document):
        raise Http404
    return private_file(
        document.file, filename=document.original_name, content_type=document.content_type
    )
