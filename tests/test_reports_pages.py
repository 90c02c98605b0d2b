"""Monthly report pages: the programme team generates, reviews and releases; police leads
read released reports only; the PDF downloads as an attachment (reports/views.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from privacy.models import AuditEvent
from reports.models import MonthlyReport, ReportStatus
from tests.test_reports_generation import pdf_text, seed_loop, this_month

SNAPSHOT = '<h2 class="govuk-heading-m">What members told us</h2><p class="govuk-body">Kind.</p>'


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
    assert "Release to police leads" in review
    assert "[NAME] rang [PHONE]" in review
    assert "Marjorie" not in review

    # Not released yet: police leads do not know it exists.
    assert police.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert police.get(reverse("reports:pdf", args=[report.pk])).status_code == 404
    assert reverse("reports:detail", args=[report.pk]) not in (
        police.get(reverse("reports:list")).content.decode()
    )

    response = admin.post(reverse("reports:release", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RELEASED
    assert report.released_by == personas["programme_admin"]
    assert AuditEvent.objects.filter(
        action="person_changed",
        object_type="reports.monthlyreport",
        object_id=str(report.pk),
        actor=personas["programme_admin"],
        note="monthly report released",
    ).exists()

    page = police.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "[NAME] rang [PHONE]" in page
    assert "Release to police leads" not in page
    download = police.get(reverse("reports:pdf", args=[report.pk]))
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
    response = admin.post(reverse("reports:release", args=[report.pk]), follow=True)
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
        reverse("reports:release", args=[report.pk]), follow=True
    )
    assert "Only a report that is ready for review can be released." in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.GENERATING


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
