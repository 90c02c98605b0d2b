"""The member portal: a member's meetings, agenda proposals, apologies, wellbeing, stepping
back, their data. Every page reaches only the signed-in member's own data (404 otherwise).
Also the wellbeing lists of facilitators and the programme team, and the DPO's list of
members' deletion requests."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement.access import participant_of
from forums import services as forum_services
from forums.models import AttendanceStatus, MembershipStatus
from lib.rules import RuleBroken, form_rule_error
from portal import selectors, services
from portal.access import get_member_for_user, get_member_meeting_for_user
from portal.forms import ProposeForm, SupportFlagForm
from portal.models import CheckInRequest, ErasureRequest, SupportFlag
from privacy import selectors as privacy_selectors
from privacy import services as privacy_services

member_only = role_required(Role.MEMBER)
wellbeing_team = role_required(Role.PROGRAMME_ADMIN, Role.FACILITATOR)
dpo_only = role_required(Role.DATA_PROTECTION_OFFICER)


@member_only
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    places = selectors.memberships(user=user)
    return render(
        request,
        "portal/home.html",
        {
            "places": places,
            "stepping_back": any(fm.status == MembershipStatus.STEPPING_BACK for fm in places),
            "upcoming": selectors.upcoming_meetings(user=user),
            "recent": selectors.recent_meetings(user=user),
            # Their place on the engagement register, if any (one portal for both).
            "register_place": participant_of(user),
        },
    )


@member_only
def meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = actor(request)
    meeting, fm = get_member_meeting_for_user(user, meeting_id)
    attendance = selectors.attendance_of(meeting=meeting, forum_membership=fm)
    is_past = meeting.starts_at <= timezone.now()
    return render(
        request,
        "portal/meeting.html",
        {
            "meeting": meeting,
            "items": selectors.agenda_for_member(meeting=meeting, user=user),
            "attendance": attendance,
            "sent_apologies": attendance is not None
            and attendance.status == AttendanceStatus.APOLOGIES,
            "is_past": is_past,
            "can_propose": not is_past and not meeting.is_cancelled,
            "check_in": selectors.open_check_in(meeting=meeting, forum_membership=fm),
        },
    )


@member_only
def propose(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = actor(request)
    meeting, _fm = get_member_meeting_for_user(user, meeting_id)
    form = ProposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forum_services.agenda_item_propose(
                actor=user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                detail=form.cleaned_data["detail"],
                content_note=form.cleaned_data["content_note"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(
                request, _("Thank you. The facilitator will look at your item for the agenda.")
            )
            return redirect("portal:meeting", meeting.pk)
    return render(request, "portal/propose.html", {"meeting": meeting, "form": form})


@member_only
@require_POST
def apologies(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = actor(request)
    meeting, fm = get_member_meeting_for_user(user, meeting_id)
    try:
        forum_services.attendance_apologies(actor=user, meeting=meeting, forum_membership=fm)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you for letting us know. We will miss you."))
    return redirect("portal:meeting", meeting.pk)


@member_only
@require_POST
def check_in(request: HttpRequest, meeting_id: int) -> HttpResponse:
    user = actor(request)
    meeting, _fm = get_member_meeting_for_user(user, meeting_id)
    try:
        services.check_in_request(actor=user, meeting=meeting)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Thank you. Someone from the forum team will call you."))
    return redirect("portal:meeting", meeting.pk)


@member_only
def step_back(request: HttpRequest) -> HttpResponse:
    """Step back for a while, or come back. No questions asked."""
    user = actor(request)
    places = selectors.memberships(user=user)
    if not places:
        raise Http404
    stepping_back = any(fm.status == MembershipStatus.STEPPING_BACK for fm in places)
    if request.method == "POST":
        for fm in places:
            if stepping_back:
                forum_services.membership_return(actor=user, forum_membership=fm)
            else:
                forum_services.membership_step_back(actor=user, forum_membership=fm)
        if stepping_back:
            messages.success(request, _("Welcome back. We will invite you to meetings again."))
        else:
            messages.success(
                request,
                _("You are taking a break. We will not invite you to meetings until you return."),
            )
        return redirect("portal:home")
    return render(request, "portal/step_back.html", {"stepping_back": stepping_back})


@member_only
def your_data(request: HttpRequest) -> HttpResponse:
    pending = ErasureRequest.objects.filter(user=actor(request), handled_at__isnull=True).exists()
    return render(request, "portal/your_data.html", {"pending": pending})


def _export(request: HttpRequest) -> dict[str, object]:
    group = privacy_selectors.user_group(actor(request))
    _record, document = privacy_services.subject_export(actor=actor(request), group=group)
    return document


@member_only
def data_html(request: HttpRequest) -> HttpResponse:
    response = render(request, "portal/data_export.html", {"document": _export(request)})
    response["Cache-Control"] = "no-store"
    return response


@member_only
def data_json(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(_export(request), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="your-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@member_only
def erasure(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.erasure_request_create(actor=actor(request))
        messages.success(
            request,
            _("We have your request. Our data protection officer will reply within a month."),
        )
        return redirect("portal:your_data")
    return render(request, "portal/erasure.html", {})


@member_only
def what_happened(request: HttpRequest) -> HttpResponse:
    """You said, we did for the member's own forums only (insights/selectors/yousaid.py): the
    forum's recommendations, the police's answers and reasons, and what happened since.
    No person's identity is shown, so no audit event is written."""
    from insights.selectors import member_you_said_we_did

    stories = member_you_said_we_did(user=actor(request))
    return render(request, "portal/what_happened.html", {"stories": stories})


