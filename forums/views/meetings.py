"""Meeting pages: the list, scheduling one meeting or a series, venues, a meeting as each
role sees it, changing, cancelling, invitations, its calendar file, and attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, signed_in_required
from forums import rules, selectors, services
from forums.access import get_forum_for_user, get_meeting_for_user
from forums.forms import AttendanceForm, CancelForm, MeetingForm, SeriesForm, VenueForm
from forums.ical import meeting_calendar
from forums.models import Recording
from forums.views.common import forum_roles_only, managed_meeting
from lib.rules import RuleBroken, form_rule_error


@forum_roles_only
def meeting_list(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum = get_forum_for_user(actor(request), forum_id)
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
    forum = get_forum_for_user(actor(request), forum_id)
    form = MeetingForm(request.POST or None, initial={"start_time": "18:00"})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(
                actor=actor(request),
                forum=forum,
                title=form.cleaned_data.get("title", ""),
                **_meeting_fields(form.cleaned_data),
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("forums:meeting", meeting.pk)
    return render(request, "forums/meeting_form.html", {"forum": forum, "form": form})


@forum_roles_only
def meeting_series(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum = get_forum_for_user(actor(request), forum_id)
    form = SeriesForm(
        request.POST or None, initial={"start_time": "18:00", "every_days": forum.cadence_days}
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.meeting_series_generate(
                actor=actor(request),
                forum=forum,
                first_starts_at=form.cleaned_data["starts_at"],
                every_days=form.cleaned_data["every_days"],
                until=form.cleaned_data.get("until"),
                duration_minutes=form.cleaned_data["duration_minutes"],
                format=form.cleaned_data["format"],
                venue=form.cleaned_data.get("venue"),
                online_joining=form.cleaned_data.get("online_joining", ""),
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(
                request, _("%(n)s meetings are scheduled. Change any of them.") % {"n": len(made)}
            )
            return redirect("forums:meetings", forum.pk)
    return render(
        request, "forums/meeting_form.html", {"forum": forum, "form": form, "series": True}
    )


@forum_roles_only
def venue_new(request: HttpRequest) -> HttpResponse:
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.venue_create(actor=actor(request), **form.cleaned_data)
        messages.success(request, _("The venue is added."))
        return redirect("forums:list")
    return render(request, "forums/venue_form.html", {"form": form})


@signed_in_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting as the forum team sees it; as a representative (police, oversight body)
    sees it: date, place, published agenda, their own items and the recommendations, never
    a member's identity; or as a member co-chair sees it. Other members use the portal."""
    access = get_meeting_for_user(actor(request), meeting_id)
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
                viewer=actor(request), meeting=meeting
            ),
            "agenda_due_on": rules.agenda_due_on(meeting),
            "has_started": rules.meeting_has_started(meeting),
        },
    )


@forum_roles_only
def meeting_edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
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
                actor=actor(request),
                meeting=meeting,
                title=form.cleaned_data.get("title", ""),
                **_meeting_fields(form.cleaned_data),
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The meeting is changed."))
            return redirect("forums:meeting", meeting.pk)
    return render(
        request,
        "forums/meeting_form.html",
        {"forum": meeting.forum, "form": form, "meeting": meeting, "initial": initial},
    )


@forum_roles_only
def meeting_cancel(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Cancel a meeting still to come: the page asks why and to confirm; members who were
    invited are told by their safe channel."""
    meeting = managed_meeting(request, meeting_id).meeting
    try:
        rules.check_not_started(meeting)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("forums:meeting", meeting.pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.meeting_cancel(
                actor=actor(request), meeting=meeting, reason=form.cleaned_data["reason"]
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(
                request,
                _("The meeting is cancelled. %(n)s invited members were told.") % {"n": sent},
            )
            return redirect("forums:meeting", meeting.pk)
    invited = meeting.attendances.filter(invited_at__isnull=False).count()
    return render(
        request,
        "forums/meeting_cancel.html",
        {"meeting": meeting, "form": form, "invited": invited},
    )


@forum_roles_only
@require_POST
def meeting_invite(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    try:
        sent = services.meeting_invitations_send(actor=actor(request), meeting=meeting)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(n)s invitations sent.") % {"n": sent})
    return redirect("forums:meeting", meeting.pk)


@signed_in_required
def meeting_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The meeting's calendar file, for anyone in its forum (members included)."""
    meeting = get_meeting_for_user(actor(request), meeting_id).meeting
    response = HttpResponse(meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@forum_roles_only
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = managed_meeting(request, meeting_id).meeting
    members, current = selectors.attendance_rows(meeting=meeting)
    form = AttendanceForm(request.POST or None, memberships=members, current=current)
    if request.method == "POST" and form.is_valid():
        consent_of = {"yes": True, "no": False}
        for fm in members:
            services.attendance_record(
                actor=actor(request),
                meeting=meeting,
                forum_membership=fm,
                status=form.cleaned_data[f"status_{fm.pk}"],
                recording_consent=consent_of.get(form.cleaned_data[f"consent_{fm.pk}"]),
            )
        messages.success(request, _("Attendance is recorded."))
        return redirect("forums:meeting", meeting.pk)
    return render(
        request,
        "forums/attendance.html",
        {"meeting": meeting, "form": form, "members": members},
    )
