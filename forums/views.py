"""Forum pages. Every forum is fetched through forums.access.get_forum_for_user and every
meeting through forums.rules.get_meeting_for_user: the role check comes first (403), then
the object check (404 for a forum or meeting the person must not know). Writes go through
forums.services; these views only read forms and show results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required, signed_in_required
from accounts.models import User
from accounts.roles import Role
from forums import rules, selectors, services
from forums.access import get_forum_for_user
from forums.forms import (
    AgendaDecisionForm,
    AgendaItemForm,
    AttendanceForm,
    CancelForm,
    ForumSettingsForm,
    JoinForm,
    MeetingForm,
    NoteForm,
    RecordingForm,
    ReviewForm,
    SeriesForm,
    UploadForm,
    VenueForm,
)
from forums.ical import meeting_calendar
from forums.models import (
    AgendaDocument,
    ForumMembership,
    MembershipStatus,
    NoteStatus,
    Recording,
)
from recruitment.selectors_staff import memberships_waiting

forum_roles_only = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context.get("form")
    context.setdefault("form_has_errors", bool(form is not None and form.errors))
    return render(request, template, context)


def _private_file(file: Any, *, filename: str, content_type: str) -> HttpResponse:
    """A private file as a download (a FileResponse: streamed, typed as a response)."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


# Forums ----------------------------------------------------------------------------------


@forum_roles_only
def forum_list(request: HttpRequest) -> HttpResponse:
    forums = list(selectors.forum_list(viewer=_user(request)))
    return render(request, "forums/list.html", {"forums": forums})


