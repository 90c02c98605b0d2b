"""A hand-over to GOV.UK Notify that ended without its outcome being recorded (the worker
killed while Notify answered): the next attempt asks Notify for the message's reference
first and sends only if Notify does not have it. Notify is the HTTP stand-in of
tests/notify/fake_notify.py. The same with real worker processes killed mid-send:
tests/project/test_worker_kill.py."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from notify import services
from notify.models import Message, MessageStatus
from tests.notify.fake_notify import FakeNotify

pytestmark = pytest.mark.django_db


def unsettled_message(*, minutes_ago: float = 20, to_phone: str | None = None) -> Message:
    """A queued message whose one attempt started `minutes_ago` and never recorded how it
    went, as a worker killed during the hand-over leaves it (no delivery task here)."""
    recipient = {"to_phone": to_phone} if to_phone else {"to_email": "member@example.org"}
    message = services.message_send(
        template="sign_in_code", personalisation={"code": "7"}, **recipient
    )
    started = timezone.now() - timedelta(minutes=minutes_ago)
    Message.objects.filter(pk=message.pk).update(
        created_at=started, sending_started_at=started, attempts=1, backend="notify"
    )
    return message


def test_a_message_notify_already_has_is_not_sent_again(notify: FakeNotify) -> None:
    message = unsettled_message()
    notify.notifications.append(
        {
            "id": "4f0c5ad3-0d8f-4a4e-9c51-25d1f0a3b9e1",
            "reference": str(message.pk),
            "type": "email",
        }
    )
    # Another message's notification does not count.
    notify.notifications.append({"id": "other", "reference": str(message.pk + 1), "type": "email"})

    assert services.message_deliver(message_id=message.pk) == "sent"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.notify_id == "4f0c5ad3-0d8f-4a4e-9c51-25d1f0a3b9e1"
    assert message.sending_started_at is None
    assert notify.lookups == [str(message.pk)]
    assert notify.requests == []
    # Running it again (a second rerun, the sweeper) asks and sends nothing more.
    assert services.message_deliver(message_id=message.pk) == "sent"
    assert services.message_retry_due() == {}
    assert notify.lookups == [str(message.pk)]
    assert notify.requests == []


@pytest.mark.parametrize("to_phone", [None, "07700900123"])
def test_a_message_notify_never_got_is_sent_once(notify: FakeNotify, to_phone: str | None) -> None:
    message = unsettled_message(to_phone=to_phone)

    assert services.message_retry_due() == {"sent": 1}
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 2
    assert message.sending_started_at is None
    assert notify.lookups == [str(message.pk)]
    assert notify.posts_for(str(message.pk)) == 1
    assert message.notify_id == notify.notifications[0]["id"]
    assert services.message_retry_due() == {}
    assert notify.posts_for(str(message.pk)) == 1


def test_an_attempt_that_may_still_get_its_answer_is_left_until_it_cannot(
    notify: FakeNotify,
) -> None:
    # Started a moment ago: its worker may have lost only the database, and its answer
    # from Notify may still come. The next attempt waits for that to be impossible.
    message = unsettled_message(minutes_ago=0)
    mark = Message.objects.get(pk=message.pk).sending_started_at
    assert mark is not None

    assert services.message_deliver(message_id=message.pk) == "waiting"
    message.refresh_from_db()
    assert message.retry_at == mark + services.in_flight_grace()
    assert message.sending_started_at == mark
    assert notify.lookups == [] and notify.requests == []

    notify.notifications.append({"id": "n-1", "reference": str(message.pk), "type": "email"})
    with time_machine.travel(message.retry_at + timedelta(seconds=1), tick=False):
        assert services.message_retry_due() == {"sent": 1}
    message.refresh_from_db()
    assert message.notify_id == "n-1"
    assert notify.requests == []


def test_when_notify_cannot_say_whether_it_has_the_message_it_asks_again_later(
    notify: FakeNotify,
) -> None:
    message = unsettled_message()
    notify.lookup_script = [503]

    assert services.message_deliver(message_id=message.pk) == "waiting"
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.sending_started_at is not None  # still not known: ask again next time
    assert message.retry_at is not None
    assert notify.requests == []

    with time_machine.travel(message.retry_at + timedelta(seconds=1), tick=False):
        assert services.message_retry_due() == {"sent": 1}
    assert notify.lookups == [str(message.pk)] * 2
    assert notify.posts_for(str(message.pk)) == 1


def test_a_refused_send_after_an_empty_answer_clears_the_claim(notify: FakeNotify) -> None:
    message = unsettled_message()
    notify.script = [500]

    assert services.message_deliver(message_id=message.pk) == "waiting"
    message.refresh_from_db()
    # Notify said it had no such message, then refused it: nothing is in doubt any more.
    assert message.sending_started_at is None
    assert message.retry_at is not None
    with time_machine.travel(message.retry_at + timedelta(seconds=1), tick=False):
        assert services.message_retry_due() == {"sent": 1}
    # Asked once (after the lost attempt), not again before the plain retry.
    assert notify.lookups == [str(message.pk)]
    assert notify.posts_for(str(message.pk)) == 2
