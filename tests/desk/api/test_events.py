"""The desk API's events: the tasks they owe, their due times, replays and refusals, and the
statements one event takes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection

from desk.models import Case, CaseEvent, ReceivedEvent, Task
from feedback.models import Team
from tests.desk.api.bodies import (
    CASES,
    EVENTS,
    case_body,
    event_body,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_an_event_makes_the_tasks_it_owes_and_answers_with_ids_and_times(
    send: Any, case: Case
) -> None:
    response = send(EVENTS, event_body())
    assert response.status_code == 202, response.content
    data = response.json()
    assert set(data) == {"id", "case_id", "tasks"}
    task = Task.objects.get()
    assert data == {
        "id": CaseEvent.objects.get().pk,
        "case_id": case.pk,
        "tasks": [{"id": task.pk, "kind": "right6", "due_at": "2026-06-01T23:00:00Z"}],
    }


def test_an_enhanced_victims_friday_arrest_before_a_bank_holiday_is_due_by_tuesday(
    send: Any, desk_team: Team
) -> None:
    body = case_body(desk_team)
    body["victims"][0]["grounds"] = ["intimidated"]
    assert send(CASES, body).status_code == 202
    response = send(EVENTS, event_body())
    assert response.status_code == 202, response.content
    # Monday 25 May is the Spring bank holiday: the next working day is Tuesday, due by
    # its end (midnight, 23:00 UTC in summer time).
    assert [t["due_at"] for t in response.json()["tasks"]] == ["2026-05-26T23:00:00Z"]


def test_an_event_sent_again_gets_the_same_answer(send: Any, case: Case) -> None:
    body = event_body()
    first = send(EVENTS, body)
    again = send(EVENTS, body)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.content == first.content
    assert (CaseEvent.objects.count(), Task.objects.count()) == (1, 1)


def test_an_event_id_used_for_another_event_is_a_409(send: Any, case: Case) -> None:
    body = event_body()
    assert send(EVENTS, body).status_code == 202
    response = send(EVENTS, {**body, "kind": "charged"})
    assert (response.status_code, response.json()["code"]) == (409, "source_event_id_reused")
    assert Task.objects.count() == 1


def test_an_event_that_owes_nothing_makes_no_task(send: Any, case: Case) -> None:
    response = send(EVENTS, event_body(kind="officer_changed"))
    assert response.status_code == 202
    assert response.json()["tasks"] == []


def test_an_event_for_some_victims_makes_tasks_for_them_only(send: Any, desk_team: Team) -> None:
    victims = [*case_body(desk_team)["victims"], {"victim_ref": "V2", "name": "Sam Example"}]
    assert send(CASES, case_body(desk_team, victims=victims)).status_code == 202
    response = send(EVENTS, event_body(victim_refs=["V2"]))
    assert response.status_code == 202
    assert list(Task.objects.values_list("victim__victim_ref", flat=True)) == ["V2"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"crime_reference": "9999999/26"}, "unknown_case"),
        ({"victim_refs": ["V9"]}, "unknown_victim"),
        ({"kind": "abducted_by_aliens"}, "unknown_kind"),
        ({"occurred_at": "2026-05-22T16:40:00"}, "naive_datetime"),
        ({"occurred_at": "2026-05-22T18:10:00+01:00"}, "occurred_in_future"),
    ],
)
def test_an_event_the_desk_cannot_take_is_refused_and_nothing_is_kept(
    send: Any, case: Case, changes: dict[str, Any], code: str
) -> None:
    response = send(EVENTS, event_body(**changes))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    assert not CaseEvent.objects.exists()
    assert ReceivedEvent.objects.count() == 1  # the case's own


def test_an_event_a_few_minutes_ahead_of_our_clock_is_taken(send: Any, case: Case) -> None:
    assert send(EVENTS, event_body(occurred_at="2026-05-22T18:04:00+01:00")).status_code == 202


def test_a_time_in_utc_is_taken(send: Any, case: Case) -> None:
    response = send(EVENTS, event_body(occurred_at="2026-05-22T15:40:00Z"))
    assert response.status_code == 202
    assert CaseEvent.objects.get().occurred_at == datetime(2026, 5, 22, 15, 40, tzinfo=UTC)


def test_an_event_is_taken_in_a_fixed_number_of_statements(
    send: Any, desk_team: Team, django_assert_num_queries: Any
) -> None:
    victims = [
        {"victim_ref": f"V{n}", "name": f"Victim {n}", "grounds": ["vulnerable", "intimidated"]}
        for n in range(1, 4)
    ]
    assert send(CASES, case_body(desk_team, victims=victims)).status_code == 202
    # 13 statements, whatever the number of victims and grounds: the integration; the
    # source event id (INSERT in its own savepoint: 3; on PostgreSQL one INSERT ... ON
    # CONFLICT DO NOTHING); the case; its victims; their grounds; the event; the time limits;
    # the closed days; the tasks (one INSERT); the audit row; the answer stored. The test
    # runs in a transaction, so the service's own is a savepoint: 2 more.
    with django_assert_num_queries(13 if connection.vendor == "postgresql" else 15):
        response = send(EVENTS, event_body())
    assert response.status_code == 202
    assert len(response.json()["tasks"]) == 3


# Strict input -----------------------------------------------------------------------------