@forum_roles_only
def forum_detail(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum, can_change = get_forum_for_user(_user(request), forum_id)
    members = selectors.forum_members(forum=forum)
    current = [m for m in members if m.status != MembershipStatus.LEFT]
    meetings = list(selectors.meeting_list(forum=forum))
    now = timezone.now()
    return render(
        request,
        "forums/detail.html",
        {
            "forum": forum,
            "can_change": can_change,
            "facilitator_count": selectors.forum_facilitator_count(forum=forum),
            "members": members,
            "member_count": len(current),
            "over_capacity": len(current) > forum.capacity,
            "upcoming": [m for m in meetings if m.starts_at >= now][:3],
            "past_count": sum(1 for m in meetings if m.starts_at < now),
        },
    )


@role_required(Role.PROGRAMME_ADMIN)
def forum_edit(request: HttpRequest, forum_id: int) -> HttpResponse:
    """The programme team sets a forum's cohort, capacity, tenure, cadence, representatives
    and co-chairs. A new tenure end moves every member's retention clock with it."""
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    initial: dict[str, Any] = {
        "cohort": forum.cohort_id,
        "capacity": forum.capacity,
        "cadence_days": forum.cadence_days,
        "police_representative": forum.police_representative_id,
        "oversight_representative": forum.oversight_representative_id,
        "co_chairs": list(forum.co_chairs.values_list("pk", flat=True)),
    }
    for prefix, value in (
        ("tenure_starts_on", forum.tenure_starts_on),
        ("tenure_ends_on", forum.tenure_end),
    ):
        initial.update(
            {
                f"{prefix}-day": value.day,
                f"{prefix}-month": value.month,
                f"{prefix}-year": value.year,
            }
        )
    form = ForumSettingsForm(request.POST or None, initial=initial, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.forum_settings_set(
                actor=_user(request),
                forum=forum,
                cohort=data.get("cohort"),
                capacity=data["capacity"],
                cadence_days=data["cadence_days"],
                tenure_starts_on=data["tenure_starts_on"],
                tenure_ends_on=data.get("tenure_ends_on"),
                police_representative=data.get("police_representative"),
                oversight_representative=data.get("oversight_representative"),
                co_chairs=data.get("co_chairs") or [],
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The forum's settings are saved."))
            return redirect("forums:detail", forum.pk)
    return _page(request, "forums/forum_edit.html", {"forum": forum, "form": form})


@forum_roles_only
def member_join(request: HttpRequest, forum_id: int) -> HttpResponse:
    """Give an onboarded applicant (without a forum yet) a place in this forum."""
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    # Who this forum may take, whatever cohort they applied to (recruitment.selectors_staff).
    waiting = memberships_waiting(viewer=_user(request), forum=forum)
    choices = [(str(m.pk), m.application.full_name or m.application.reference) for m in waiting]
    form = JoinForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        membership = next(m for m in waiting if str(m.pk) == form.cleaned_data["membership"])
        try:
            services.forum_member_join(actor=_user(request), forum=forum, membership=membership)
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            if rules.forum_over_capacity(forum):
                messages.warning(
                    request,
                    _("The forum now has more members than its capacity of %(n)s.")
                    % {"n": forum.capacity},
                )
            else:
                messages.success(request, _("They have joined the forum."))
            return redirect("forums:detail", forum.pk)
    return _page(
        request,
        "forums/member_join.html",
        {
            "forum": forum,
            "form": form,
            "has_choices": bool(choices),
            "would_exceed": rules.forum_over_capacity(forum, extra=1),
        },
    )


@forum_roles_only
@require_POST
def member_status(request: HttpRequest, forum_id: int, membership_id: int) -> HttpResponse:
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    fm = get_object_or_404(ForumMembership, pk=membership_id, forum=forum)
    action = {
        "step_back": services.membership_step_back,
        "return": services.membership_return,
        "leave": services.membership_leave,
    }.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    try:
        action(actor=_user(request), forum_membership=fm)
    except rules.RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The member's status is changed."))
    return redirect("forums:detail", forum.pk)


# Meetings --------------------------------------------------------------------------------


@forum_roles_only
def meeting_list(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    meetings = list(selectors.meeting_list(forum=forum))
    now = timezone.now()
    return render(
        request,
        "forums/meetings.html",
        {
            "forum": forum,
            "upcoming": [m for m in meetings if m.starts_at >= now],
            "past": [m for m in meetings if m.starts_at < now][::-1],
        },
    )


def _meeting_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "starts_at": data["starts_at"],
        "duration_minutes": data["duration_minutes"],
        "format": data["format"],
        "venue": data.get("venue"),
        "online_joining": data.get("online_joining", ""),
    }


@forum_roles_only
def meeting_new(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    form = MeetingForm(request.POST or None, initial={"start_time": "18:00"})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=_user(request),
                forum=forum,
                title=form.cleaned_data.get("title", ""),
                **_meeting_fields(form.cleaned_data),
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("forums:meeting", meeting.pk)
    return _page(request, "forums/meeting_form.html", {"forum": forum, "form": form})


@forum_roles_only
def meeting_series(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum, _can_change = get_forum_for_user(_user(request), forum_id)
    form = SeriesForm(
        request.POST or None, initial={"start_time": "18:00", "every_days": forum.cadence_days}
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.meeting_series_generate(
                actor=_user(request),
                forum=forum,
                first_starts_at=form.cleaned_data["starts_at"],
                every_days=form.cleaned_data["every_days"],
                until=form.cleaned_data.get("until"),
                duration_minutes=form.cleaned_data["duration_minutes"],
                format=form.cleaned_data["format"],
                venue=form.cleaned_data.get("venue"),
                online_joining=form.cleaned_data.get("online_joining", ""),
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("%(n)s meetings are scheduled. Change any of them.") % {"n": len(made)}
            )
            return redirect("forums:meetings", forum.pk)
    return _page(
        request, "forums/meeting_form.html", {"forum": forum, "form": form, "series": True}
    )


@forum_roles_only
def venue_new(request: HttpRequest) -> HttpResponse:
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.venue_create(actor=_user(request), **form.cleaned_data)
        messages.success(request, _("The venue is added."))
        return redirect("forums:list")
    return _page(request, "forums/venue_form.html", {"form": form})


@signed_in_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as the forum team sees it; as a representative (police, oversight body)
    sees it: date, place, published agenda, their own items and the recommendations, never
    a member's identity; or as a member co-chair sees it. Other members use the portal."""
    access = rules.get_meeting_for_user(_user(request), meeting_id)
    if not (access.can_manage or access.is_representative or access.is_co_chair):
        raise Http404
    meeting = access.meeting
    members, attendances = (
        selectors.attendance_rows(meeting=meeting) if access.sees_members else ([], {})
    )
    shows_note = access.can_manage or access.is_co_chair
    return render(
        request,
        "forums/meeting.html",
        {
            "meeting": meeting,
            "access": access,
            "items": selectors.agenda_items_for(access=access),
            "members": members,
            "attendances": attendances,
            "note": selectors.meeting_note(meeting=meeting) if shows_note else None,
            "recording": (
                Recording.objects.filter(meeting=meeting).first() if access.can_manage else None
            ),
            "recommendations": selectors.meeting_recommendations(
                viewer=_user(request), meeting=meeting
            ),
            "agenda_due_on": rules.agenda_due_on(meeting),
            "has_started": rules.meeting_has_started(meeting),
        },
    )


def _managed(request: HttpRequest, meeting_id: int) -> rules.MeetingAccess:
    access = rules.get_meeting_for_user(_user(request), meeting_id)
    rules.check_manage(access)
    return access


@forum_roles_only
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    local = timezone.localtime(meeting.starts_at)
    initial = {
        "day-day": local.day,
        "day-month": local.month,
        "day-year": local.year,
        "start_time": local.strftime("%H:%M"),
        "duration_minutes": meeting.duration_minutes,
        "format": meeting.format,
        "venue": meeting.venue_id,
        "online_joining": meeting.online_joining,
        "title": meeting.title,
    }
    form = MeetingForm(request.POST or None, initial=initial, current_starts_at=meeting.starts_at)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=_user(request),
                meeting=meeting,
                title=form.cleaned_data.get("title", ""),
                **_meeting_fields(form.cleaned_data),
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("forums:meeting", meeting.pk)
    return _page(
        request,
        "forums/meeting_form.html",
        {"forum": meeting.forum, "form": form, "meeting": meeting, "initial": initial},
    )


@forum_roles_only
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Cancel a meeting still to come: the page asks why and to confirm; members who were
    invited are told by their safe channel."""
    meeting = _managed(request, meeting_id).meeting
    try:
        rules.check_not_started(meeting)
    except rules.RuleBroken as error:
        messages.error(request, str(error))
        return redirect("forums:meeting", meeting.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.meeting_cancel(
                actor=_user(request), meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except rules.RuleBroken as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request,
                _("The meeting is cancelled. %(n)s invited members were told.") % {"n": sent},
            )
            return redirect("forums:meeting", meeting.pk)
    invited = meeting.attendances.filter(invited_at__isnull=False).count()
    return _page(
        request,
        "forums/meeting_cancel.html",
        {"meeting": meeting, "form": form, "invited": invited},
    )


@forum_roles_only
@require_POST
def meeting_invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    try:
        sent = services.meeting_invitations_send(actor=_user(request), meeting=meeting)
    except rules.RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)s invitations sent.") % {"n": sent})
    return redirect("forums:meeting", meeting.pk)


@signed_in_required
def meeting_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting's calendar file, for anyone in its forum (members included)."""
    meeting = rules.get_meeting_for_user(_user(request), meeting_id).meeting
    response = HttpResponse(meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# The agenda ------------------------------------------------------------------------------


@signed_in_required
def agenda_item_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Staff propose an item: the facilitator (accepted at once), the police or oversight
    representative (waits for the facilitator). Members propose from their portal."""
    access = rules.get_meeting_for_user(_user(request), meeting_id)
    rules.check_may_propose_here(access)
    meeting = access.meeting
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_propose(actor=_user(request), meeting=meeting, **form.cleaned_data)
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item is added."))
            return redirect("forums:meeting", meeting.pk)
    return _page(request, "forums/agenda_item_form.html", {"meeting": meeting, "form": form})


@forum_roles_only
def agenda_item_decide(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    item = get_object_or_404(meeting.agenda_items, pk=item_id)
    form = AgendaDecisionForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == "accept":
                services.agenda_item_accept(
                    actor=_user(request), item=item, content_note=form.cleaned_data["content_note"]
                )
            elif decision == "defer":
                services.agenda_item_defer(actor=_user(request), item=item)
            else:
                services.agenda_item_merge(
                    actor=_user(request), item=item, into=form.cleaned_data["into"]
                )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The item is updated."))
            return redirect("forums:meeting", meeting.pk)
    return _page(
        request, "forums/agenda_item_decide.html", {"meeting": meeting, "item": item, "form": form}
    )


@forum_roles_only
def agenda_publish(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    error = None
    if request.method == "POST":
        try:
            sent = services.agenda_publish(actor=_user(request), meeting=meeting)
        except rules.RuleBroken as broken:
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
    except rules.RuleBroken as broken:
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
    access = rules.get_meeting_for_user(_user(request), meeting_id)
    rules.check_may_propose_here(access)
    item = get_object_or_404(access.meeting.agenda_items, pk=item_id)
    if not rules.agenda_item_visible(access, item):
        raise Http404
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_document_add(
                actor=_user(request), item=item, upload=form.cleaned_data["file"]
            )
        except rules.RuleBroken as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("The document is added."))
            return redirect("forums:meeting", access.meeting.pk)
    return _page(
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
    once the agenda with its item is published (404 for anyone else, forums.rules)."""
    document = get_object_or_404(AgendaDocument.objects.select_related("item"), pk=document_id)
    access = rules.get_meeting_for_user(_user(request), document.item.meeting_id)
    if not rules.agenda_document_visible(access, document):
        raise Http404
    return _private_file(
        document.file, filename=document.original_name, content_type=document.content_type
    )


# Attendance, the recording and the note --------------------------------------------------


@forum_roles_only
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    members, current = selectors.attendance_rows(meeting=meeting)
    form = AttendanceForm(request.POST or None, memberships=members, current=current)
    if request.method == "POST" and form.is_valid():
        consent_of = {"yes": True, "no": False}
        for fm in members:
            services.attendance_record(
                actor=_user(request),
                meeting=meeting,
                forum_membership=fm,
                status=form.cleaned_data[f"status_{fm.pk}"],
                recording_consent=consent_of.get(form.cleaned_data[f"consent_{fm.pk}"]),
            )
        messages.success(request, _("Attendance is recorded."))
        return redirect("forums:meeting", meeting.pk)
    return _page(
        request,
        "forums/attendance.html",
        {"meeting": meeting, "form": form, "members": members},
    )


@forum_roles_only
def recording_upload(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    form = RecordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recording_upload(
                actor=_user(request),
                meeting=meeting,
                upload=form.cleaned_data["file"],
                others_consented=form.cleaned_data["others_consented"],
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The recording is kept until the note is final."))
            return redirect("forums:meeting", meeting.pk)
    return _page(
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
    meeting = _managed(request, meeting_id).meeting
    recording = get_object_or_404(Recording, meeting=meeting)
    suffix = recording.file.name.rsplit(".", 1)[-1]
    return _private_file(
        recording.file,
        filename=f"meeting-{meeting.pk}.{suffix}",
        content_type=recording.content_type,
    )


@forum_roles_only
def note_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The draft note, and what the redaction engine found in it (shown before sharing)."""
    from redaction.selectors import highlighted_html, spans_of

    meeting = _managed(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    form = NoteForm(request.POST or None, initial={"text": note.text if note else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_save(
                actor=_user(request), meeting=meeting, text=form.cleaned_data["text"]
            )
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The note is saved and checked for personal details."))
            return redirect("forums:note", meeting.pk)
    redaction = note.redaction if note is not None else None
    checked = note is not None and redaction is not None and redaction.original == note.text
    return _page(
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
    meeting = _managed(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    if note is None:
        raise Http404
    try:
        services.note_share(actor=_user(request), note=note)
    except rules.RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The note is shared with the co-chairs to check."))
    return redirect("forums:note", meeting.pk)


@forum_roles_only
@require_POST
def note_finalise(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _managed(request, meeting_id).meeting
    note = selectors.meeting_note(meeting=meeting)
    if note is None:
        raise Http404
    try:
        services.note_finalise(actor=_user(request), note=note)
    except rules.RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The note is final. The recording has been deleted."))
    return redirect("forums:meeting", meeting.pk)


@signed_in_required
def note_review(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A co-chair reads the shared note, comments on it or approves it."""
    access = rules.get_meeting_for_user(_user(request), meeting_id)
    note = selectors.meeting_note(meeting=access.meeting)
    if not access.is_co_chair:
        raise Http404 if not (access.can_manage or access.is_representative) else PermissionDenied
    if note is None or note.status == NoteStatus.DRAFT:
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_review_add(actor=_user(request), note=note, **form.cleaned_data)
        except rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The facilitator can see your review."))
            return redirect("forums:note_review", access.meeting.pk)
    return _page(
        request,
        "forums/note_review.html",
        {"meeting": access.meeting, "note": note, "form": form, "NoteStatus": NoteStatus},
    )
