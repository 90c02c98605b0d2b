"""What may be done with a monthly report in each state. A released report is frozen.
Rules raise lib.rules.RuleBroken with a message for the page."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lib.rules import RuleBroken
from reports.models import MonthlyReport, ReportStatus


def check_month(month: date) -> date:
    """The first day of a month that has started (reports are of past or current months)."""
    if month.day != 1:
        raise RuleBroken(_("A report is for a whole month: give its first day."))
    if month > timezone.localdate():
        raise RuleBroken(_("You cannot generate a report for a month that has not started."))
    return month


def can_regenerate(report: MonthlyReport) -> bool:
    return report.status != ReportStatus.RELEASED


def releasable_from(report: MonthlyReport) -> date:
    """The first day a report may be released: the day after its month ends. Until then
    the month's feedback, recommendations and responses are still coming in."""
    return (report.month.replace(day=1) + timedelta(days=32)).replace(day=1)


def month_is_over(report: MonthlyReport, today: date | None = None) -> bool:
    return (today or timezone.localdate()) >= releasable_from(report)


def can_release(report: MonthlyReport) -> bool:
    return report.status == ReportStatus.READY and month_is_over(report)


def check_releasable(report: MonthlyReport) -> None:
    """Release is permanent: only a report ready for review, of a month that is over."""
    if report.status == ReportStatus.RELEASED:
        raise RuleBroken(_("This report has already been released."))
    if report.status != ReportStatus.READY:
        raise RuleBroken(_("Only a report that is ready for review can be released."))
    if not month_is_over(report):
        raise RuleBroken(
            _("You can release this report from %(date)s, when its month is over.")
            % {"date": date_format(releasable_from(report), "j F Y")}
        )
