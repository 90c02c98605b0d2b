"""The programme team's pages for the police check (PNC): recording the date it was asked
for, and its result (a disclosure goes to the panel)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from lib.rules import RuleBroken, form_rule_error
from recruitment import rules, services
from recruitment.access import get_application_for_user
from recruitment.forms import staff as forms_staff
from recruitment.views.common import MANAGER_ROLES, form_page, rule_or_redirect


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def pnc_request(request: HttpRequest, application_id: int) -> HttpResponse:
    user = actor(request)
    application = get_application_for_user(user, application_id)
    refused = rule_or_redirect(request, rules.check_pnc_request, application)
    if refused:
        return refused
    form = forms_staff.PncRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pnc_check_request(
                actor=user, application=application, requested_on=form.cleaned_data["requested_on"]
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The date the police check was asked for is recorded."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return form_page(request, application, "recruitment/staff/pnc_request.html", form)


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def pnc_result(request: HttpRequest, application_id: int) -> HttpResponse:
    user = actor(request)
    application = get_application_for_user(user, application_id)
    refused = rule_or_redirect(request, rules.check_pnc_result, application)
    if refused:
        return refused
    form = forms_staff.PncResultForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.pnc_result_record(
                actor=user,
                application=application,
                result=data["result"],
                received_on=data["received_on"],
                disclosure_detail=data["disclosure_detail"]
                if data["result"] == "disclosure"
                else "",
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            if data["result"] == "disclosure":
                messages.success(request, _("The result is recorded and sent to the panel."))
            else:
                messages.success(
                    request,
                    _("No trace: the application is accepted and the check result is deleted."),
                )
            return redirect("recruitment_staff:application", application_id=application.pk)
    return form_page(request, application, "recruitment/staff/pnc_result.html", form)
