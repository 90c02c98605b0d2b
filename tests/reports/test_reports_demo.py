"""The demo monthly reports: last month's released (with the demo recommendation), this
month's waiting for review; safe to run again."""

from typing import Any

import pytest

from forums.demo import seed_forums
from insights.demo import FIRST_TITLE, seed_insights
from reports.demo import seed_reports
from reports.models import MonthlyReport, ReportStatus
from reports.services import previous_month
from tests.reports.test_generation import this_month

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_demo_releases_last_months_reports_and_leaves_this_months_for_review(
    personas: dict[str, Any],
) -> None:
    seed_forums()
    seed_insights()
    summary = seed_reports()
    assert "released" in summary

    last = MonthlyReport.objects.filter(month=previous_month())
    assert last.filter(forum=None).exists()
    assert last.count() >= 2
    assert {r.status for r in last} == {ReportStatus.RELEASED}
    across = last.get(forum=None)
    assert FIRST_TITLE in across.html
    assert "Head of Contact Centre" in across.html  # its police response, given last month
    assert bytes(across.pdf).startswith(b"%PDF-")
    # The point that named an officer and his number is shown redacted only.
    assert "Dan Hollis" not in across.html and "07700 900461" not in across.html

    drafts = MonthlyReport.objects.filter(month=this_month())
    assert drafts.filter(forum=None).exists()
    assert {r.status for r in drafts} == {ReportStatus.READY}

    count = MonthlyReport.objects.count()
    assert seed_reports() == summary
    assert MonthlyReport.objects.count() == count
