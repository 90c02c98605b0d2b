"""Generating monthly reports: the background task, what a report says, suppression,
regeneration and the PDF (reports/services.py, reports/content.py, reports/rendering.py)."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from insights import services as insights
from insights.models import OwnerArea, PoliceLeadProfile, PolicePosition, Theme
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from redaction.services import redaction_add
from reports import rules, services
from reports.models import MonthlyReport, ReportStatus

# The original words of the seeded notes: a fictional person's name, phone number, email
# and address, which must never reach a report.
pytestmark = pytest.mark.dates

PERSONAL = (
    "Marjorie",
    "Pennywhistle",
    "07700 900457",
    "marjorie.p@example.org",
    "Larkspur",
    "SE15 4QT",
    "Tobias",
    "Quillfeather",
    "Derek",
    "Fairweather",
    "07700 900982",
)
NOTE_WITH_DETAILS = (
    "Marjorie Pennywhistle-Okafor rang 07700 900457 and emailed marjorie.p@example.org "
    "from 27 Larkspur Close, London SE15 4QT, and nobody called back about the case. "
    "Her neighbour Tobias waited three weeks for an update too. "
    "She works at Quillfeather Bakery."
)
UNCONFIRMED_NOTE = "Ring Derek Fairweather-Quist on 07700 900982 about the hearing date."


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def forum_a(personas: dict[str, User]) -> Any:
    return personas["facilitator_forum_a"].role_assignments.current().get().forums.get()


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def seed_loop(personas: dict[str, User]) -> dict[str, Any]:
    """A month of the feedback loop in forum A: a note with personal details confirmed
    through redaction review (one name added by the reviewer), a plain confirmed point, a
    point still waiting for review, a recommendation with a police response and an update."""
    admin, facilitator = personas["programme_admin"], personas["facilitator_forum_a"]
    police = personas["police_lead"]
    PoliceLeadProfile.objects.update_or_create(
        user=police, defaults={"position": PolicePosition.HEAD_OF_PROFESSION}
    )
    forum = forum_a(personas)
    meeting = forum.meetings.create(starts_at=timezone.now(), created_by=admin)
    informed = Theme.objects.get(slug="kept-informed")
    first_contact = Theme.objects.get(slug="first-contact")

    noted = insights.point_record(
        actor=facilitator,
        meeting=meeting,
        agenda_item=None,
        kind="concern",
        text=NOTE_WITH_DETAILS,
        themes=[informed],
    )
    # The engine finds the names, phone, email, address and postcode; the reviewer adds
    # the workplace it missed, then confirms.
    redaction_add(actor=facilitator, item=noted.text, type="ADDRESS", phrase="Quillfeather Bakery")
    noted = insights.point_confirm(actor=facilitator, point=noted)
    praise = insights.point_record(
        actor=facilitator,
        meeting=meeting,
        agenda_item=None,
        kind="praise",
        text="The officer at the front counter was patient and explained the Victims Code.",
        themes=[first_contact],
    )
    praise = insights.point_confirm(actor=facilitator, point=praise)
    insights.point_record(
        actor=facilitator,
        meeting=meeting,
        agenda_item=None,
        kind="concern",
        text=UNCONFIRMED_NOTE,
        themes=[informed],
    )
    area = OwnerArea.objects.create(name="Contact and call handling")
    callback = insights.recommendation_raise(
        actor=admin,
        forum=forum,
        title="Call victims back within a week",
        ask="Set a standard that every victim is called back within seven days.",
        why="Members waited weeks for updates about their case.",
        points=[noted],
        owner_area=area,
    )
    leaflet = insights.recommendation_raise(
        actor=admin,
        forum=forum,
        title="Print the leaflet in large type",
        ask="Offer the rights leaflet in large print.",
        why="Members with low vision could not read it.",
        points=[praise],
    )
    insights.recommendation_respond(
        actor=police,
        recommendation=leaflet,
        decision="partly_accepted",
        reason="Large print is offered online first while the print budget is agreed.",
        owner="Head of Corporate Communications",
        actions="Publish a large-print version on the website.",
        target_date=timezone.localdate() + timedelta(days=30),
    )
    insights.recommendation_update(
        actor=police,
        recommendation=leaflet,
        kind="update",
        text="The large-print version is with the designers.",
    )
    return {"forum": forum, "callback": callback, "leaflet": leaflet}


def generate(
    django_capture_on_commit_callbacks: Any, actor: User | None, month: date | None = None
) -> list[MonthlyReport]:
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.report_generation_request(actor=actor, month=month or this_month())
    return list(MonthlyReport.objects.filter(pk__in=[r.pk for r in queued]))


@pytest.fixture
def loop(personas: dict[str, User]) -> dict[str, Any]:
    return seed_loop(personas)


def test_it_generates_a_report_per_forum_and_one_across_all_forums_in_the_background(
    personas: dict[str, User], loop: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"])

    forums = services.forums_in_month(this_month())
    assert loop["forum"] in forums
    assert {r.forum_id for r in reports} == {None, *(f.pk for f in forums)}
    for report in reports:
        assert report.status == ReportStatus.READY
        assert bytes(report.pdf).startswith(b"%PDF-")
        assert report.generated_at is not None
        assert report.generated_by == personas["programme_admin"]
    assert AuditEvent.objects.filter(
        object_type="reports.monthlyreport", note="monthly report generated"
    ).count() == len(reports)


def test_the_task_is_given_the_report_id_only(
    personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks.signals import task_enqueued

    enqueued: list[Any] = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        enqueued.append(task_result)

    task_enqueued.connect(record)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            queued = services.report_generation_request(
                actor=personas["programme_admin"], month=this_month()
            )
    finally:
        task_enqueued.disconnect(record)
    assert queued
    assert [(r.task.name, r.args, r.kwargs) for r in enqueued] == [
        ("generate_report", [], {"report_id": r.pk}) for r in queued
    ]


def test_the_report_shows_released_text_only_and_the_pdf_holds_no_personal_data(
    personas: dict[str, User], loop: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"])
    forum_report = next(r for r in reports if r.forum_id == loop["forum"].pk)
    across = next(r for r in reports if r.forum_id is None)
    members = [
        name
        for name in User.objects.filter(forum_memberships__forum=loop["forum"]).values_list(
            "full_name", flat=True
        )
        if name
    ]

    for report in (forum_report, across):
        text = pdf_text(bytes(report.pdf))
        html = report.html
        for secret in (*PERSONAL, *members):
            assert secret not in text, secret
            assert secret not in html, secret
        # The released words are there, with the placeholders of what was redacted.
        for shown in ("[NAME] rang [PHONE] and emailed [EMAIL]", "[ADDRESS]", "[POSTCODE]"):
            assert shown in text
            assert shown in html
        assert "Her neighbour [NAME] waited three weeks" in text
        assert "She works at [ADDRESS]." in text
        assert "explained the Victims Code" in text
        # The point waiting for review is counted, never quoted, not even redacted.
        assert "about the hearing date" not in text
        assert "Feedback points still waiting for review" in text
        # The feedback loop is there.
        assert "Call victims back within a week" in text
        assert "Partly accepted" in text
        assert "Large print is offered online first" in text
        assert "Head of Corporate Communications" in text
        assert "The large-print version is with the designers." in text
    assert "Anonymised monthly report".lower() in pdf_text(bytes(across.pdf)).lower()
    assert "New feedback points by forum and kind" in across.html
    assert "New feedback points by forum and kind" not in forum_report.html


def test_counts_below_k_are_suppressed(
    personas: dict[str, User], loop: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from reports.content import build_content

    content = build_content(forum=loop["forum"], month=this_month())
    assert content.points_by_kind["Concern"].suppressed
    assert content.points_by_kind["Concern"].value is None
    assert content.points_by_theme["Being kept informed"].display == "fewer than 5"
    assert content.points_by_theme["Being kept informed"].value is None
    assert content.waiting_for_review.suppressed
    # Recommendations are not people: their counts are never hidden.
    assert content.open_by_status is not None
    waiting = content.open_by_status["Waiting for a police response"]
    assert not waiting.suppressed and 0 < (waiting.value or 0) < 5

    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"])
    html = next(r for r in reports if r.forum_id == loop["forum"].pk).html
    assert "fewer than 5" in html

    with override_settings(SUPPRESSION_K=1):
        content = build_content(forum=loop["forum"], month=this_month())
    assert content.points_by_kind["Concern"].display == "1"
    assert content.points_by_kind.total is not None
    assert content.points_by_kind.total.display == "2"
    assert content.waiting_for_review.display == "1"


def test_overdue_responses_and_open_recommendations_are_listed(
    personas: dict[str, User], loop: dict[str, Any]
) -> None:
    from insights.models import Recommendation
    from reports.content import build_content

    Recommendation.objects.filter(pk=loop["callback"].pk).update(
        response_due=timezone.localdate() - timedelta(days=1)
    )
    content = build_content(forum=None, month=this_month())
    assert [r.title for r in content.overdue] == ["Call victims back within a week"]
    assert {r.title for r in content.open} >= {
        "Call victims back within a week",
        "Print the leaflet in large type",
    }
    assert [r.title for r in content.raised][-2:] == [
        "Call victims back within a week",
        "Print the leaflet in large type",
    ]
    assert content.overdue[0].owner_area == "Contact and call handling"


def test_a_report_of_a_month_with_nothing_says_so(
    personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    month = date(2019, 3, 1)
    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"], month)
    assert [r.forum_id for r in reports] == [None]  # no forum ran in March 2019
    text = pdf_text(bytes(reports[0].pdf))
    assert "No reviewed feedback points this month." in text
    assert "All forums: March 2019" in text


def test_regenerating_replaces_a_draft_and_a_released_report_is_frozen(
    personas: dict[str, User], loop: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    admin = personas["programme_admin"]
    reports = generate(django_capture_on_commit_callbacks, admin)
    across = next(r for r in reports if r.forum_id is None)
    draft = next(r for r in reports if r.forum_id == loop["forum"].pk)
    # Released on the 1st of next month, once the month is over (reports/rules.py).
    next_month = timezone.make_aware(datetime.combine(rules.releasable_from(across), time(9)))
    with time_machine.travel(next_month, tick=False):
        services.report_release(actor=admin, report=across)
    frozen_html, frozen_pdf = across.html, bytes(across.pdf)

    insights.recommendation_raise(
        actor=admin,
        forum=loop["forum"],
        title="Text victims the name of their contact",
        ask="Send a text with the contact's job title and number.",
        why="Members did not know whom to call.",
        points=loop["callback"].points.all(),
    )
    again = generate(django_capture_on_commit_callbacks, admin)

    assert across.pk not in {r.pk for r in again}
    across.refresh_from_db()
    assert across.status == ReportStatus.RELEASED
    assert across.html == frozen_html and bytes(across.pdf) == frozen_pdf
    draft.refresh_from_db()
    assert draft.status == ReportStatus.READY
    assert "Text victims the name of their contact" in draft.html
    assert MonthlyReport.objects.filter(month=this_month(), forum=None).count() == 1
    with pytest.raises(RuleBroken):
        services.report_regenerate(actor=admin, report=across)
    with pytest.raises(RuleBroken):
        services.report_release(actor=admin, report=across)


def test_a_build_that_fails_marks_the_report_failed_and_logs_no_text(
    personas: dict[str, User],
    loop: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
    caplog: Any,
) -> None:
    from reports import rendering

    def broken(**kwargs: Any) -> bytes:
        raise RuntimeError(kwargs["html"])

    monkeypatch.setattr(rendering, "render_pdf", broken)
    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"])
    assert {r.status for r in reports} == {ReportStatus.FAILED}
    assert "could not be generated (RuntimeError)" in caplog.text
    assert "[NAME]" not in caplog.text
    # Generating again after the fault is fixed.
    monkeypatch.undo()
    again = generate(django_capture_on_commit_callbacks, personas["programme_admin"])
    assert {r.status for r in again} == {ReportStatus.READY}


def test_a_future_month_or_a_day_that_is_not_the_first_is_refused(
    personas: dict[str, User],
) -> None:
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken):
        services.report_generation_request(
            actor=admin, month=(this_month() + timedelta(days=32)).replace(day=1)
        )
    with pytest.raises(RuleBroken):
        services.report_generation_request(actor=admin, month=this_month().replace(day=2))


def test_the_scheduled_job_queues_last_months_missing_reports_and_is_safe_to_rerun(
    personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    from lib.scheduler import SCHEDULE, job_task
    from reports.tasks import generate_monthly_reports

    assert job_task("monthly_reports") is generate_monthly_reports
    cron = next(cron for name, cron, _path in SCHEDULE if name == "monthly_reports")
    assert cron["day"] == 1

    last_month = services.previous_month()
    with django_capture_on_commit_callbacks(execute=True):
        first = generate_monthly_reports.call()
    reports = MonthlyReport.objects.filter(month=last_month)
    assert first == reports.count() >= 1
    assert {r.status for r in reports} == {ReportStatus.READY}
    assert all(r.generated_by is None for r in reports)
    with django_capture_on_commit_callbacks(execute=True):
        assert generate_monthly_reports.call() == 0


def test_words_that_look_like_markup_are_escaped_in_the_snapshot(
    personas: dict[str, User],
) -> None:
    from reports.content import build_content
    from reports.rendering import render_html

    facilitator = personas["facilitator_forum_a"]
    forum = forum_a(personas)
    meeting = forum.meetings.create(starts_at=timezone.now(), created_by=facilitator)
    point = insights.point_record(
        actor=facilitator,
        meeting=meeting,
        agenda_item=None,
        kind="insight",
        text='Members pasted <script>alert("x")</script> into the survey.',
        themes=[],
    )
    insights.point_confirm(actor=facilitator, point=point)
    html = render_html(build_content(forum=forum, month=this_month()))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_counts_of_recommendations_are_shown_beside_the_recommendations_they_count(
    personas: dict[str, User], loop: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """A report lists its open recommendations; the count of them by status agrees with
    the list instead of reading "fewer than 5"."""
    from bs4 import BeautifulSoup

    reports = generate(django_capture_on_commit_callbacks, personas["programme_admin"])
    html = next(r for r in reports if r.forum_id == loop["forum"].pk).html
    soup = BeautifulSoup(html, "html.parser")
    caption = soup.find("caption", string=lambda t: t and "Open recommendations by status" in t)
    assert caption is not None
    table = caption.find_parent("table")
    assert table is not None
    figures = [td.get_text(strip=True) for td in table.select("td")]
    assert figures and not any("fewer than" in f for f in figures)
    assert figures[-1] == str(sum(int(f) for f in figures[:-1]))
    assert int(figures[-1]) > 0
