"""The vetting panel's pages: the applications at the panel, one application with the
disclosure (for the three panel members only) and the member's own view, and the decision."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from accounts.roles import PanelSeat
from lib.rules import RuleBroken, form_rule_error
from privacy.audit import audit_identity_viewed
from recruitment import selectors, services
from recruitment.access import (
    PANEL_ROLES,
    get_panel_application_for_user,
    panel_application_list_for,
    panel_seat_of,
)
from recruitment.forms import staff as forms_staff
from recruitment.models import PanelView, PncCheck


@role_required(*PANEL_ROLES)
def panel_list(request: HttpRequest) -> HttpResponse:
    member = actor(request)
    rows = selectors.panel_rows(member=member, applications=panel_application_list_for(member))
    return render(request, "recruitment/staff/panel_list.html", {"rows": rows})


@role_required(*PANEL_ROLES)
@require_http_methods(["GET", "POST"])
def panel_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """The disclosure, for the three panel members only, and the member's own view.
    Other members' views are shown only once all three seats have given theirs."""
    member = actor(request)
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
        except RuleBroken as error:
            form_rule_error(form, error)
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
        },
    )


@role_required(*PANEL_ROLES)
@require_http_methods(["POST"])
def panel_decision(request: HttpRequest, application_id: int) -> HttpResponse:
    member = actor(request)
    application = get_panel_application_for_user(member, application_id)
    try:
        decision = services.panel_decision_record(member=member, application=application)
    except RuleBroken as error:
        messages.error(request, str(error))
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
