"""Background work of monthly reports. generate_monthly_reports is scheduled in
lib/scheduler.py (the 1st of each month); generate_report is enqueued by id."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def generate_report(report_id: int) -> str:
    """Build one report (reports.services.report_build); returns its status."""
    from reports.services import report_build

    report = report_build(report_id=report_id)
    return report.status if report is not None else "missing"


@task()
def generate_monthly_reports() -> int:
    """Queue last month's reports that do not exist yet (or failed). Safe to re-run:
    reports already generated, reviewed or released are left alone."""
    from reports.services import previous_month, report_generation_request

    queued = report_generation_request(actor=None, month=previous_month(), only_missing=True)
    logger.info("Queued %s monthly reports.", len(queued))
    return len(queued)
