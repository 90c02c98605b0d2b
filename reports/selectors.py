"""Reads of monthly reports, with who may see what in one place: the programme team sees
every report in every state; police leads see released reports only (404 for others)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.roles import Role
from reports.models import MonthlyReport, ReportStatus

# The list never loads the snapshot or the PDF.
_LIST_FIELDS = ("html", "pdf")


def _visible(viewer: Any) -> QuerySet[MonthlyReport]:
    reports = MonthlyReport.objects.select_related("forum")
    if viewer.has_role(Role.PROGRAMME_ADMIN):
        return reports
    if viewer.has_role(Role.POLICE_LEAD):
        return reports.filter(status=ReportStatus.RELEASED)
    return reports.none()


def report_list(*, viewer: Any) -> list[MonthlyReport]:
    return list(_visible(viewer).defer(*_LIST_FIELDS))


def report_get_for_user(user: Any, report_id: int, *, with_pdf: bool = False) -> MonthlyReport:
    """The report, or Http404 for someone who may not see it (a police lead and a report
    not released yet)."""
    reports = _visible(user)
    if not with_pdf:
        reports = reports.defer("pdf")
    report = reports.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report
