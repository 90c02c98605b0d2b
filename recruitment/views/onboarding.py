"""The programme team's moves before vetting: starting screening, inviting the applicant
to an onboarding conversation, recording it, reopening a deferred application, and
withdrawing one when the applicant asks."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from accounts.models import User
from lib.rules import RuleBroken, form_rule_error
from recruitment import rules, services
from recruitment.access import get_application_for_user
from recruitment.forms import staff as forms_staff
from recruitment.models import Application
from recruitment.retention import WITHDRAWN_DAYS
from recruitment.views.common import (
    MANAGER_ROLES,
    confirm_page,
    form_page,
    rule_or_redirect,
    told,
)


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def screening_start(request: HttpRequest, application_id: int) -> HttpResponse:
    def act(actor: User, application: Application) -> str:
        services.application_screening_start(actor=actor, application=application)
        return _("Screening has started.")

    return confirm_page(
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
        return told(sent, _("They are invited to an onboarding conversation."))

    return confirm_page(
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
        return told(sent, _("The application is withdrawn."))

    return confirm_page(
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

    return confirm_page(
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


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def onboarding_record(request: HttpRequest, application_id: int) -> HttpResponse:
    user = actor(request)
    application = get_application_for_user(user, application_id)
    refused = rule_or_redirect(request, rules.check_onboarding_record, application)
    if refused:
        return refused
    form = forms_staff.OnboardingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.onboarding_record(
                actor=user,
                application=application,
                held_on=data["held_on"],
                assessed_by_trained_professional=data["trained_professional"] == "yes",
                outcome=data["outcome"],
                readiness_notes=data["readiness_notes"],
                support_needs=data["support_needs"],
                get_back_in_touch_on=data["get_back_in_touch_on"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The onboarding conversation is recorded."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return form_page(request, application, "recruitment/staff/onboarding.html", form)
