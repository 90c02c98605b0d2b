"""The desk's Victims' Code compliance page and its downloads (docs/desk.md, "Compliance"),
for desk supervisors (exact figures) and analysts (small numbers suppressed). Figures only:
nothing here links to a case or a victim.

- compliance: the period form (GET), the figures for each obligation, why tasks were late,
  and a chart with its table for each breakdown;
- compliance_csv / compliance_xlsx: the same tables as a file, for the Police and Crime
  Commissioner's review; each download is audited."""

from __future__ import annotations

import csv
from io import BytesIO, StringIO
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import actor, role_required
from dashboards.export import table_rows_for_export
from desk.access import COMPLIANCE_ROLES
from desk.forms.compliance import PeriodForm
from desk.selectors.compliance import ComplianceReport, compliance_report
from desk.services import compliance_export_record
from lib.dbrouter import reads_replica

compliance_roles = role_required(*COMPLIANCE_ROLES)
FIELDS = ("from_month", "to_month")


def _report(request: HttpRequest) -> tuple[PeriodForm, ComplianceReport]:
    today = timezone.localdate()
    data = request.GET if any(name in request.GET for name in FIELDS) else None
    form = PeriodForm(data, today=today)
    report = compliance_report(viewer=request.user, period=form.period())
    return form, report


def period_text(report: ComplianceReport) -> str:
    return _("Tasks due from %(first)s to %(last)s") % {
        "first": date_format(report.period.first, "j F Y"),
        "last": date_format(report.period.last, "j F Y"),
    }


def about_text(report: ComplianceReport) -> list[str]:
    """What the file is, for the top of a download."""
    lines = [
        _(
            "Victim Focus Desk: how often victims were told on time what the Victims' Code owes them."
        ),
        period_text(report) + ".",
        _("Downloaded on %(day)s.") % {"day": date_format(timezone.localdate(), "j F Y")},
    ]
    if report.suppressed:
        lines.append(
            _(
                "Small numbers are shown as “fewer than %(k)s”, and so are some others that "
                "would give them away."
            )
            % {"k": report.k}
        )
    else:
        lines.append(_("Exact figures: no numbers are suppressed. Do not publish this file."))
    return lines


@compliance_roles
@reads_replica
def compliance(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    return render(
        request,
        "desk/compliance.html",
        {
            "form": form,
            "report": report,
            "period_text": period_text(report),
            "query": form.query(),
        },
    )


def _export_name(report: ComplianceReport, extension: str) -> str:
    period = report.period
    return f"desk-compliance-{period.first.isoformat()}-to-{period.last.isoformat()}.{extension}"


def _safe(value: Any) -> Any:
    """A spreadsheet cell that can never run as a formula (a team's name is typed by staff)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_rows(report: ComplianceReport) -> list[list[Any]]:
    rows: list[list[Any]] = [[line] for line in about_text(report)]
    for table in report.tables:
        rows.append([])
        rows += [[_safe(value) for value in row] for row in table_rows_for_export(table)]
    return rows


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@compliance_roles
@reads_replica
def compliance_csv(request: HttpRequest) -> HttpResponse:
    _form, report = _report(request)
    buffer = StringIO()
    writer = csv.writer(buffer)
    for row in export_rows(report):
        writer.writerow(row)
    compliance_export_record(
        actor=actor(request), format="csv", period=report.period, suppressed=report.suppressed
    )
    return _download(buffer.getvalue(), "text/csv; charset=utf-8", _export_name(report, "csv"))


@compliance_roles
@reads_replica
def compliance_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    _form, report = _report(request)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "About"
    for line in about_text(report):
        sheet.append([line])
    for index, table in enumerate(report.tables, start=1):
        page = workbook.create_sheet(title=f"{index} {table.slug}"[:31])
        for row in table_rows_for_export(table):
            page.append([_safe(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    compliance_export_record(
        actor=actor(request), format="xlsx", period=report.period, suppressed=report.suppressed
    )
    return _download(
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _export_name(report, "xlsx"),
    )
