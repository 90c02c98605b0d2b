"""Writes for monthly reports: ask for a month's reports, build one (in a background
task), release one. See docs/reports.md."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lib.rules import RuleBroken
from privacy.audit import audit_record
from reports import audit_events as events
from reports import rules
from reports.models import MonthlyReport, ReportStatus

logger = logging.getLogger(__name__)


def previous_month(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def forums_in_month(month: date) -> list[Any]:
    """Forums whose tenure overlaps `month`."""
    from forums.models import Forum

    following = (month + timedelta(days=32)).replace(day=1)
    return list(
        Forum.objects.filter(tenure_starts_on__lt=following)
        .filter(Q(tenure_ends_on__isnull=True) | Q(tenure_ends_on__gte=month))
        .order_by("name")
    )


def _enqueue(report_id: int) -> None:
    from reports.tasks import generate_report

    generate_report.enqueue(report_id=report_id)


def report_generation_request(
    *, actor: Any, month: date, only_missing: bool = False
) -> list[MonthlyReport]:
    """Queue `month`'s reports: one per forum running that month and one across all
    forums. Each report not yet released is (re)generated in a background task, replacing
    what it held; released reports are frozen and left alone. With `only_missing` (the
    scheduled run) reports that already exist are left alone unless they failed.
    Returns the reports queued."""
    rules.check_month(month)
    scopes: list[Any] = [None, *forums_in_month(month)]
    queued: list[MonthlyReport] = []
    with transaction.atomic():
        for forum in scopes:
            existing = (
                MonthlyReport.objects.select_for_update(of=("self",))
                .filter(month=month, forum=forum)
                .first()
            )
            if existing is not None:
                if not rules.can_regenerate(existing):
                    continue
                if only_missing and existing.status != ReportStatus.FAILED:
                    continue
                report = existing
            else:
                report = MonthlyReport(month=month, forum=forum)
            _queue(report, actor=actor)
            queued.append(report)
    return queued


def _queue(report: MonthlyReport, *, actor: Any) -> None:
    """Empty `report`, mark it as being generated and enqueue its build after commit."""
    report.status = ReportStatus.GENERATING
    report.generated_by = actor
    report.generated_at = None
    report.html = ""
    report.pdf = b""
    report.save()
    audit_record(
        actor=actor,
        action=events.REPORT_REQUESTED,
        obj=report,
        fields=["status", "html", "pdf"],
        note="monthly report generation requested",
    )
    report_id = report.pk
    transaction.on_commit(lambda: _enqueue(report_id))


def report_regenerate(*, actor: Any, report: MonthlyReport) -> MonthlyReport:
    """Generate one report again (not released yet), replacing what it held."""
    with transaction.atomic():
        fresh = MonthlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
        if not rules.can_regenerate(fresh):
            raise RuleBroken(
                _("This report has been released. A released report cannot be changed.")
            )
        _queue(fresh, actor=actor)
    return fresh


def report_build(*, report_id: int) -> MonthlyReport | None:
    """Gather, render and store one report that is being generated (the background task).
    A report that is not being generated any more (released, or already built) is left
    alone. A failure marks the report as failed; the log names the report's number only."""
    from lib.dbrouter import replica_reads
    from reports.content import build_content
    from reports.rendering import REPORT_LANGUAGE, render_html, render_pdf

    report = MonthlyReport.objects.select_related("forum").filter(pk=report_id).first()
    if report is None or report.status != ReportStatus.GENERATING:
        return report
    try:
        with replica_reads():  # a month that is over: a replica a few seconds behind will do
            content = build_content(forum=report.forum, month=report.month)
        html = render_html(content)
        with translation.override(REPORT_LANGUAGE):
            title = report.title
        pdf = render_pdf(title=title, html=html)
    except Exception as error:  # noqa: BLE001 - any failure is recorded on the report
        logger.error(  # noqa: TRY400 - a traceback could carry report text into the log
            "Monthly report %s could not be generated (%s).", report.pk, type(error).__name__
        )
        MonthlyReport.objects.filter(pk=report.pk, status=ReportStatus.GENERATING).update(
            status=ReportStatus.FAILED
        )
        report.refresh_from_db()
        return report
    with transaction.atomic():
        fresh = MonthlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
        if fresh.status != ReportStatus.GENERATING:
            return fresh
        fresh.html = html
        fresh.pdf = pdf
        fresh.status = ReportStatus.READY
        fresh.generated_at = timezone.now()
        fresh.save(update_fields=["html", "pdf", "status", "generated_at"])
        audit_record(
            actor=None,
            action=events.REPORT_GENERATED,
            obj=fresh,
            fields=["status", "html", "pdf"],
            note="monthly report generated",
        )
    return fresh


def report_release(*, actor: Any, report: MonthlyReport) -> MonthlyReport:
    """Release a report that is ready for review: police leads can read it from now on,
    and it is frozen."""
    with transaction.atomic():
        fresh = MonthlyReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
        rules.check_releasable(fresh)
        fresh.status = ReportStatus.RELEASED
        fresh.released_by = actor
        fresh.released_at = timezone.now()
        fresh.save(update_fields=["status", "released_by", "released_at"])
        audit_record(
            actor=actor,
            action=events.REPORT_RELEASED,
            obj=fresh,
            fields=["status", "released_by", "released_at"],
            note="monthly report released",
        )
    for name in ("status", "released_by_id", "released_at"):
        setattr(report, name, getattr(fresh, name))
    return fresh
