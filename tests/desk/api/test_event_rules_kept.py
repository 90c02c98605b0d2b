"""Taking in an event with the desk's rules kept in memory (desk/services/common.py,
DESK_REFERENCE_CACHE_SECONDS): no statement reads the time limits or closed days, and a
supervisor's change is used by the very next event."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from desk.models import Task
from desk.services import common
from desk.services.reference import closure_add
from feedback.models import Team
from tests.desk.api.bodies import CASES, EVENTS, case_body, event_body

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture(autouse=True)
def _rules_kept() -> Iterator[None]:
    common._forget()
    with override_settings(DESK_REFERENCE_CACHE_SECONDS=60):
        yield
    common._forget()


def test_a_second_event_reads_no_rules(
    send: Any, desk_team: Team, django_assert_num_queries: Any
) -> None:
    victims = [{"victim_ref": f"V{n}", "name": f"Victim {n}"} for n in range(1, 3)]
    assert send(CASES, case_body(desk_team, victims=victims)).status_code == 202
    assert send(EVENTS, event_body()).status_code == 202  # reads the rules once
    # As the API tests' pinned count, less the time limits and the closed days.
    with django_assert_num_queries(11 if connection.vendor == "postgresql" else 13):
        response = send(EVENTS, event_body())
    assert response.status_code == 202
    assert len(response.json()["tasks"]) == 2


def test_a_closed_day_added_is_used_by_the_next_event(
    send: Any, case: Any, personas: dict[str, Any]
) -> None:
    first = send(EVENTS, event_body()).json()["tasks"][0]
    before = Task.objects.get(pk=first["id"]).due_date
    # Friday 22 May's arrest, Monday a bank holiday: five working days to Monday 1 June.
    # The desk closes on Wednesday 27 May: a day later.
    assert before == date(2026, 6, 1)
    closure_add(actor=personas["desk_supervisor"], day=date(2026, 5, 27), reason="Training")
    second = send(EVENTS, event_body()).json()["tasks"][0]
    assert Task.objects.get(pk=second["id"]).due_date == date(2026, 6, 2)
