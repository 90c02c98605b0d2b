"""The contact log: every refusal of an unsafe contact through the page (audited, nothing
logged), "reached" closing only the tasks it covers, late updates sent for their reason,
"unsafe, abandoned" holding the channel until a supervisor's review, and safe contact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from desk.models import ContactAttempt, Task, TaskStatus
from desk.services import VictimIn
from desk.services.contacts import contact_log, safe_contact_set
from privacy.models import AuditEvent
from safecontact.models import ChannelHold, SafeContact
from safecontact.services import channel_hold_review
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Tuesday 2 June 2026, 11:00 in London.
NOW = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)
WEEKDAYS_10_TO_3 = [{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}]


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def victim(make_case: Any, personas: dict[str, Any]) -> Any:
    case = make_case(
        victims=[
            VictimIn(
                victim_ref="V1",
                full_name="Alex Example",
                date_of_birth=date(1980, 5, 17),
                nominee_name="Chris Example",
            )
        ]
    )
    victim = victim_of(case)
    safe_contact_set(
        actor=personas["desk_agent"],
        victim=victim,
        may_phone=True,
        phone="07700 900123",
        safe_times=WEEKDAYS_10_TO_3,
        code_word="bluebell",
    )
    return victim


def _log(client: Any, victim: Any, **fields: Any) -> Any:
    data = {
        "direction": "out",
        "channel": "phone",
        "party": "victim",
        "outcome": "reached",
        "at_time": "11:00",
        "summary": "",
        **fields,
    }
    return client.post(reverse("desk:contact_new", kwargs={"victim_id": victim.pk}), data)


def _refusal(code: str) -> AuditEvent:
    return AuditEvent.objects.get(
        action="desk.contact_refused", note__startswith=f"refusal={code};"
    )


@pytest.mark.parametrize(
    ("fields", "code", "words"),
    [
        (
            {"at_time": "09:30"},
            "outside_safe_times",
            "outside the times they said are safe: Monday to Friday, 10:00 to 15:00",
        ),
        ({"channel": "text"}, "channel_ruled_out", "have not said that contact by this channel"),
        (
            {"outcome": "message_left"},
            "voicemail_not_allowed",
            "have not said that it is safe to leave a voicemail",
        ),
    ],
)
def test_an_unsafe_contact_is_refused_and_the_refusal_audited(
    client_as: Any, victim: Any, fields: dict[str, str], code: str, words: str
) -> None:
    response = _log(client_as("desk_agent"), victim, **fields)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not ContactAttempt.objects.exists()
    refused = _refusal(code)
    assert (refused.object_type, refused.object_id) == ("desk.victim", str(victim.pk))


def test_a_channel_on_hold_is_refused(
    client_as: Any, victim: Any, personas: dict[str, Any]
) -> None:
    contact_log(
        actor=personas["desk_agent"],
        victim=victim,
        direction="out",
        channel="phone",
        party="victim",
        outcome="unsafe_abandoned",
    )
    response = _log(client_as("desk_agent"), victim)
    assert "on hold" in response.content.decode()
    assert _refusal("channel_on_hold")
    # A call coming in on it is held too: someone else may be on the line.
    _log(client_as("desk_agent"), victim, direction="in")
    assert AuditEvent.objects.filter(action="desk.contact_refused").count() == 2


def test_a_call_they_made_is_not_held_to_their_safe_times(client_as: Any, victim: Any) -> None:
    response = _log(client_as("desk_agent"), victim, direction="in", at_time="08:15")
    assert response.status_code == 302
    assert ContactAttempt.objects.get().direction == "in"


def test_the_nominee_is_checked_against_their_own_safe_contact(client_as: Any, victim: Any) -> None:
    """The victim's safe phone is no use for their nominated person: none agreed for them."""
    _log(client_as("desk_agent"), victim, party="nominee")
    assert _refusal("channel_ruled_out")


def test_reached_closes_only_the_tasks_it_covers(
    client_as: Any, victim: Any, make_event: Any
) -> None:
    make_event(victim.case, "arrested", NOW - timedelta(hours=3))
    make_event(victim.case, "bail_or_rui", NOW - timedelta(hours=2))
    agent = client_as("desk_agent")
    form = agent.get(reverse("desk:contact_new", kwargs={"victim_id": victim.pk}))
    assert "Suspect arrested" in form.content.decode() and "bluebell" in form.content.decode()
    response = _log(agent, victim, rights_delivered=["arrested"], reasons_given="on")
    assert response["Location"] == reverse("desk:case", kwargs={"case_id": victim.case_id})
    arrested = Task.objects.get(obligation="arrested")
    bail = Task.objects.get(obligation="bail_or_rui")
    contact = ContactAttempt.objects.get()
    assert (arrested.status, arrested.contact_id, arrested.late_working_days) == (
        TaskStatus.DONE,
        contact.pk,
        0,
    )
    assert bail.status == TaskStatus.OPEN
    assert contact.rights_delivered == ["arrested"] and contact.reasons_given is True
    page = agent.get(response["Location"]).content.decode()
    assert "Contact logged. 1 update marked as given." in page
    assert AuditEvent.objects.filter(action="desk.contact_logged").count() == 1


def test_only_a_contact_that_reached_them_gives_an_update(
    client_as: Any, victim: Any, make_event: Any
) -> None:
    make_event(victim.case, "arrested", NOW - timedelta(hours=3))
    response = _log(
        client_as("desk_agent"), victim, outcome="no_answer", rights_delivered=["arrested"]
    )
    assert "Only a contact that reached them" in response.content.decode()
    assert Task.objects.get().status == TaskStatus.OPEN


