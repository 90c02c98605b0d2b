"""What a victim agreed about updates, and the regular update it owes them: every N days
after the last contact that reached them (or the agreement), moved past weekends and bank
holidays; none when they want updates only when something happens."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from desk.models import ContactAgreement, Task, TaskKind, TaskStatus
from desk.services.contacts import contact_log, safe_contact_set
from privacy.models import AuditEvent
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Tuesday 2 June 2026, 11:00 in London.
NOW = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def victim(make_case: Any) -> Any:
    return victim_of(make_case())


def _agree(client: Any, victim: Any, **fields: Any) -> Any:
    data = {
        "frequency": "every_n_days",
        "every_days": "28",
        "channel": "phone",
        "language": "en",
        "through": "victim",
        **fields,
    }
    return client.post(reverse("desk:agreement", kwargs={"victim_id": victim.pk}), data)


def _periodic(victim: Any) -> Task:
    return Task.objects.get(victim=victim, kind=TaskKind.PERIODIC, status=TaskStatus.OPEN)


def test_the_page_offers_the_default_interval(client_as: Any, victim: Any) -> None:
    page = client_as("desk_agent").get(reverse("desk:agreement", kwargs={"victim_id": victim.pk}))
    assert 'name="every_days"' in page.content.decode()
    assert 'value="28"' in page.content.decode()


@pytest.mark.parametrize(
    ("every", "due"),
    [
        (28, date(2026, 6, 30)),  # a Tuesday
        (5, date(2026, 6, 8)),  # Sunday 7 June: the next working day
        (89, date(2026, 9, 1)),  # Sunday 30 August, then the Summer bank holiday
    ],
)
def test_regular_updates_fall_due_every_n_days_on_a_working_day(
    client_as: Any, victim: Any, every: int, due: date
) -> None:
    response = _agree(client_as("desk_agent"), victim, every_days=str(every))
    assert response["Location"] == reverse("desk:case", kwargs={"case_id": victim.case_id})
    task = _periodic(victim)
    assert (task.obligation, task.due_date) == ("periodic", due)
    assert task.due_at == datetime(due.year, due.month, due.day, 23, 0, tzinfo=UTC)
    assert task.team_id == victim.case.team_id
    event = AuditEvent.objects.get(action="desk.agreement_changed")
    assert (event.object_type, event.object_id) == ("desk.victim", str(victim.pk))


def test_a_change_supersedes_the_agreement_and_moves_the_one_update(
    client_as: Any, victim: Any
) -> None:
    agent = client_as("desk_agent")
    _agree(agent, victim)
    _agree(agent, victim, every_days="14", channel="letter")
    assert _periodic(victim).due_date == date(2026, 6, 16)
    assert Task.objects.filter(victim=victim, kind=TaskKind.PERIODIC).count() == 1
    rows = ContactAgreement.objects.filter(victim=victim)
    assert rows.count() == 2
    assert rows.get(superseded_at__isnull=True).channel == "letter"


def test_only_when_something_happens_cancels_the_regular_update(
    client_as: Any, victim: Any
) -> None:
    agent = client_as("desk_agent")
    _agree(agent, victim)
    _agree(agent, victim, frequency="events_only", every_days="")
    task = Task.objects.get(victim=victim, kind=TaskKind.PERIODIC)
    assert task.status == TaskStatus.CANCELLED
    current = ContactAgreement.objects.get(victim=victim, superseded_at__isnull=True)
    assert current.every_days is None


def test_every_n_days_needs_the_number(client_as: Any, victim: Any) -> None:
    response = _agree(client_as("desk_agent"), victim, every_days="")
    assert "Enter how many days between updates" in response.content.decode()
    assert not ContactAgreement.objects.exists()


def test_a_reached_contact_starts_the_next_interval(
    client_as: Any, victim: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    _agree(client_as("desk_agent"), victim)
    first = _periodic(victim)
    safe_contact_set(actor=agent, victim=victim, may_phone=True, phone="07700 900123")
    # Friday 12 June, 11:00 in London: reached, and the regular update given.
    with time_machine.travel(datetime(2026, 6, 12, 10, 0, tzinfo=UTC), tick=False):
        contact_log(
            actor=agent,
            victim=victim,
            direction="out",
            channel="phone",
            party="victim",
            outcome="reached",
            rights_delivered=["periodic"],
        )
    first.refresh_from_db()
    assert first.status == TaskStatus.DONE
    assert _periodic(victim).due_date == date(2026, 7, 10)


def test_a_contact_that_did_not_reach_them_moves_nothing(
    client_as: Any, victim: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    _agree(client_as("desk_agent"), victim)
    safe_contact_set(actor=agent, victim=victim, may_phone=True, phone="07700 900123")
    contact_log(
        actor=agent,
        victim=victim,
        direction="out",
        channel="phone",
        party="victim",
        outcome="no_answer",
    )
    assert _periodic(victim).due_date == date(2026, 6, 30)
