"""Inactive participants are asked every two years whether to stay: once, by their safe
channel, with a link that answers in one step; no answer in the set time takes them off the
register (and the retention rule then deletes them). Activity resets the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from engagement.models import Participant, ParticipantStatus
from engagement.services.housekeeping import (
    participant_stay_ask_due,
    participant_stay_lapse_due,
)
from notify.models import Message, recipient_digest
from privacy.models import AuditEvent
from tests.engagement import factories

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NOW = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _inactive(days: int, **fields: Any) -> Participant:
    person = factories.participant(**fields)
    Participant.objects.filter(pk=person.pk).update(last_active_at=NOW - timedelta(days=days))
    person.refresh_from_db()
    return person


def _message_to(address: str) -> Message:
    return Message.objects.get(
        template="engagement_stay_question", recipient_digest=recipient_digest(address)
    )


def _link_token(message: Message) -> str:
    marker = "/register/stay/"
    start = message.body.index(marker) + len(marker)
    return message.body[start:].split("/")[0]


@override_settings(ENGAGEMENT_INACTIVE_DAYS=730)
def test_only_people_inactive_for_two_years_are_asked_and_only_once() -> None:
    old = _inactive(731, email="old@example.org")
    recent = _inactive(700)
    paused = _inactive(800, status=ParticipantStatus.PAUSED)
    left = _inactive(800, status=ParticipantStatus.LEFT)

    assert participant_stay_ask_due() == 2
    asked = set(Participant.objects.filter(stay_asked_at=NOW).values_list("pk", flat=True))
    assert asked == {old.pk, paused.pk}
    assert recent.pk not in asked and left.pk not in asked
    message = _message_to("old@example.org")
    assert "/register/stay/" in message.body
    assert participant_stay_ask_due() == 0


@override_settings(ENGAGEMENT_INACTIVE_DAYS=730)
def test_someone_with_no_safe_written_channel_is_not_asked_now() -> None:
    unsafe = _inactive(800, safe={"may_email": False, "may_phone": True, "phone": "07700 900111"})
    assert participant_stay_ask_due() == 0
    unsafe.refresh_from_db()
    assert unsafe.stay_asked_at is None


@override_settings(ENGAGEMENT_INACTIVE_DAYS=730)
def test_the_link_asks_on_get_and_staying_counts_as_activity(client: Any) -> None:
    person = _inactive(800, email="stayer@example.org")
    participant_stay_ask_due()
    token = _link_token(_message_to("stayer@example.org"))
    url = reverse("engagement:stay", args=[token])

    page = client.get(url)
    assert page.status_code == 200
    assert "stayer@example.org" not in page.content.decode()
    person.refresh_from_db()
    assert person.last_active_at < NOW - timedelta(days=700)

    done = client.post(url, {"stay": "yes"})
    assert done.status_code == 200
    person.refresh_from_db()
    assert person.status == ParticipantStatus.ACTIVE
    assert person.last_active_at == NOW
    assert AuditEvent.objects.filter(action="engagement.stay_answered").exists()
    assert client.get(url).status_code == 404


@override_settings(ENGAGEMENT_INACTIVE_DAYS=730)
def test_saying_no_takes_them_off_the_register(client: Any) -> None:
    person = _inactive(800, email="goer@example.org")
    participant_stay_ask_due()
    token = _link_token(_message_to("goer@example.org"))
    assert client.post(reverse("engagement:stay", args=[token]), {}).status_code == 400
    client.post(reverse("engagement:stay", args=[token]), {"stay": "no"})
    person.refresh_from_db()
    assert person.status == ParticipantStatus.LEFT
    assert person.left_at == NOW


@override_settings(ENGAGEMENT_INACTIVE_DAYS=730, ENGAGEMENT_STAY_ANSWER_DAYS=60)
def test_no_answer_in_the_set_time_takes_them_off_but_activity_since_does_not() -> None:
    silent = _inactive(800)
    active_since = _inactive(800)
    participant_stay_ask_due()
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        Participant.objects.filter(pk=active_since.pk).update(
            last_active_at=NOW + timedelta(days=10)
        )
    with time_machine.travel(NOW + timedelta(days=59), tick=False):
        assert participant_stay_lapse_due() == 0
    with time_machine.travel(NOW + timedelta(days=61), tick=False):
        assert participant_stay_lapse_due() == 1
    silent.refresh_from_db()
    active_since.refresh_from_db()
    assert silent.status == ParticipantStatus.LEFT
    assert active_since.status == ParticipantStatus.ACTIVE


def test_an_unknown_link_is_a_plain_not_found(client: Any) -> None:
    response = client.get(reverse("engagement:stay", args=["not-a-real-token"]))
    assert response.status_code == 404


def test_the_question_is_asked_by_a_scheduled_job() -> None:
    from lib.scheduler import job_task

    assert job_task("daily_engagement_stay_questions").name == "ask_inactive_whether_to_stay"