# Wellbeing: facilitators and the programme team -------------------------------------------


@wellbeing_team
def wellbeing(request: HttpRequest) -> HttpResponse:
    viewer = actor(request)
    return render(
        request,
        "portal/wellbeing.html",
        {
            "check_ins": selectors.check_ins_for(viewer=viewer),
            "flags": selectors.flags_for(viewer=viewer),
            "members": selectors.members_for(viewer=viewer),
        },
    )


@wellbeing_team
def flag(request: HttpRequest, membership_id: int) -> HttpResponse:
    viewer = actor(request)
    fm = get_member_for_user(viewer, membership_id)
    form = SupportFlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.support_flag_raise(
            actor=viewer, forum_membership=fm, note=form.cleaned_data["note"]
        )
        messages.success(request, _("The programme team can see that they may need support."))
        return redirect("portal:wellbeing")
    return render(request, "portal/flag.html", {"fm": fm, "form": form})


@wellbeing_team
@require_POST
def flag_close(request: HttpRequest, flag_id: int) -> HttpResponse:
    viewer = actor(request)
    item = get_object_or_404(SupportFlag.objects.select_related("forum_membership"), pk=flag_id)
    get_member_for_user(viewer, item.forum_membership_id)
    services.support_flag_close(actor=viewer, flag=item)
    return redirect("portal:wellbeing")


@wellbeing_team
@require_POST
def check_in_done(request: HttpRequest, request_id: int) -> HttpResponse:
    viewer = actor(request)
    item = get_object_or_404(
        CheckInRequest.objects.select_related("forum_membership"), pk=request_id
    )
    get_member_for_user(viewer, item.forum_membership_id)
    services.check_in_done(actor=viewer, request=item)
    return redirect("portal:wellbeing")


# The data protection officer ---------------------------------------------------------------


@dpo_only
def erasure_requests(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/erasure_requests.html",
        {"pending": selectors.pending_erasure_requests()},
    )


@dpo_only
@require_POST
def erasure_request_handled(request: HttpRequest, request_id: int) -> HttpResponse:
    item = get_object_or_404(ErasureRequest, pk=request_id, handled_at__isnull=True)
    services.erasure_request_handled(actor=actor(request), request=item)
    return redirect("portal:erasure_requests")
