"""Delivery when GOV.UK Notify is down, busy or slow: tried again with growing waits, then
given up and counted on the programme team's dashboard; a refusal that a retry cannot
mend is not retried. Notify is a real HTTP server started by the test, answering as
told, and the official client talks to it (NOTIFY_BASE_URL)."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notify import services
from notify.models import Message, MessageStatus
from notify.selectors import messages_failed_recently
from tests.conftest import sign_in
from tests.notify.fake_notify import FakeNotify

pytestmark = pytest.mark.django_db


def queue_email(on_commit: Any) -> Message:
    with on_commit(execute=True):
        message = services.message_send(
            template="sign_in_code", to_email="member@example.org", personalisation={"code": "7"}
        )
    message.refresh_from_db()
    return message


def sweep_when_due(message: Message) -> dict[str, int]:
    """Move the clock to just after the message's next try and run the sweeper."""
    message.refresh_from_db()
    assert message.retry_at is not None
    with time_machine.travel(message.retry_at + timedelta(seconds=1), tick=False):
        return services.message_retry_due()


@pytest.mark.parametrize("answer", [500, 503, 429, "slow"])
def test_a_message_is_tried_again_when_notify_is_down_busy_or_slow(
    notify: FakeNotify, django_capture_on_commit_callbacks: Any, answer: int | str
) -> None:
    notify.script = [answer]
    message = queue_email(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert message.retry_at is not None
    assert timedelta(seconds=50) < message.retry_at - timezone.now() <= timedelta(minutes=1)

    # Not before its time, even if a delivery task runs again.
    assert services.message_deliver(message_id=message.pk) == "waiting"
    assert services.message_retry_due() == {}

    assert sweep_when_due(message) == {"sent": 1}
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 2
    assert message.notify_id == notify.notifications[-1]["id"]
    assert message.sending_started_at is None
    if answer == "slow":
        # No answer came back, but Notify had the message: the retry asked for its
        # reference and did not send it again.
        assert notify.lookups == [str(message.pk)]
        assert len(notify.requests) == 1
    else:
        assert notify.lookups == []
        assert len(notify.requests) == 2


def test_the_waits_grow_and_the_message_is_given_up_after_five_tries(
    notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    notify.script = [503] * 5
    message = queue_email(django_capture_on_commit_callbacks)
    tried_at, waits = timezone.now(), []
    for _ in range(4):
        message.refresh_from_db()
        assert message.retry_at is not None
        waits.append(message.retry_at - tried_at)
        tried_at = message.retry_at + timedelta(seconds=1)
        sweep_when_due(message)
    message.refresh_from_db()
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 20, 60]
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 5
    assert message.failed_at is not None
    assert len(notify.requests) == 5
    assert messages_failed_recently() == 1


def test_a_refusal_a_retry_cannot_mend_fails_at_once(
    notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    notify.script = [400]
    message = queue_email(django_capture_on_commit_callbacks)
    assert message.status == MessageStatus.FAILED
    assert message.attempts == 1
    assert message.retry_at is None
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert services.message_retry_due() == {}
    assert len(notify.requests) == 1


def test_a_message_whose_delivery_task_never_ran_is_sent_by_the_sweeper_once(
    notify: FakeNotify,
) -> None:
    # Queued, but its task lost (a worker killed before it ran): no on-commit delivery here.
    message = services.message_send(
        template="sign_in_code", to_email="member@example.org", personalisation={"code": "7"}
    )
    assert services.message_retry_due() == {}  # too recent: its task may still run
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert services.message_retry_due() == {"sent": 1}
        # Running the sweeper or the task again sends nothing more.
        assert services.message_retry_due() == {}
    assert services.message_deliver(message_id=message.pk) == "sent"
    assert len(notify.requests) == 1


def test_the_programme_teams_dashboard_says_how_many_messages_could_not_be_sent(
    client: Any, personas: dict[str, Any]
) -> None:
    for recipient, days_ago in (("member@example.org", 1), ("other@example.org", 8)):
        Message.objects.create(
            channel="email",
            recipient=recipient,
            body="x",
            template="sign_in_code",
            language="en",
            status=MessageStatus.FAILED,
            attempts=5,
            failed_at=timezone.now() - timedelta(days=days_ago),
        )
    sign_in(client, personas["programme_admin"])
    page = client.get(reverse("accounts:dashboard_programme_admin")).content.decode()
    assert "1 message could not be sent in the last 7 days." in page
    assert "member@example.org" not in page
