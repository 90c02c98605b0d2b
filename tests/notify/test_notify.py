"""Email and SMS: the message catalogue, message_send, delivery through each backend, retention.

The outbox backend is real (nothing leaves the machine). For GOV.UK Notify only the HTTP
boundary is mocked: the NotificationsAPIClient send methods.
"""

import logging
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
import requests
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks.signals import task_enqueued
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from notify import services
from notify.messages import (
    CATALOGUE,
    LANGUAGES,
    PersonalisationError,
    language_pick,
    message_render,
    sms_length,
)
from notify.models import Message, MessageStatus
from notify.selectors import message_list_to

pytestmark = pytest.mark.django_db

FAKE_NOTIFY = {
    "NOTIFY_BACKEND": "notify",
    "NOTIFY_API_KEY": "test_key-" + "1" * 36 + "-" + "2" * 36,
    "NOTIFY_EMAIL_TEMPLATE_ID": "email-template-id",
    "NOTIFY_SMS_TEMPLATE_ID": "sms-template-id",
}


def send(on_commit: Any, **kwargs: Any) -> Message:
    """message_send, then run what it queued on commit (the task runs immediately in tests)."""
    with on_commit(execute=True):
        message = services.message_send(**kwargs)
    message.refresh_from_db()
    return message


def http_error(status: int, errors: list[dict[str, str]]) -> HTTPError:
    response = requests.Response()
    response.status_code = status
    response._content = b'{"status_code": %d, "errors": %s}' % (
        status,
        str(errors).replace("'", '"').encode(),
    )
    return HTTPError(response)


# The catalogue


def test_every_message_has_english_and_welsh_texts() -> None:
    for key, entry in CATALOGUE.items():
        assert set(entry.texts) == set(LANGUAGES), key
        for language in LANGUAGES:
            text = entry.texts[language]
            assert text.subject and text.body and text.sms, (key, language)


def test_welsh_texts_are_written_in_welsh_not_copied_from_english() -> None:
    for key, entry in CATALOGUE.items():
        if key == "generic":
            continue
        en, cy = entry.texts["en"], entry.texts["cy"]
        assert (en.subject, en.body, en.sms) != (cy.subject, cy.body, cy.sms), key
        assert en.body != cy.body and en.sms != cy.sms, key


def test_every_language_uses_the_same_personalisation() -> None:
    for key, entry in CATALOGUE.items():
        assert set(entry.sample) == entry.keys, key
        for language in LANGUAGES:
            rendered = message_render(template=key, personalisation=entry.sample, language=language)
            assert "{" not in rendered.body and "{" not in rendered.subject, (key, language)
            for value in entry.sample.values():
                assert value in rendered.body + rendered.subject, (key, language, value)


def test_the_messages_this_issue_needs_are_in_the_catalogue() -> None:
    assert {
        "sign_in_code": {"code"},
        "password_reset": {"link"},
        "staff_invitation": {"name", "link"},
        "generic": {"subject", "body"},
    }.items() <= {key: set(entry.keys) for key, entry in CATALOGUE.items()}.items()


def test_text_messages_fit_one_fragment_where_they_are_meant_to() -> None:
    too_long = []
    report = []
    for key, entry in CATALOGUE.items():
        for language in LANGUAGES:
            text = message_render(
                template=key, personalisation=entry.sample, language=language, sms=True
            ).body
            length = sms_length(text)
            report.append(
                f"{key}/{language}: {length.units} {length.encoding}, {length.fragments} fragment(s)"
            )
            if length.fragments > 1 and entry.one_fragment:
                too_long.append(report[-1])
    print("\n".join(report))  # `pytest -s` shows every text's length
    assert not too_long, f"These SMS texts are marked one_fragment but take more: {too_long}"


@pytest.mark.parametrize(
    ("text", "encoding", "units", "fragments"),
    [
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("€" * 80, "GSM-7", 160, 1),  # extension characters count twice
        ("[" * 81, "GSM-7", 162, 2),
        ("ŵ" + "a" * 69, "UCS-2", 70, 1),  # Welsh ŵ is not GSM-7
        ("ŷ" + "a" * 70, "UCS-2", 71, 2),
        ("Peidiwch â" + "a" * 60, "UCS-2", 70, 1),
        ("é" * 160, "GSM-7", 160, 1),
    ],
)
def test_sms_length_counts_gsm7_and_ucs2_fragments(
    text: str, encoding: str, units: int, fragments: int
) -> None:
    length = sms_length(text)
    assert (length.encoding, length.units, length.fragments) == (encoding, units, fragments)


