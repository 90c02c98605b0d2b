"""The desk's queue: what is due by the end of today, overdue first; its filters; pages that
follow on from the last row; claiming and releasing from it; reassigning; the late reason page
(desk/selectors/queue.py, desk/views/queue.py; docs/desk.md, "The queue")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
import time_machine
from django.urls import reverse

from desk import deadlines
from desk.models import Task, TaskStatus
from desk.selectors.queue import QueueFilters, queue_page, upcoming_page
from desk.services import task_claim, task_close
from feedback import services as feedback_services
from feedback.models import Borough
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.dates, pytest.mark.django_db]


def _wednesday_10am() -> datetime:
    """10:00 London on a Wednesday in the month after next."""
    start = (datetime.now(UTC).replace(day=1) + timedelta(days=62)).date()
    while start.weekday() != 2:
        start += timedelta(days=1)
    return datetime(start.year, start.month, start.day, 10, tzinfo=deadlines.LONDON)


NOW = _wednesday_10am()
TODAY: date = NOW.date()


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def add_task(victim: Any, due_at: datetime, **fields: Any) -> Task:
    """A task of `victim` due at `due_at` (test data: the queue reads tasks as they are)."""
    snapshot = {
        "team_id": victim.case.team_id,
        "borough_id": victim.case.team.borough_id,
        "language": victim.language,
    }
    snapshot.update(fields)
    return Task.objects.create(
        kind=snapshot.pop("kind", "right6"),
        obligation=snapshot.pop("obligation", "arrested"),
        case=victim.case,
        victim=victim,
        due_date=timezone_date(due_at),
        due_at=due_at,
        **snapshot,
    )


def timezone_date(value: datetime) -> date:
    """The London date a task due at `value` is due on (midnight ends the day before)."""
    return (value - timedelta(microseconds=1)).astimezone(deadlines.LONDON).date()


def ids(page: Any) -> list[int]:
    return [row.task.pk for row in page.rows]


def shown(response: Any) -> tuple[list[int], str]:
    """The tasks a queue page shows, in order (by their Claim buttons), and its "Next page"
    link ("" when there is none)."""
    html = response.content.decode()
    tasks = [int(found) for found in re.findall(r'action="/desk/tasks/(\d+)/claim/"', html)]
    link = re.search(r'href="([^"]*)" rel="next"', html)
    return tasks, unescape(link.group(1)) if link else ""


@pytest.fixture
def victim(clock: Any, make_case: Any) -> Any:
    return victim_of(make_case())


def test_overdue_first_then_todays_by_due_time_and_not_tomorrows(
    victim: Any, personas: dict[str, Any]
) -> None:
    today_end = add_task(victim, deadlines.end_of_day(TODAY))
    soon = add_task(victim, NOW + timedelta(hours=2), kind="routed_safeguarding")
    tomorrow = add_task(victim, deadlines.end_of_day(TODAY + timedelta(days=1)))
    monday = add_task(victim, deadlines.end_of_day(TODAY - timedelta(days=2)))
    hour_ago = add_task(victim, NOW - timedelta(hours=1), kind="routed_complaint")
    done = add_task(victim, NOW - timedelta(hours=3))
    Task.objects.filter(pk=done.pk).update(status=TaskStatus.DONE)
    page = queue_page(viewer=personas["desk_agent"], filters=QueueFilters())
    assert ids(page) == [monday.pk, hour_ago.pk, soon.pk, today_end.pk]
    assert [row.overdue for row in page.rows] == [True, True, False, False]
    assert [row.due_today for row in page.rows] == [False, False, True, True]
    assert page.rows[0].late_working_days == 2  # Monday's, on Wednesday
    assert page.next_after == ""
    later = upcoming_page(viewer=personas["desk_agent"], filters=QueueFilters())
    assert ids(later) == [tomorrow.pk]


def test_each_filter(victim: Any, make_case: Any, personas: dict[str, Any]) -> None:
    due = deadlines.end_of_day(TODAY)
    plain = add_task(victim, due)
    islington = Borough.objects.get(name="Islington")
    other_team = feedback_services.team_ensure(borough=islington, name="Islington team")
    elsewhere = add_task(victim, due, team_id=other_team.pk, borough_id=islington.pk)
    enhanced = add_task(victim, due, enhanced=True)
    welsh = add_task(victim, due, language="cy")
    periodic = add_task(victim, due, kind="periodic", obligation="periodic")
    routed = add_task(victim, due, kind="routed_complaint", obligation="routed_complaint")
    agent = personas["desk_agent"]

    def found(**filters: Any) -> list[int]:
        return ids(queue_page(viewer=agent, filters=QueueFilters(**filters)))

    assert found(team=other_team.pk) == [elsewhere.pk]
    assert found(borough=islington.pk) == [elsewhere.pk]
    assert found(enhanced=True) == [enhanced.pk]
    assert elsewhere.pk in found(enhanced=False) and enhanced.pk not in found(enhanced=False)
    assert found(language="cy") == [welsh.pk]
    assert found(kind="periodic") == [periodic.pk]
    assert found(kind="routed") == [routed.pk]
    assert plain.pk in found(kind="right6") and routed.pk not in found(kind="right6")


def test_pages_follow_on_from_the_last_row(victim: Any, client_as: Any) -> None:
    due = deadlines.end_of_day(TODAY)
    made = [add_task(victim, due).pk for _ in range(27)]
    made += [add_task(victim, NOW - timedelta(days=1)).pk for _ in range(3)]
    expected = made[27:] + made[:27]
    desk = client_as("desk_agent")
    first = desk.get(reverse("desk:queue"), {"kind": "right6"})
    assert first.status_code == 200
    page_one, link = shown(first)
    assert page_one == expected[:25]
    assert "after=" in link and "kind=right6" in link
    page_two, last = shown(desk.get(reverse("desk:queue") + link))
    assert page_two == expected[25:]
    assert last == ""
    query = parse_qs(urlparse(link).query)
    assert set(query) == {"after", "kind"}  # codes and ids only: nothing personal


def test_a_mangled_next_page_link_shows_the_first_page(victim: Any, client_as: Any) -> None:
    task = add_task(victim, deadlines.end_of_day(TODAY))
    page = client_as("desk_agent").get(reverse("desk:queue"), {"after": "nonsense", "team": "x"})
    assert page.status_code == 200
    assert shown(page) == ([task.pk], "")


def test_the_queue_shows_no_name_and_what_is_owed(
    clock: Any, make_case: Any, make_event: Any, client_as: Any
) -> None:
    case = make_case(offence="domestic-abuse")
    make_event(case, "arrested", NOW - timedelta(days=3))
    html = client_as("desk_agent").get(reverse("desk:queue")).content.decode()
    assert f"Case {case.pk}" in html
    assert "Suspect arrested" in html
    assert "Enhanced rights" in html
    assert "Overdue by" in html
    assert "Alex Example" not in html and "NW1 2AB" not in html
    assert case.crime_reference not in html


def test_the_queue_reads_in_a_fixed_number_of_queries(
    victim: Any, client_as: Any, django_assert_num_queries: Any, personas: dict[str, Any]
) -> None:
    desk = client_as("desk_agent")
    add_task(victim, NOW - timedelta(days=1))
    desk.get(reverse("desk:queue"))  # warm the session
    # 10 for the session, the person and their roles; teams, boroughs and languages for the
    # filters; one for the tasks; one for the closed days (to count working days overdue).
    with django_assert_num_queries(15) as first:
        desk.get(reverse("desk:queue"))
    for n in range(12):
        task = add_task(victim, NOW - timedelta(hours=n), kind="routed_complaint")
        if n % 3 == 0:
            task_claim(actor=personas["desk_supervisor"], task=task)
    with django_assert_num_queries(len(first.captured_queries)):
        page = desk.get(reverse("desk:queue"))
    assert page.content.decode().count('class="govuk-table__row"') == 14  # the head and 13


def test_claim_and_release_from_the_queue(
    victim: Any, client_as: Any, personas: dict[str, Any]
) -> None:
    task = add_task(victim, deadlines.end_of_day(TODAY))
    other = add_task(victim, NOW - timedelta(days=1))
    desk = client_as("desk_agent")
    claim = reverse("desk:task_claim", kwargs={"task_id": task.pk})
    assert desk.get(claim).status_code == 405
    done = desk.post(claim, {"next": reverse("desk:queue") + "?kind=right6"})
    assert done.status_code == 302 and done["Location"] == "/desk/?kind=right6"
    assert Task.objects.get(pk=other.pk).claimed_by == personas["desk_agent"]
    html = desk.get(reverse("desk:queue")).content.decode()
    assert "You are working on this until" in html
    assert personas["desk_agent"].full_name in html and "Release" in html
    # Another agent is told who has it.
    supervisor = client_as("desk_supervisor")
    supervisor.post(reverse("desk:task_claim", kwargs={"task_id": other.pk}))
    shown = supervisor.get(reverse("desk:queue")).content.decode()
    assert f"{personas['desk_agent'].full_name} is working on this victim" in shown
    released = desk.post(reverse("desk:task_release", kwargs={"task_id": task.pk}))
    assert released.status_code == 302 and released["Location"] == "/desk/"
    assert not Task.objects.filter(claimed_by__isnull=False).exists()


def test_a_next_address_off_the_desk_is_ignored(victim: Any, client_as: Any) -> None:
    task = add_task(victim, deadlines.end_of_day(TODAY))
    done = client_as("desk_agent").post(
        reverse("desk:task_claim", kwargs={"task_id": task.pk}),
        {"next": "https://example.org/desk/"},
    )
    assert done["Location"] == "/desk/"


def test_only_a_supervisor_reassigns(victim: Any, client_as: Any, personas: dict[str, Any]) -> None:
    task = add_task(victim, deadlines.end_of_day(TODAY))
    task_claim(actor=personas["desk_agent"], task=task)
    page = reverse("desk:task_reassign", kwargs={"task_id": task.pk})
    assert client_as("desk_agent").get(page).status_code == 403
    assert client_as("desk_agent").post(page, {"to": personas["desk_agent"].pk}).status_code == 403
    supervisor = client_as("desk_supervisor")
    form = supervisor.get(page)
    assert form.status_code == 200
    assert personas["desk_agent"].full_name in form.content.decode()
    empty = supervisor.post(page, {})
    assert "Choose who should work on this victim" in empty.content.decode()
    moved = supervisor.post(page, {"to": personas["desk_supervisor"].pk})
    assert moved.status_code == 302
    assert Task.objects.get(pk=task.pk).claimed_by == personas["desk_supervisor"]


def test_the_late_reason_page(
    clock: Any, victim: Any, client_as: Any, personas: dict[str, Any]
) -> None:
    late = add_task(victim, NOW - timedelta(days=1))
    closed = task_close(actor=personas["desk_agent"], task=late, reason_later=True)
    page = reverse("desk:late_reason", kwargs={"task_id": closed.pk})
    desk = client_as("desk_agent")
    shown = desk.get(page)
    assert shown.status_code == 200
    assert "This update is late: say why" in shown.content.decode()
    missing = desk.post(page, {})
    assert "Select why this update is late" in missing.content.decode()
    no_note = desk.post(page, {"late_reason": "other"})
    assert "Say what the other reason was" in no_note.content.decode()
    done = desk.post(page, {"late_reason": "desk_capacity"})
    assert done.status_code == 302
    assert done["Location"] == reverse("desk:case", kwargs={"case_id": victim.case_id})
    assert Task.objects.get(pk=late.pk).late_reason == "desk_capacity"


def test_the_late_reason_page_closes_an_open_late_task(
    clock: Any, victim: Any, client_as: Any
) -> None:
    late = add_task(victim, NOW - timedelta(days=1))
    page = reverse("desk:late_reason", kwargs={"task_id": late.pk})
    done = client_as("desk_agent").post(page, {"late_reason": "not_reached"})
    assert done.status_code == 302
    closed = Task.objects.get(pk=late.pk)
    assert closed.status == TaskStatus.DONE and closed.late_reason == "not_reached"


def test_an_unknown_task_is_404(client_as: Any) -> None:
    desk = client_as("desk_agent")
    assert desk.get(reverse("desk:late_reason", kwargs={"task_id": 999999})).status_code == 404
    assert desk.post(reverse("desk:task_claim", kwargs={"task_id": 999999})).status_code == 404
