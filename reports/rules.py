"""What may be done with a monthly report in each state. A released report is frozen."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import MonthlyReport, ReportStatus


class ReportRuleBroken(Exception):
    """A change the report does not allow; str() is shown on the page."""


def check_month(month: date) -> date:
    """The first day of a month that has started (reports are of past or current months)."""
    if month.day != 1:
        raise ReportRuleBroken(_("A report is for a whole month: give its first day."))
    if month > timezone.localdate():
        raise ReportRuleBroken(_("You cannot generate a report for a month that has not started."))
    return month


def can_regenerate(report: MonthlyReport) -> bool:
    return report.status != ReportStatus.RELEASED


def check_releasable(report: MonthlyReport) -> None:
    if report.status == ReportStatus.RELEASED:
        raise ReportRuleBroken(_("This report has already been released."))
    if report.status != ReportStatus.READY:
        raise ReportRuleBroken(_("Only a report that is ready for review can be released."))
