"""Who may see which monthly report (docs/reports.md), in the style of forums.access: the
programme team sees every report in every state; police leads see released reports only
(404 for others)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.roles import Role
from reports.models import MonthlyReport, ReportStatus


def report_list_for(user: Any) -> QuerySet[MonthlyReport]:
    reports = MonthlyReport.objects.select_related("forum")
    if not getattr(user, "is_authenticated", False):
        return reports.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return reports
    if user.has_role(Role.POLICE_LEAD):
        return reports.filter(status=ReportStatus.RELEASED)
    return reports.none()


def get_report_for_user(user: Any, report_id: int, *, with_pdf: bool = False) -> MonthlyReport:
    """The report, or Http404 for someone who may not see it (a police lead and a report
    not released yet). The PDF is loaded only `with_pdf`."""
    reports = report_list_for(user)
    if not with_pdf:
        reports = reports.defer("pdf")
    report = reports.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report