def test_welsh_is_picked_by_language_and_unknown_languages_fall_back_to_english() -> None:
    assert language_pick("cy") == "cy"
    assert language_pick("cy-GB") == "cy"
    assert language_pick("fr") == "en"
    assert language_pick("") == "en"
    welsh = message_render(template="sign_in_code", personalisation={"code": "1"}, language="cy")
    french = message_render(template="sign_in_code", personalisation={"code": "1"}, language="fr")
    assert welsh.language == "cy" and "cod mewngofnodi" in welsh.body
    assert french.language == "en" and french.subject == "Your Victim Voice sign-in code"


def test_missing_personalisation_is_a_clear_error() -> None:
    with pytest.raises(PersonalisationError, match="needs personalisation for: link, name"):
        message_render(template="staff_invitation", personalisation={})


def test_unexpected_personalisation_and_unknown_templates_are_errors() -> None:
    with pytest.raises(PersonalisationError, match="does not use: cdoe"):
        message_render(template="sign_in_code", personalisation={"code": "1", "cdoe": "1"})
    with pytest.raises(PersonalisationError, match="no message template called 'nope'"):
        message_render(template="nope", personalisation={})


# message_send and the outbox


def test_sending_an_email_stores_it_and_the_outbox_marks_it_sent(
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
    assert (message.template, message.language) == ("sign_in_code", "en")
    assert message.status == MessageStatus.SENT
    assert message.backend == "outbox"
    assert message.sent_at is not None
    assert message.notify_id == ""


def test_sending_a_welsh_sms_stores_the_sms_text_without_a_subject(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = send(
        django_capture_on_commit_callbacks,
        template="sign_in_code",
        to_phone="07700 900123",
        personalisation={"code": "K7Q2XM"},
        language="cy",
    )
    assert message.channel == "sms"
    assert message.recipient == "07700900123"
    assert message.subject == ""
    assert message.body == (
        "Eich cod mewngofnodi ar gyfer Victim Voice yw K7Q2XM. Cadwch y cod yn gyfrinachol."
    )
    assert message.language == "cy"
    assert message.status == MessageStatus.SENT


def test_recipient_and_text_are_encrypted_in_the_database(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = send(
        django_capture_on_commit_callbacks,
        template="sign_in_code",
        to_email="member@example.org",
        personalisation={"code": "K7Q2XM"},
    )
    with transaction.atomic():
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT recipient, subject, body FROM notify_message WHERE id = %s", [message.pk]
            )
            row = cursor.fetchone()
    stored = " ".join(row)
    assert "member@example.org" not in stored
    assert "K7Q2XM" not in stored
    assert "sign-in" not in stored


def test_exactly_one_recipient_is_required() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        services.message_send(template="generic", personalisation={"subject": "s", "body": "b"})
    with pytest.raises(ValueError, match="exactly one"):
        services.message_send(
            template="generic",
            to_email="a@example.org",
            to_phone="07700900123",
            personalisation={"subject": "s", "body": "b"},
        )
    with pytest.raises(ValueError, match="not an email address"):
        services.message_send(
            template="generic", to_email="nope", personalisation={"subject": "s", "body": "b"}
        )
    assert not Message.objects.exists()


def test_missing_personalisation_stores_nothing() -> None:
    with pytest.raises(PersonalisationError):
        services.message_send(
            template="password_reset", to_email="a@example.org", personalisation={}
        )
    assert not Message.objects.exists()


def test_delivery_is_queued_only_when_the_transaction_commits(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = services.message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        )
        message.refresh_from_db()
        assert message.status == MessageStatus.QUEUED
    assert len(callbacks) == 1


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks: Any) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        )
        raise RuntimeError("the caller's change failed")
    assert callbacks == []
    assert not Message.objects.exists()


def test_the_delivery_task_takes_only_the_message_id(
    django_capture_on_commit_callbacks: Any,
) -> None:
    enqueued = []

    def record(sender: Any, task_result: Any, **kwargs: Any) -> None:
        enqueued.append(task_result)

    task_enqueued.connect(record)
    try:
        message = send(
            django_capture_on_commit_callbacks,
            template="sign_in_code",
            to_email="a@example.org",
            personalisation={"code": "K7Q2XM"},
        )
    finally:
        task_enqueued.disconnect(record)
    assert [(r.task.name, r.args, r.kwargs) for r in enqueued] == [
        ("deliver_message", [message.pk], {})
    ]


def test_delivering_twice_or_after_a_purge_does_nothing_more(
    django_capture_on_commit_callbacks: Any,
) -> None:
    message = send(
        django_capture_on_commit_callbacks,
        template="sign_in_code",
        to_email="a@example.org",
        personalisation={"code": "1"},
    )
    sent_at = message.sent_at
    assert services.message_deliver(message_id=message.pk) == "sent"
    message.refresh_from_db()
    assert message.sent_at == sent_at
    Message.objects.filter(pk=message.pk).delete()
    assert services.message_deliver(message_id=message.pk) == "missing"


