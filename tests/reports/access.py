"""Who may open each URL of the reports app (collected by tests/project/access_all.py).

The programme team sees every monthly report; police leads see released ones only (a
report not released yet is 404 for them: tests/reports/test_reports_pages.py); everyone else is
refused. The reports here are made directly, released, with a stub snapshot (generation
itself is tested in tests/reports/test_generation.py)."""

from typing import Any

from tests.access import only

READERS = ("programme_admin", "police_lead")


def released_report(p: dict[str, Any]) -> Any:
    from datetime import date

    from django.utils import timezone

    from reports.models import MonthlyReport, ReportStatus

    return MonthlyReport.objects.create(
        forum=None,
        month=date(2020, 1, 1),
        status=ReportStatus.RELEASED,
        html='<h2 class="govuk-heading-m">What members told us</h2><p class="govuk-body">x</p>',
        pdf=b"%PDF-1.4\n",
        generated_at=timezone.now(),
        released_by=p["programme_admin"],
        released_at=timezone.now(),
    )


def _report(p: dict[str, Any]) -> dict[str, Any]:
    return {"report_id": released_report(p).pk}


def _ready_report(p: dict[str, Any]) -> dict[str, Any]:
    """A report of a month long over, waiting for review: its release page asks to confirm."""
    from reports.models import ReportStatus

    report = released_report(p)
    report.status = ReportStatus.READY
    report.released_by = report.released_at = None
    report.save()
    return {"report_id": report.pk}


DECLARATIONS: dict[str, Any] = {
    "reports:list": only(*READERS),
    "reports:detail": only(*READERS, kwargs=_report),
    "reports:pdf": only(*READERS, kwargs=_report),
    # POST only (405 for a GET): tested in tests/reports/test_reports_pages.py.
    "reports:generate": only("programme_admin", ok=405),
    "reports:regenerate": only("programme_admin", ok=405, kwargs=_report),
    # The confirmation page (GET); its POST is tested in tests/reports/test_reports_pages.py.
    "reports:release": only("programme_admin", kwargs=_ready_report),
}
