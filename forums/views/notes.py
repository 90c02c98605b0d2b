"""The recording and the note: uploading and downloading the recording, the draft note and
what the redaction engine found in it, sharing with the co-chairs, their review, and making
the note final (which deletes the recording)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, signed_in_required
from forums import rules, selectors, services
from forums.access import get_meeting_for_user
from forums.forms import NoteForm, RecordingForm, ReviewForm
from forums.models import NoteStatus, Recording
from forums.views.common import (
    forum_roles_only,
    managed_meeting,
    private_file,
)
from lib.rules import RuleBroken, form_rule_error


@forum_roles_only
def recording_upload(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    form = RecordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recording_upload(
                actor=actor(request),
                meeting=meeting,
                upload=form.cleaned_data["file"],
                others_consented=form.cleaned_data["others_consented"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The recording is kept until the note is final."))
            return redirect("forums:meeting", meeting.pk)
    return render(
        request,
        "forums/upload.html",
        {
            "meeting": meeting,
            "form": form,
            "recording": True,
            "title": _("Upload the recording"),
            "hint": _("MP3, M4A, WAV, OGG, WebM or MP4. It is deleted when the note is final."),
            "consent_missing": rules.recording_consent_missing(meeting),
        },
    )


@forum_roles_only
def recording_download(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    recording = get_object_or_404(Recording, meeting=meeting)
    suffix = recording.file.name.rsplit(".", 1)[-1]
    return private_file(
        recording.file,
        filename=f"meeting-{meeting.pk}.{suffix}",
        content_type=recording.content_type,
    )


@forum_roles_only
def note_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The draft note, and what the redaction engine found in it (shown before sharing)."""
    from redaction.selectors import highlighted_html, spans_of

    meeting = managed_meeting(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    form = NoteForm(request.POST or None, initial={"text": note.text if note else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_save(
                actor=actor(request), meeting=meeting, text=form.cleaned_data["text"]
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The note is saved and checked for personal details."))
            return redirect("forums:note", meeting.pk)
    redaction = note.redaction if note is not None else None
    checked = note is not None and redaction is not None and redaction.original == note.text
    return render(
        request,
        "forums/note.html",
        {
            "meeting": meeting,
            "note": note,
            "form": form,
            "findings": spans_of(redaction) if checked and redaction else [],
            "highlighted": highlighted_html(redaction) if checked and redaction else None,
            "checked": checked,
            "recording": Recording.objects.filter(meeting=meeting).exists(),
            "NoteStatus": NoteStatus,
        },
    )


@forum_roles_only
@require_POST
def note_share(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    if note is None:
        raise Http404
    try:
        services.note_share(actor=actor(request), note=note)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The note is shared with the co-chairs to check."))
    return redirect("forums:note", meeting.pk)


@forum_roles_only
@require_POST
def note_finalise(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    if note is None:
        raise Http404
    try:
        services.note_finalise(actor=actor(request), note=note)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The note is final. The recording has been deleted."))
    return redirect("forums:meeting", meeting.pk)


@signed_in_required
def note_review(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A co-chair reads the shared note, comments on it or approves it."""
    access = get_meeting_for_user(actor(request), meeting_id)
    note = selectors.meeting_note(meeting=access.meeting)
    if not access.is_co_chair:
        raise Http404 if not (access.can_manage or access.is_representative) else PermissionDenied
    if note is None or note.status == NoteStatus.DRAFT:
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_review_add(actor=actor(request), note=note, **form.cleaned_data)
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Thank you. The facilitator can see your review."))
            return redirect("forums:note_review", access.meeting.pk)
    return render(
        request,
        "forums/note_review.html",
        {"meeting": access.meeting, "note": note, "form": form, "NoteStatus": NoteStatus},
    )
