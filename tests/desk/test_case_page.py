"""The case page (every victim's identity view audited), and cases and events added or
corrected by hand with a reason."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from desk.models import Case, CaseEvent, Task, TaskStatus
from desk.services import VictimIn
from feedback.models import Team
from privacy.models import AuditEvent
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Tuesday 2 June 2026, 11:00 in London.
NOW = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_case_page_shows_what_the_agent_needs_and_audits_each_victim(
    client_as: Any, make_case: Any, make_event: Any
) -> None:
    case = make_case(
        offence="burglary",
        victims=[
            VictimIn(victim_ref="V1", full_name="Alex Example", date_of_birth=date(1980, 5, 17)),
            VictimIn(
                victim_ref="V2",
                full_name="Sam Example",
                date_of_birth=date(2010, 1, 1),
                grounds=["vulnerable"],
            ),
        ],
    )
    make_event(case, "arrested", NOW - timedelta(days=8))  # overdue
    make_event(case, "charged", NOW - timedelta(hours=2))  # due in 5 working days / tomorrow
    page = client_as("desk_agent").get(reverse("desk:case", kwargs={"case_id": case.pk}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Alex Example" in text and "Sam Example" in text
    assert "17 May 1980" in text and "age 46" in text
    assert "Vulnerable" in text or "vulnerable" in text.lower()
    assert "Under 18" in text or "under 18" in text.lower()
    assert "Overdue" in text
    assert "Suspect charged" in text and "Suspect arrested" in text  # latest events
    assert case.team.name in text
    viewed = AuditEvent.objects.filter(action="view_identity", object_type="desk.victim")
    assert sorted(int(v) for v in viewed.values_list("object_id", flat=True)) == sorted(
        case.victims.values_list("pk", flat=True)
    )


def test_an_unknown_case_is_404_for_the_desk(client_as: Any) -> None:
    assert (
        client_as("desk_agent").get(reverse("desk:case", kwargs={"case_id": 999999})).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["analyst", "police_lead", "officer"])
@pytest.mark.parametrize("name", ["desk:case", "desk:case_correct", "desk:event_new"])
def test_nobody_outside_the_desk_sees_a_case(
    client_as: Any, make_case: Any, persona: str, name: str
) -> None:
    case = make_case()
    assert client_as(persona).get(reverse(name, kwargs={"case_id": case.pk})).status_code == 403
    assert not AuditEvent.objects.filter(action="view_identity").exists()


def _case_form(team: Team, **extra: str) -> dict[str, str]:
    return {
        "crime_reference": "7001234/26",
        "offence_category": "burglary",
        "team": str(team.pk),
        "oic_display": "PC 1234 Sam Patel",
        "full_name": "Jo Example",
        "date_of_birth-day": "3",
        "date_of_birth-month": "4",
        "date_of_birth-year": "1975",
        "postcode": "SE1 7PB",
        "language": "en",
        "interpreter_language": "",
        "grounds": "persistently_targeted",
        "reason": "The crime recording system is down.",
        **extra,
    }


def test_an_agent_adds_a_case_by_hand_with_a_reason(client_as: Any, desk_team: Team) -> None:
    agent = client_as("desk_agent")
    assert agent.get(reverse("desk:case_new")).status_code == 200
    refused = agent.post(reverse("desk:case_new"), _case_form(desk_team, reason=""))
    assert refused.status_code == 200 and not Case.objects.exists()
    response = agent.post(reverse("desk:case_new"), _case_form(desk_team))
    case = Case.objects.get()
    assert response["Location"] == reverse("desk:case", kwargs={"case_id": case.pk})
    victim = victim_of(case)
    assert (victim.full_name, victim.date_of_birth, victim.postcode) == (
        "Jo Example",
        "1975-04-03",
        "SE1 7PB",
    )
    assert victim.enhanced is True
    assert case.created_via == "staff" and case.oic_display == "PC 1234 Sam Patel"
    assert AuditEvent.objects.filter(action="desk.case_created", object_id=str(case.pk)).exists()


def test_an_agent_corrects_a_case_and_keeps_what_the_form_does_not_ask(
    client_as: Any, make_case: Any, desk_team: Team
) -> None:
    case = make_case(
        victims=[
            VictimIn(
                victim_ref="V1",
                full_name="Alex Exampel",
                date_of_birth=date(1980, 5, 17),
                postcode="NW1 2AB",
                nominee_name="Chris Example",
                sex="female",
            )
        ]
    )
    agent = client_as("desk_agent")
    url = reverse("desk:case_correct", kwargs={"case_id": case.pk})
    form = agent.get(url).content.decode()
    assert "Alex Exampel" in form and 'value="17"' in form
    data = _case_form(desk_team, full_name="Alex Example", postcode="NW1 2AB")
    data.update(
        {"date_of_birth-day": "17", "date_of_birth-month": "5", "date_of_birth-year": "1980"}
    )
    response = agent.post(url, data)
    assert response.status_code == 302
    victim = victim_of(case)
    assert victim.full_name == "Alex Example"
    assert (victim.nominee_name, victim.sex) == ("Chris Example", "female")
    case.refresh_from_db()
    assert case.crime_reference != "7001234/26"  # the reference is not corrected here
    assert AuditEvent.objects.filter(action="desk.case_corrected").exists()


def test_an_event_recorded_by_hand_makes_its_task(client_as: Any, make_case: Any) -> None:
    case = make_case()
    agent = client_as("desk_agent")
    url = reverse("desk:event_new", kwargs={"case_id": case.pk})
    data = {
        "kind": "arrested",
        "occurred_on-day": "1",
        "occurred_on-month": "6",
        "occurred_on-year": "2026",
        "occurred_time": "16:40",
        "reason": "The officer rang the desk.",
    }
    assert agent.post(url, {**data, "reason": ""}).status_code == 200
    future = agent.post(url, {**data, "occurred_on-day": "3"})
    assert "must not be in the future" in future.content.decode()
    response = agent.post(url, data)
    assert response.status_code == 302
    event = CaseEvent.objects.get(case=case)
    assert event.created_by is not None and event.received_event is None
    task = Task.objects.get(event=event)
    assert task.status == TaskStatus.OPEN and task.due_date == date(2026, 6, 8)
