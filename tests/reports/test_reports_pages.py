"""Monthly report pages: the programme team generates, reviews and releases; police leads
read released reports only; the PDF downloads as an attachment (reports/views.py)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from reports import rules
from reports.models import MonthlyReport, ReportStatus
from tests.reports.test_generation import pdf_text, seed_loop, this_month

pytestmark = pytest.mark.dates

SNAPSHOT = '<h2 class="govuk-heading-m">What members told us</h2><p class="govuk-body">Kind.</p>'


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at `hour`:`minute` on the service's clock (Europe/London)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_report(month: date, status: str = ReportStatus.READY, forum: Any = None) -> MonthlyReport:
    return MonthlyReport.objects.create(
        forum=forum,
        month=month,
        status=status,
        html=SNAPSHOT,
        pdf=b"%PDF-1.4\n%stub\n",
        generated_at=timezone.now(),
        released_at=timezone.now() if status == ReportStatus.RELEASED else None,
    )


def test_the_programme_team_generates_reviews_and_releases_and_then_police_leads_read_it(
    personas: dict[str, User], client_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    seed_loop(personas)
    admin = client_as("programme_admin")
    police = client_as("police_lead")
    month = this_month()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("reports:generate"), {"month": f"{month:%Y-%m}"})
    assert response.status_code == 302
    report = MonthlyReport.objects.get(month=month, forum=None)
    assert report.status == ReportStatus.READY

    page = admin.get(reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[report.pk]) in page
    review = admin.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "[NAME] rang [PHONE]" in review
    assert "Marjorie" not in review
    # This month is not over: the draft can be read, not released.
    assert "Release to police leads" not in review

    # Not released yet: police leads do not know it exists.
    assert police.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert police.get(reverse("reports:pdf", args=[report.pk])).status_code == 404
    assert reverse("reports:detail", args=[report.pk]) not in (
        police.get(reverse("reports:list")).content.decode()
    )

    # The 1st of next month: the month is over and the report can be released.
    with time_machine.travel(_local(rules.releasable_from(report), 9), tick=False):
        admin, police = client_as("programme_admin"), client_as("police_lead")
        review = admin.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert "Release to police leads" in review
        response = admin.post(reverse("reports:release", args=[report.pk]), {"confirm": "yes"})
        assert response.status_code == 302
        page = police.get(reverse("reports:detail", args=[report.pk])).content.decode()
        download = police.get(reverse("reports:pdf", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.RELEASED
    assert report.released_by == personas["programme_admin"]
    assert AuditEvent.objects.filter(
        action="reports.report_released",
        object_type="reports.monthlyreport",
        object_id=str(report.pk),
        actor=personas["programme_admin"],
        note="monthly report released",
    ).exists()

    assert "[NAME] rang [PHONE]" in page
    assert "Release to police leads" not in page
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == (
        f'attachment; filename="victim-voice-report-{month:%Y-%m}-{report.pk}.pdf"'
    )
    assert set(download["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert "Call victims back within a week" in pdf_text(download.content)


def test_a_released_report_cannot_be_released_again_or_regenerated(
    personas: dict[str, User], client_as: Any
) -> None:
    report = make_report(date(2021, 5, 1), ReportStatus.RELEASED)
    admin = client_as("programme_admin")
    response = admin.post(
        reverse("reports:release", args=[report.pk]), {"confirm": "yes"}, follow=True
    )
    assert "This report has already been released." in response.content.decode()
    response = admin.post(reverse("reports:regenerate", args=[report.pk]), follow=True)
    assert "A released report cannot be changed." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.RELEASED and report.html == SNAPSHOT


def test_a_report_being_generated_cannot_be_released(
    personas: dict[str, User], client_as: Any
) -> None:
    report = make_report(date(2021, 6, 1), ReportStatus.GENERATING)
    response = client_as("programme_admin").post(
        reverse("reports:release", args=[report.pk]), {"confirm": "yes"}, follow=True
    )
    assert "Only a report that is ready for review can be released." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.GENERATING


# Months whose ends are awkward: the year's end, a leap February, the month the clocks go
# forward (29 March 2026) and back (25 October 2026).
AWKWARD_MONTHS = [date(2025, 12, 1), date(2024, 2, 1), date(2026, 3, 1), date(2026, 10, 1)]


def _last_day(month: date) -> date:
    return (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)


@pytest.mark.parametrize("month", AWKWARD_MONTHS, ids=str)
def test_a_report_cannot_be_released_until_its_month_is_over(
    personas: dict[str, User], month: date
) -> None:
    from reports import services

    admin = personas["programme_admin"]
    report = make_report(month, ReportStatus.READY)
    with time_machine.travel(_local(_last_day(month), 23, 59), tick=False):
        assert not rules.can_release(report)
        with pytest.raises(RuleBroken, match="when its month is over"):
            services.report_release(actor=admin, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    with time_machine.travel(_local(_last_day(month) + timedelta(days=1), 0, 1), tick=False):
        assert rules.can_release(report)
        services.report_release(actor=admin, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.RELEASED


def test_the_review_page_hides_release_until_the_month_is_over_and_says_when(
    personas: dict[str, User], client_as: Any
) -> None:
    month = date(2025, 12, 1)
    report = make_report(month, ReportStatus.READY)
    detail = reverse("reports:detail", args=[report.pk])
    release = reverse("reports:release", args=[report.pk])
    with time_machine.travel(_local(date(2025, 12, 31), 23, 59), tick=False):
        admin = client_as("programme_admin")
        page = admin.get(detail).content.decode()
        assert "Release to police leads" not in page
        assert release not in page
        assert "You can release this report from 1 January 2026." in page
        # Neither the confirmation page nor a hand-made POST releases it.
        response = admin.get(release, follow=True)
        assert response.redirect_chain == [(detail, 302)]
        assert "when its month is over" in response.content.decode()
        admin.post(release, {"confirm": "yes"})
    report.refresh_from_db()
    assert report.status == ReportStatus.READY


def test_release_asks_to_confirm_and_only_the_confirmation_releases(
    personas: dict[str, User], client_as: Any
) -> None:
    report = make_report(date(2021, 7, 1), ReportStatus.READY)
    admin = client_as("programme_admin")
    release = reverse("reports:release", args=[report.pk])
    page = admin.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f'href="{release}"' in page  # a link to the question, not a form that releases

    confirm = admin.get(release)
    assert confirm.status_code == 200
    text = " ".join(confirm.content.decode().split())
    assert "Are you sure you want to release this report?" in text
    assert "This cannot be undone." in text
    # Opening the question, or posting without the answer, releases nothing.
    again = admin.post(release)
    assert again.status_code == 200
    assert "Are you sure you want to release this report?" in again.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert not AuditEvent.objects.filter(note="monthly report released").exists()

    response = admin.post(release, {"confirm": "yes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RELEASED


def test_regenerating_from_the_review_page_replaces_the_draft(
    personas: dict[str, User], client_as: Any, django_capture_on_commit_callbacks: Any
) -> None:
    report = make_report(this_month(), ReportStatus.READY)
    with django_capture_on_commit_callbacks(execute=True):
        client_as("programme_admin").post(reverse("reports:regenerate", args=[report.pk]))
    report.refresh_from_db()
    assert report.status == ReportStatus.READY
    assert report.html != SNAPSHOT
    assert bytes(report.pdf).startswith(b"%PDF-")


def test_only_a_month_offered_can_be_generated(personas: dict[str, User], client_as: Any) -> None:
    admin = client_as("programme_admin")
    for value in ("2000-01", "not-a-month", ""):
        response = admin.post(reverse("reports:generate"), {"month": value}, follow=True)
        assert "Choose a month from the list." in response.content.decode()
    assert not MonthlyReport.objects.exists()


def test_police_leads_see_only_released_reports_in_the_list(
    personas: dict[str, User], client_as: Any
) -> None:
    released = make_report(date(2021, 1, 1), ReportStatus.RELEASED)
    draft = make_report(date(2021, 2, 1), ReportStatus.READY)
    failed = make_report(date(2021, 3, 1), ReportStatus.FAILED)
    police = client_as("police_lead").get(reverse("reports:list")).content.decode()
    admin = client_as("programme_admin").get(reverse("reports:list")).content.decode()
    assert reverse("reports:detail", args=[released.pk]) in police
    for hidden in (draft, failed):
        assert reverse("reports:detail", args=[hidden.pk]) not in police
        assert reverse("reports:detail", args=[hidden.pk]) in admin
    assert "Generate reports" in admin
    assert "Generate reports" not in police


@pytest.mark.parametrize("key", ["facilitator_forum_a", "analyst", "officer", "member", "dpo"])
def test_other_roles_cannot_reach_a_released_report(
    personas: dict[str, User], client_as: Any, key: str
) -> None:
    report = make_report(date(2021, 4, 1), ReportStatus.RELEASED)
    client = client_as(key)
    for name in ("reports:detail", "reports:pdf"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 403
    assert client.get(reverse("reports:list")).status_code == 403


@pytest.mark.parametrize("key", ["programme_admin", "police_lead"])
def test_the_list_takes_the_same_queries_however_many_reports(
    personas: dict[str, User],
    client_as: Any,
    key: str,
    django_assert_num_queries: Any,
) -> None:
    from forums.models import Forum

    client = client_as(key)
    forums = list(Forum.objects.all()[:2])
    make_report(date(2022, 1, 1), ReportStatus.RELEASED)
    client.get(reverse("reports:list"))  # warm the session and caches
    with django_assert_num_queries(QUERIES_LIST) as few:
        client.get(reverse("reports:list"))
    for month in range(2, 13):
        make_report(date(2022, month, 1), ReportStatus.RELEASED)
        for forum in forums:
            make_report(date(2022, month, 1), ReportStatus.RELEASED, forum=forum)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(reverse("reports:list")).content.decode()
    assert page.count('href="/reports/') >= 12


@pytest.mark.parametrize("key", ["programme_admin", "police_lead"])
def test_the_report_page_takes_a_fixed_number_of_queries(
    personas: dict[str, User],
    client_as: Any,
    key: str,
    django_assert_num_queries: Any,
) -> None:
    report = make_report(date(2022, 1, 1), ReportStatus.RELEASED)
    client = client_as(key)
    client.get(reverse("reports:detail", args=[report.pk]))
    with django_assert_num_queries(QUERIES_DETAIL):
        client.get(reverse("reports:detail", args=[report.pk]))


QUERIES_LIST = 11  # sign-in, session and MFA checks (10) + the reports (1)
QUERIES_DETAIL = 11  # the same 10 + the report (1)


def test_the_dashboards_link_to_the_reports(personas: dict[str, User], client_as: Any) -> None:
    for key in ("programme_admin", "police_lead"):
        page = client_as(key).get(reverse("accounts:dashboard"), follow=True).content.decode()
        assert f'href="{reverse("reports:list")}"' in page, key


def test_two_requests_for_the_same_new_month_at_once_do_not_fail(
    personas: dict[str, User], client_as: Any, monkeypatch: Any
) -> None:
    from django.db import IntegrityError

    from reports import services

    def clash(**kwargs: Any) -> Any:
        raise IntegrityError("reports_one_across_forums_per_month")

    monkeypatch.setattr(services, "report_generation_request", clash)
    response = client_as("programme_admin").post(
        reverse("reports:generate"), {"month": f"{this_month():%Y-%m}"}, follow=True
    )
    assert response.status_code == 200
    assert "These reports are already being generated." in response.content.decode()
