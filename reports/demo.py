"""Demo monthly reports (seed_demo step, after seed_insights).

Last month's reports (one per forum and one across all forums) generated and released, so
police leads have something to read: the demo recommendation "Tell victims who their
officer is and how to reach them" is in them (open, partly accepted, and its police response
was given last month). This month's reports are generated and left waiting for review, for
the programme team to review and release. Safe to run again: a month that already has its
report across all forums is left as it is.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from accounts.models import User
from reports import services
from reports.models import MonthlyReport, ReportStatus
from victimvoice.personas import PERSONAS_BY_KEY


def _generate_now(admin: User, month: date) -> list[MonthlyReport]:
    """Queue the month's reports, then build them here and now (the queued tasks find
    them built and do nothing)."""
    queued = services.report_generation_request(actor=admin, month=month)
    built = [services.report_build(report_id=report.pk) for report in queued]
    return [report for report in built if report is not None]


def seed_reports() -> str:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo reports are never created in production.")
    admin = User.objects.filter(email=PERSONAS_BY_KEY["programme_admin"].email).first()
    if admin is None:
        return "no demo reports (run the people step first)"
    last_month = services.previous_month()
    this_month = timezone.localdate().replace(day=1)
    if not MonthlyReport.objects.filter(month=last_month, forum=None).exists():
        for report in _generate_now(admin, last_month):
            if report.status == ReportStatus.READY:
                services.report_release(actor=admin, report=report)
    if not MonthlyReport.objects.filter(month=this_month, forum=None).exists():
        _generate_now(admin, this_month)
    # The same summary on every run (seed_demo compares them).
    released = MonthlyReport.objects.filter(month=last_month, status=ReportStatus.RELEASED).count()
    drafts = MonthlyReport.objects.filter(month=this_month, status=ReportStatus.READY).count()
    return (
        f"{released} monthly reports released for {last_month:%B %Y}, "
        f"{drafts} waiting for review for {this_month:%B %Y}"
    )
