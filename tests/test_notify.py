"""Email and SMS: the message catalogue, message_send, delivery through each backend, retention."""

from typing import Any

import pytest

from notify import services
from notify.models import Message, MessageStatus

pytestmark = pytest.mark.django_db

FAKE_NOTIFY = {
    "NOTIFY_BACKEND": "notify",
    "NOTIFY_API_KEY": "test_key-" + "1" * 36 + "-" + "2" * 36,
    "NOTIFY_EMAIL_TEMPLATE_ID": "email-template-id",
    "NOTIFY_SMS_TEMPLATE_ID": "sms-template-id",
}


def send(captured: Any, **kwargs: Any) -> Message:
    with captured(execute=True):
        message = services.message_send(**kwargs)
    message.refresh_from_db()
    return message


def test_sending_an_email_renders_it_and_the_outbox_marks_it_sent(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = send(
        django_capture_on_commit_callbacks,
        template="sign_in_code",
        to_email="member@example.org",
        personalisation={"code": "K7Q2XM"},
    )
    assert message.channel == "email"
    assert message.recipient == "member@example.org"
    assert message.subject == "Your Victim Voice sign-in code"
    assert "K7Q2XM" in message.body
    assert message.status == MessageStatus.SENT
    assert message.backend == "outbox"
    assert message.sent_at is not None
