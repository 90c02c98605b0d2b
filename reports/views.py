"""Monthly report pages. The programme team generates, reviews and releases; police leads
read released reports (a report not released is 404 for them). Everyone else is refused."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from lib.dbrouter import reads_replica
from lib.rules import RuleBroken
from reports import rules, selectors, services
from reports.access import get_report_for_user
from reports.models import ReportStatus

admin_only = role_required(Role.PROGRAMME_ADMIN)
readers = role_required(Role.PROGRAMME_ADMIN, Role.POLICE_LEAD)

MONTHS_OFFERED = 12


def month_choices(today: date | None = None) -> list[tuple[str, str]]:
    """("2026-10", "October 2026") for this month and the 12 before, newest first."""
    month = (today or timezone.localdate()).replace(day=1)
    choices = []
    for _i in range(MONTHS_OFFERED + 1):
        choices.append((f"{month:%Y-%m}", date_format(month, "F Y")))
        month = services.previous_month(month)
    return choices


def _parse_month(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


@readers
@reads_replica
def report_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    is_admin = user.has_role(Role.PROGRAMME_ADMIN)
    return render(
        request,
        "reports/list.html",
        {
            "reports": selectors.report_list(viewer=user),
            "is_admin": is_admin,
            "months": month_choices() if is_admin else [],
            "default_month": f"{services.previous_month():%Y-%m}",
        },
    )


@readers
@reads_replica
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    user = actor(request)
    report = get_report_for_user(user, report_id)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "is_admin": user.has_role(Role.PROGRAMME_ADMIN),
            "statuses": ReportStatus,
            "can_release": rules.can_release(report),
            "releasable_from": rules.releasable_from(report),
        },
    )


@readers
@reads_replica
def report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(actor(request), report_id, with_pdf=True)
    if not report.pdf:
        raise Http404
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.pdf_filename()}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@admin_only
@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    month = _parse_month(request.POST.get("month", ""))
    if month is None or f"{month:%Y-%m}" not in dict(month_choices()):
        messages.error(request, _("Choose a month from the list."))
        return redirect("reports:list")
    try:
        queued = services.report_generation_request(actor=actor(request), month=month)
    except RuleBroken as error:
        messages.error(request, str(error))
    except IntegrityError:  # someone else asked for the same month at the same moment
        messages.info(request, _("These reports are already being generated."))
    else:
        if queued:
            messages.success(
                request,
                _("%(n)s reports for %(month)s are being generated.")
                % {"n": len(queued), "month": date_format(month, "F Y")},
            )
        else:
            messages.info(
                request,
                _("Every report for %(month)s has been released. Released reports do not change.")
                % {"month": date_format(month, "F Y")},
            )
    return redirect("reports:list")


@admin_only
@require_POST
def regenerate(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_report_for_user(actor(request), report_id)
    try:
        services.report_regenerate(actor=actor(request), report=report)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is being generated again."))
    return redirect("reports:detail", report.pk)


@admin_only
def release(request: HttpRequest, report_id: int) -> HttpResponse:
    """Release is permanent, so it is asked twice: this page asks "are you sure", and only
    its form (which sends `confirm`) releases. A report that cannot be released (not ready,
    already released, its month not over) goes back to its page with the reason."""
    report = get_report_for_user(actor(request), report_id)
    try:
        rules.check_releasable(report)
    except RuleBroken as error:
        messages.error(request, str(error))
        return redirect("reports:detail", report.pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "reports/release_confirm.html", {"report": report})
    try:
        services.report_release(actor=actor(request), report=report)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Report released. Police leads can read it now."))
    return redirect("reports:detail", report.pk)
