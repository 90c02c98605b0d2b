"""The programme team's pages (the queue, one application, each move) and the vetting
panel's pages. Views stay thin: access (recruitment.access), rules
(recruitment.rules) and writes (recruitment.services) live elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.access import role_required
from accounts.models import User
from accounts.roles import PanelSeat, Role
from privacy.audit import audit_identity_viewed
from recruitment import forms_staff, rules, selectors_staff, services
from recruitment.access import (
    PANEL_ROLES,
    QUEUE_ROLES,
    get_application_for_user,
    get_panel_application_for_user,
    may_manage,
    panel_applications_for,
    panel_seat_of,
)
from recruitment.models import Application, Membership, PanelView, PncCheck, Stage
from recruitment.reference.equality import label_for
from recruitment.retention import WITHDRAWN_DAYS

MANAGER_ROLES = (Role.PROGRAMME_ADMIN,)
EQUALITY_LABELS = {
    "ethnic_group": gettext_lazy("Ethnic group"),
    "disability": gettext_lazy("Disability"),
    "sexual_orientation": gettext_lazy("Sexual orientation"),
    "gender_identity": gettext_lazy("Gender identity"),
    "age_band": gettext_lazy("Age"),
    "borough": gettext_lazy("Borough"),
}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# The queue and one application ---------------------------------------------------------


@role_required(*QUEUE_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    viewer = _user(request)
    group = request.GET.get("stage") or Stage.RECEIVED
    if group not in selectors_staff.QUEUE_GROUPS_BY_KEY:
        raise Http404
    counts = selectors_staff.queue_counts(viewer=viewer)
    groups = [
        {"group": g, "count": counts[g.key], "current": g.key == group}
        for g in selectors_staff.QUEUE_GROUPS
    ]
    return render(
        request,
        "recruitment/staff/queue.html",
        {
            "groups": groups,
            "current": selectors_staff.QUEUE_GROUPS_BY_KEY[group],
            "rows": selectors_staff.queue_rows(viewer=viewer, group=group),
            "may_manage": may_manage(viewer),
        },
    )


def _safe_channels(application: Application) -> list[str]:
    channels = []
    if application.safe_to_email:
        channels.append(_("email"))
    if application.safe_to_text:
        channels.append(_("text message"))
    if application.safe_to_phone:
        channels.append(_("phone call"))
    if application.safe_to_leave_voicemail:
        channels.append(_("voicemail"))
    return channels


@role_required(*QUEUE_ROLES)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application with the applicant's identity: every view is audited."""
    viewer = _user(request)
    application = get_application_for_user(viewer, application_id)
    audit_identity_viewed(viewer=viewer, person=application)
    pnc = PncCheck.objects.filter(application=application).first()
    onboarding = getattr(application, "onboarding", None)
    manage = may_manage(viewer)
    return render(
        request,
        "recruitment/staff/application.html",
        {
            "application": application,
            "cohorts": [c.display_name for c in application.cohorts.all()],
            "channels": _safe_channels(application),
            "equality": [
                (EQUALITY_LABELS[name], label_for(name, code))
                for name, code in application.equality_answers().items()
            ],
            "onboarding": onboarding,
            # Programme admins learn only that there is a disclosure, never what it says.
            "pnc": pnc,
            "vetting_result": getattr(application, "vetting_result", None),
            "membership": getattr(application, "membership", None),
            "actions": rules.actions_for(application, has_pnc_check=pnc is not None)
            if manage
            else [],
            "may_manage": manage,
            "submitted_at": timezone.localtime(application.submitted_at),
        },
    )


# Moves -----------------------------------------------------------------------------------

Confirmed = Callable[[User, Application], str]


def _confirm_page(
    request: HttpRequest,
    application_id: int,
    *,
    title: str,
    explanation: str,
    button: str,
    check: Callable[..., None],
    act: Confirmed,
) -> HttpResponse:
    actor = _user(request)
    application = get_application_for_user(actor, application_id)
    try:
        check(actor=actor, application=application)
    except rules.RuleBroken as error:
        messages.error(request, error.messages[0])
        return redirect("recruitment_staff:application", application_id=application.pk)
    if request.method == "POST":
        messages.success(request, act(actor, application))
        return redirect("recruitment_staff:application", application_id=application.pk)
    return render(
        request,
        "recruitment/staff/confirm.html",
        {
            "application": application,
            "title": title,
            "explanation": explanation,
            "button": button,
            "no_safe_channel": not application.safe_channel,
        },
    )