# GOV.UK Notify (only the HTTP boundary is mocked)


@override_settings(**FAKE_NOTIFY)
def test_notify_backend_sends_email_through_the_generic_template(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with mock.patch.object(
        NotificationsAPIClient, "send_email_notification", return_value={"id": "notify-123"}
    ) as send_email:
        message = send(
            django_capture_on_commit_callbacks,
            template="password_reset",
            to_email="member@example.org",
            personalisation={"link": "https://example.org/reset/abc/"},
        )
    send_email.assert_called_once_with(
        email_address="member@example.org",
        template_id="email-template-id",
        personalisation={"subject": message.subject, "body": message.body},
        reference=str(message.pk),
    )
    assert "https://example.org/reset/abc/" in message.body
    assert message.status == MessageStatus.SENT
    assert message.notify_id == "notify-123"
    assert message.backend == "notify"


@override_settings(**FAKE_NOTIFY)
def test_notify_backend_sends_sms_with_the_body_only(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with mock.patch.object(
        NotificationsAPIClient, "send_sms_notification", return_value={"id": "notify-456"}
    ) as send_sms:
        message = send(
            django_capture_on_commit_callbacks,
            template="sign_in_code",
            to_phone="+447700900123",
            personalisation={"code": "K7Q2XM"},
        )
    send_sms.assert_called_once_with(
        phone_number="+447700900123",
        template_id="sms-template-id",
        personalisation={
            "body": "Your Victim Voice sign-in code is K7Q2XM. Do not share it with anyone."
        },
        reference=str(message.pk),
    )
    assert message.notify_id == "notify-456"
    assert message.status == MessageStatus.SENT


@override_settings(**FAKE_NOTIFY)
def test_a_notify_error_marks_the_message_failed_and_logs_no_personal_data(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    error = http_error(
        400,
        [
            {
                "error": "ValidationError",
                "message": "email_address member@example.org Not a valid email address",
            }
        ],
    )
    caplog.set_level(logging.DEBUG)
    with mock.patch.object(NotificationsAPIClient, "send_email_notification", side_effect=error):
        message = send(
            django_capture_on_commit_callbacks,
            template="sign_in_code",
            to_email="member@example.org",
            personalisation={"code": "K7Q2XM"},
        )
    assert message.status == MessageStatus.FAILED
    assert message.sent_at is None
    logged = caplog.text
    assert f"message {message.pk}" in logged
    assert "HTTP 400" in logged and "ValidationError" in logged
    assert "member@example.org" not in logged
    assert "K7Q2XM" not in logged


# Retention


def test_messages_older_than_seven_days_are_purged_and_newer_ones_kept() -> None:
    now = timezone.now()
    old, edge, new = (
        services.message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": str(i)}
        )
        for i in range(3)
    )
    Message.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=8))
    Message.objects.filter(pk=edge.pk).update(created_at=now - timedelta(days=7, seconds=1))
    Message.objects.filter(pk=new.pk).update(created_at=now - timedelta(days=6, hours=23))

    assert services.message_purge_expired(now=now) == 2
    assert list(Message.objects.values_list("pk", flat=True)) == [new.pk]
    assert services.message_purge_expired(now=now) == 0


def test_the_purge_works_through_more_rows_than_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "PURGE_BATCH_SIZE", 3)
    for _ in range(7):
        services.message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        )
    Message.objects.update(created_at=timezone.now() - timedelta(days=30))
    assert services.message_purge_expired() == 7
    assert not Message.objects.exists()


# Finding messages to one person


def test_messages_to_one_recipient_are_found_by_a_keyed_hash_not_by_their_address() -> None:
    first = services.message_send(
        template="sign_in_code", to_email="Member@Example.org", personalisation={"code": "1"}
    )
    second = services.message_send(
        template="password_reset",
        to_email="member@example.org",
        personalisation={"link": "https://example.org/r/"},
    )
    services.message_send(
        template="sign_in_code", to_email="someone.else@example.org", personalisation={"code": "2"}
    )
    texted = services.message_send(
        template="sign_in_code", to_phone="07700 900123", personalisation={"code": "3"}
    )
    Message.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=5))

    assert list(message_list_to(recipient=" member@example.org")) == [second, first]
    assert list(message_list_to(recipient="member@example.org", template="sign_in_code")) == [first]
    assert list(message_list_to(recipient="07700900123")) == [texted]
    assert "member@example.org" not in second.recipient_digest
    assert len(second.recipient_digest) == 64