def test_a_contact_cannot_be_logged_in_the_future(client_as: Any, victim: Any) -> None:
    response = _log(client_as("desk_agent"), victim, at_time="14:00")
    assert "must not be in the future" in response.content.decode()
    assert not ContactAttempt.objects.exists()


def test_a_late_update_sends_the_agent_for_the_reason(
    client_as: Any, victim: Any, make_event: Any
) -> None:
    heard = datetime(2026, 5, 20, 11, 0, tzinfo=UTC)  # due by the end of Thursday 28 May
    with time_machine.travel(heard, tick=False):
        make_event(victim.case, "arrested", heard - timedelta(hours=1))
    task = Task.objects.get()
    assert task.due_date == date(2026, 5, 28) and not task.late_reason
    response = _log(client_as("desk_agent"), victim, rights_delivered=["arrested"])
    assert response["Location"] == reverse("desk:late_reason", kwargs={"task_id": task.pk})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE and task.late_working_days and not task.late_reason


def test_unsafe_abandoned_holds_the_channel_until_a_supervisor_reviews_it(
    client_as: Any, victim: Any, personas: dict[str, Any]
) -> None:
    agent = client_as("desk_agent")
    assert _log(agent, victim, outcome="unsafe_abandoned").status_code == 302
    hold = ChannelHold.objects.get()
    assert (hold.channel, hold.safe_contact.victim_id, hold.is_open) == ("phone", victim.pk, True)
    assert "on hold" in _log(agent, victim).content.decode()
    # An agent cannot lift it.
    review = reverse("desk:hold_review", kwargs={"hold_id": hold.pk})
    assert agent.post(review, {"decision": "reinstate", "note": "Spoke to her."}).status_code == 403
    with pytest.raises(PermissionDenied):
        channel_hold_review(actor=personas["desk_agent"], hold=hold, decision="reinstate", note="x")
    supervisor = client_as("desk_supervisor")
    assert (
        f"/desk/cases/{victim.case_id}/" in supervisor.get(reverse("desk:holds")).content.decode()
    )
    response = supervisor.post(review, {"decision": "reinstate", "note": "Safe again."})
    assert response["Location"] == reverse("desk:holds")
    hold.refresh_from_db()
    assert hold.decision == "reinstate"
    assert _log(agent, victim).status_code == 302


def test_keep_ruled_out_stops_the_channel(
    client_as: Any, victim: Any, personas: dict[str, Any]
) -> None:
    _log(client_as("desk_agent"), victim, outcome="unsafe_abandoned")
    hold = ChannelHold.objects.get()
    client_as("desk_supervisor").post(
        reverse("desk:hold_review", kwargs={"hold_id": hold.pk}),
        {"decision": "keep_ruled_out", "note": "Partner answers this phone."},
    )
    assert SafeContact.objects.get(victim=victim).may_phone is False
    _log(client_as("desk_agent"), victim)
    assert _refusal("channel_ruled_out")


def test_the_safe_contact_page_saves_safe_times_and_the_code_word(
    client_as: Any, victim: Any
) -> None:
    agent = client_as("desk_agent")
    url = reverse("desk:safe_contact", kwargs={"victim_id": victim.pk})
    page = agent.get(url).content.decode()
    assert 'value="10:00"' in page and "bluebell" in page
    response = agent.post(
        url,
        {
            "party": "victim",
            "may_phone": "on",
            "may_text": "on",
            "phone": "07700 900456",
            "days_0": ["0", "2"],
            "from_0": "09:00",
            "to_0": "12:00",
            "days_1": ["5"],
            "from_1": "22:00",
            "to_1": "02:00",
            "times_to_avoid": "Not after 6pm on weekdays",
            "code_word": "primrose",
        },
    )
    assert response.status_code == 302
    contact = SafeContact.objects.get(victim=victim)
    assert (contact.may_phone, contact.may_text, contact.may_voicemail) == (True, True, False)
    assert [(w.days, w.start, w.end) for w in contact.windows] == [
        ((0, 2), 540, 720),
        ((5,), 1320, 120),
    ]
    assert contact.code_word == "primrose"
    assert AuditEvent.objects.filter(action="safecontact.changed").exists()
    bad = agent.post(url, {"party": "victim", "from_0": "9", "to_0": "12:00"})
    assert "Choose the days of this safe time" in bad.content.decode()


def test_the_nominee_has_their_own_safe_contact(client_as: Any, victim: Any) -> None:
    url = reverse("desk:safe_contact", kwargs={"victim_id": victim.pk})
    response = client_as("desk_agent").post(
        url, {"party": "nominee", "may_email": "on", "email": "chris@example.org"}
    )
    assert response.status_code == 302
    nominee = SafeContact.objects.get(nominee_of=victim)
    assert nominee.may_email is True
    assert SafeContact.objects.get(victim=victim).may_email is False


@pytest.mark.parametrize("persona", ["analyst", "police_lead", "officer"])
@pytest.mark.parametrize("name", ["desk:contact_new", "desk:agreement", "desk:safe_contact"])
def test_nobody_outside_the_desk_reaches_a_victim(
    client_as: Any, victim: Any, persona: str, name: str
) -> None:
    client = client_as(persona)
    url = reverse(name, kwargs={"victim_id": victim.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