def _told(sent: bool, done: str) -> str:
    if sent:
        return done + " " + _("We have sent them a message by the way they said is safe.")
    return done + " " + _("No written message is safe for them: tell them by phone.")


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def screening_start(request: HttpRequest, application_id: int) -> HttpResponse:
    def act(actor: User, application: Application) -> str:
        services.application_screening_start(actor=actor, application=application)
        return _("Screening has started.")

    return _confirm_page(
        request,
        application_id,
        title=_("Start screening this application"),
        explanation=_("Check the answers and that the applicant can join a forum."),
        button=_("Start screening"),
        check=rules.check_screening_start,
        act=act,
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def onboarding_invite(request: HttpRequest, application_id: int) -> HttpResponse:
    def act(actor: User, application: Application) -> str:
        sent = services.application_onboarding_invite(actor=actor, application=application)
        return _told(sent, _("They are invited to an onboarding conversation."))

    return _confirm_page(
        request,
        application_id,
        title=_("Invite them to an onboarding conversation"),
        explanation=_(
            "Screening is done. We will tell the applicant that we would like to talk with "
            "them about the forum and whether now is a good time."
        ),
        button=_("Send the invitation"),
        check=rules.check_onboarding_invite,
        act=act,
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, application_id: int) -> HttpResponse:
    def act(actor: User, application: Application) -> str:
        sent = services.application_withdraw(actor=actor, application=application)
        return _told(sent, _("The application is withdrawn."))

    return _confirm_page(
        request,
        application_id,
        title=_("Withdraw this application"),
        explanation=_(
            "Only do this when the applicant has asked. Any police check result is deleted "
            "now. The rest of the application is deleted %(days)s days from today."
        )
        % {"days": WITHDRAWN_DAYS},
        button=_("Withdraw the application"),
        check=rules.check_withdraw,
        act=act,
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, application_id: int) -> HttpResponse:
    def act(actor: User, application: Application) -> str:
        services.application_reopen(actor=actor, application=application)
        return _("The application is open again, at the onboarding conversation.")

    return _confirm_page(
        request,
        application_id,
        title=_("Reopen this deferred application"),
        explanation=_(
            "Do this when you have got back in touch and they would like to carry on. "
            "The application goes back to the onboarding conversation."
        ),
        button=_("Reopen the application"),
        check=rules.check_reopen,
        act=act,
    )


def _form_page(
    request: HttpRequest,
    application: Application,
    template: str,
    form: Any,
    **context: Any,
) -> HttpResponse:
    return render(
        request,
        template,
        {"application": application, "form": form, "form_has_errors": bool(form.errors), **context},
        status=200,
    )


def _rule_or_redirect(
    request: HttpRequest, check: Callable[..., Any], application: Application
) -> HttpResponse | None:
    try:
        check(actor=_user(request), application=application)
    except rules.RuleBroken as error:
        messages.error(request, error.messages[0])
        return redirect("recruitment_staff:application", application_id=application.pk)
    return None


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def onboarding_record(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = _user(request)
    application = get_application_for_user(actor, application_id)
    refused = _rule_or_redirect(request, rules.check_onboarding_record, application)
    if refused:
        return refused
    form = forms_staff.OnboardingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.onboarding_record(
                actor=actor,
                application=application,
                held_on=data["held_on"],
                assessed_by_trained_professional=data["trained_professional"] == "yes",
                outcome=data["outcome"],
                readiness_notes=data["readiness_notes"],
                support_needs=data["support_needs"],
                get_back_in_touch_on=data["get_back_in_touch_on"],
            )
        except rules.RuleBroken as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The onboarding conversation is recorded."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return _form_page(request, application, "recruitment/staff/onboarding.html", form)


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def pnc_request(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = _user(request)
    application = get_application_for_user(actor, application_id)
    refused = _rule_or_redirect(request, rules.check_pnc_request, application)
    if refused:
        return refused
    form = forms_staff.PncRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pnc_check_request(
                actor=actor, application=application, requested_on=form.cleaned_data["requested_on"]
            )
        except rules.RuleBroken as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The date the police check was asked for is recorded."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return _form_page(request, application, "recruitment/staff/pnc_request.html", form)


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def pnc_result(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = _user(request)
    application = get_application_for_user(actor, application_id)
    refused = _rule_or_redirect(request, rules.check_pnc_result, application)
    if refused:
        return refused
    form = forms_staff.PncResultForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pnc_result_record(
                actor=actor,
                application=application,
                result=data["result"],
                received_on=data["received_on"],
                disclosure_detail=data["disclosure_detail"]
                if data["result"] == "disclosure"
                else "",
            )
        except rules.RuleBroken as error:
            form.add_error(None, error.messages[0])
        else:
            if data["result"] == "disclosure":
                messages.success(request, _("The result is recorded and sent to the panel."))
            else:
                messages.success(
                    request,
                    _("No trace: the application is accepted and the check result is deleted."),
                )
            return redirect("recruitment_staff:application", application_id=application.pk)
    return _form_page(request, application, "recruitment/staff/pnc_result.html", form)


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def onboard(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = _user(request)
    application = get_application_for_user(actor, application_id)
    refused = _rule_or_redirect(request, rules.check_onboard, application)
    if refused:
        return refused
    form = forms_staff.OnboardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_onboard(
                actor=actor,
                application=application,
                tenure_ends_on=form.cleaned_data["tenure_ends_on"],
            )
        except rules.RuleBroken as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("They are now a member."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return _form_page(
        request,
        application,
        "recruitment/staff/onboard.html",
        form,
        has_email=bool(application.email),
    )


# The panel ---------------------------------------------------------------------------------


@role_required(*PANEL_ROLES)
def panel_list(request: HttpRequest) -> HttpResponse:
    member = _user(request)
    rows = selectors_staff.panel_rows(member=member, applications=panel_applications_for(member))
    return render(request, "recruitment/staff/panel_list.html", {"rows": rows})


@role_required(*PANEL_ROLES)
@require_http_methods(["GET", "POST"])
def panel_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """The disclosure, for the three panel members only, and the member's own view.
    Other members' views are shown only once all three seats have given theirs."""
    member = _user(request)
    application = get_panel_application_for_user(member, application_id)
    seat = panel_seat_of(member)
    audit_identity_viewed(viewer=member, person=application)
    form = forms_staff.PanelViewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.panel_view_record(
                member=member,
                seat=seat,
                application=application,
                conflict_of_interest=data["conflict"] == "yes",
                conflict_detail=data["conflict_detail"],
                vote=data["vote"],
                reasons=data["reasons"],
            )
        except rules.RuleBroken as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Your view is recorded."))
            return redirect("recruitment_staff:panel_application", application_id=application.pk)
    views = list(PanelView.objects.filter(application=application).order_by("seat"))
    mine = next((v for v in views if v.member_id == member.pk), None)
    filled = {v.seat for v in views if not v.conflict_of_interest}
    # A member who declared a conflict steps aside: they see no views and cannot decide.
    all_in = filled == set(PanelSeat.values) and not (mine and mine.conflict_of_interest)
    pnc = PncCheck.objects.filter(application=application).first()
    return render(
        request,
        "recruitment/staff/panel_application.html",
        {
            "application": application,
            "cohorts": [c.display_name for c in application.cohorts.all()],
            "pnc": pnc,
            "seat": PanelSeat(seat).label if seat else "",
            "mine": mine,
            "views": [v for v in views if not v.conflict_of_interest] if all_in else [],
            "seats": [
                {"label": label, "filled": value in filled} for value, label in PanelSeat.choices
            ],
            "all_in": all_in,
            "decision": services.panel_majority(application) if all_in else "",
            "form": form,
            "form_has_errors": bool(form.errors),
        },
    )


@role_required(*PANEL_ROLES)
@require_http_methods(["POST"])
def panel_decision(request: HttpRequest, application_id: int) -> HttpResponse:
    member = _user(request)
    application = get_panel_application_for_user(member, application_id)
    try:
        decision = services.panel_decision_record(member=member, application=application)
    except rules.RuleBroken as error:
        messages.error(request, error.messages[0])
        return redirect("recruitment_staff:panel_application", application_id=application.pk)
    messages.success(
        request,
        (
            _("The panel accepted the application.")
            if decision == "accept"
            else _("The panel did not accept the application.")
        )
        + " "
        + _("The police check and the panel's views have been deleted. The applicant is told."),
    )
    return redirect("recruitment_staff:panel_list")


# The waiting list: accepted members without a forum ----------------------------------------


@role_required(*MANAGER_ROLES)
def waiting_list(request: HttpRequest) -> HttpResponse:
    """Members who joined but have no forum yet, with counts by the cohort they applied to.
    References only: names are on each application's page (audited)."""
    waiting = selectors_staff.memberships_waiting(viewer=_user(request))
    return render(
        request,
        "recruitment/staff/waiting_list.html",
        {"waiting": waiting, "counts": selectors_staff.waiting_counts(memberships=waiting)},
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def waiting_place(request: HttpRequest, membership_id: int) -> HttpResponse:
    """Place one waiting member in a forum, with the forums' own service."""
    from forums import rules as forum_rules
    from forums.services import forum_member_join

    membership = get_object_or_404(
        Membership.objects.select_related("application"),
        pk=membership_id,
        application__stage=Stage.ONBOARDED,
        forum_membership__isnull=True,
    )
    forums = selectors_staff.forums_for_membership(membership=membership)
    applied = {c.pk for c in membership.application.cohorts.all()}
    choices = [
        (
            str(f.pk),
            f.name + (" " + _("(a forum they applied for)") if f.cohort_id in applied else ""),
        )
        for f in forums
    ]
    form = forms_staff.PlaceForm(
        request.POST if request.method == "POST" else None, choices=choices
    )
    if request.method == "POST" and form.is_valid():
        forum = next(f for f in forums if str(f.pk) == form.cleaned_data["forum"])
        try:
            forum_member_join(actor=_user(request), forum=forum, membership=membership)
        except forum_rules.RuleBroken as error:
            form.add_error(None, str(error))
        else:
            if forum_rules.forum_over_capacity(forum):
                messages.warning(
                    request,
                    _("%(forum)s now has more members than its capacity of %(n)s.")
                    % {"forum": forum.name, "n": forum.capacity},
                )
            else:
                messages.success(
                    request, _("They have a place in %(forum)s.") % {"forum": forum.name}
                )
            return redirect("recruitment_staff:waiting_list")
    return _form_page(
        request,
        membership.application,
        "recruitment/staff/waiting_place.html",
        form,
        membership=membership,
        cohorts=[c.display_name for c in membership.application.cohorts.all()],
    )
