"""The outbox pages: programme admins read what the service would have sent (outbox backend only)."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notify.models import Message
from notify.selectors import recipient_mask
from notify.services import message_send
from privacy.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def queue(n: int = 1, **kwargs: Any) -> list[Message]:
    defaults: dict[str, Any] = {
        "template": "sign_in_code",
        "to_email": "member.one@example.org",
        "personalisation": {"code": "K7Q2XM"},
    }
    if "to_phone" in kwargs:
        del defaults["to_email"]
    return [message_send(**(defaults | kwargs)) for _ in range(n)]


def test_programme_admin_sees_messages_newest_first_with_masked_recipients(client_as: Any) -> None:
    older = queue(to_email="older.person@example.org")[0]
    Message.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(hours=2))
    newer = queue(
        template="password_reset",
        to_phone="07700 900123",
        personalisation={"link": "https://example.org/r/1/"},
        language="cy",
    )[0]

    response = client_as("programme_admin").get(reverse("notify:outbox"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f"/messages/outbox/{newer.pk}/") < html.index(f"/messages/outbox/{older.pk}/")
    assert "o•••@example.org" in html
    assert "older.person@example.org" not in html
    assert "07•••••123" in html
    assert "07700900123" not in html
    assert "Welsh" in html
    assert "K7Q2XM" not in html


def test_the_outbox_list_runs_the_same_queries_however_many_messages(client_as: Any) -> None:
    client = client_as("programme_admin")
    queue(3)
    client.get(reverse("notify:outbox"))  # settle the session's first-request writes

    def outbox_queries() -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("notify:outbox"))
        assert response.status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        return len(sql), [q for q in sql if "notify_message" in q]

    total_few, message_queries = outbox_queries()
    # One count for the pagination, one select for the page: pinned.
    assert len(message_queries) == 2, message_queries
    queue(20, to_phone="07700900456")
    total_many, message_queries = outbox_queries()
    assert len(message_queries) == 2, message_queries
    assert total_many == total_few


def test_reading_a_message_shows_its_full_text_and_is_audited(
    client_as: Any, personas: Any
) -> None:
    message = queue()[0]

    response = client_as("programme_admin").get(reverse("notify:outbox_message", args=[message.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "K7Q2XM" in html
    assert "member.one@example.org" in html
    assert "Your Victim Voice sign-in code" in html
    event = AuditEvent.objects.get(action=AuditAction.MESSAGE_READ)
    assert event.actor == personas["programme_admin"]
    assert event.object_type == "notify.message"
    assert event.object_id == str(message.pk)


def test_listing_the_outbox_reads_no_message_so_writes_no_audit_event(client_as: Any) -> None:
    queue()
    client_as("programme_admin").get(reverse("notify:outbox"))
    assert not AuditEvent.objects.filter(action=AuditAction.MESSAGE_READ).exists()


@pytest.mark.parametrize("persona", ["facilitator_forum_a", "dpo", "desk_agent", "member"])
def test_other_people_are_refused_the_outbox(client_as: Any, persona: str) -> None:
    message = queue()[0]
    client = client_as(persona)
    assert client.get(reverse("notify:outbox")).status_code == 403
    assert client.get(reverse("notify:outbox_message", args=[message.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.MESSAGE_READ).exists()


def test_a_message_that_does_not_exist_is_not_found(client_as: Any) -> None:
    response = client_as("programme_admin").get(reverse("notify:outbox_message", args=[999999]))
    assert response.status_code == 404


def test_the_outbox_does_not_exist_when_messages_go_to_notify(client_as: Any) -> None:
    message = queue()[0]
    client = client_as("programme_admin")
    with override_settings(NOTIFY_BACKEND="notify"):
        assert client.get(reverse("notify:outbox")).status_code == 404
        assert client.get(reverse("notify:outbox_message", args=[message.pk])).status_code == 404


def test_an_empty_outbox_says_so(client_as: Any) -> None:
    Message.objects.all().delete()
    response = client_as("programme_admin").get(reverse("notify:outbox"))
    assert "There are no messages in the outbox." in response.content.decode()


def test_the_outbox_pages_through_many_messages(client_as: Any) -> None:
    Message.objects.all().delete()  # the cast's own messages, whatever the demo sends
    queue(55)
    client = client_as("programme_admin")
    first = client.get(reverse("notify:outbox")).content.decode()
    second = client.get(reverse("notify:outbox") + "?page=2").content.decode()
    assert first.count('href="/messages/outbox/') == 50
    assert second.count('href="/messages/outbox/') == 5


@pytest.mark.parametrize(
    ("channel", "recipient", "masked"),
    [
        ("email", "m@example.org", "m•••@example.org"),
        ("email", "mary.jones@example.org", "m•••@example.org"),
        ("sms", "+447700900123", "+4•••••123"),
        ("sms", "123", "•••"),
    ],
)
def test_recipients_are_masked(channel: str, recipient: str, masked: str) -> None:
    assert recipient_mask(channel, recipient) == masked


def test_every_message_in_the_catalogue_has_a_title_for_the_outbox() -> None:
    from notify.messages import CATALOGUE, TITLES

    assert sorted(set(CATALOGUE) - set(TITLES)) == []
    assert sorted(set(TITLES) - set(CATALOGUE)) == []


def test_the_outbox_names_each_message_and_never_says_it_was_sent(client_as: Any) -> None:
    from notify.messages import CATALOGUE, TITLES

    for key, entry in CATALOGUE.items():
        message = message_send(template=key, to_email="m@example.org", personalisation=entry.sample)
        Message.objects.filter(pk=message.pk).update(status="sent", backend="outbox")
    client = client_as("programme_admin")

    html = client.get(reverse("notify:outbox")).content.decode()
    rows = html.split("<tbody", 1)[1]

    for key in CATALOGUE:
        assert f">{key}<" not in rows, key
        assert str(TITLES[key]) in rows, key
    assert "Recorded, not sent" in rows
    assert ">Sent<" not in rows
    invitation = Message.objects.filter(template="meeting_invitation").first()
    assert invitation is not None
    detail = client.get(reverse("notify:outbox_message", args=[invitation.pk])).content.decode()
    assert "Meeting invitation" in detail
    assert "meeting_invitation" not in detail
    assert "Recorded, not sent" in detail


def test_the_outbox_does_not_exist_in_production_even_if_it_keeps_messages(
    client_as: Any, settings: Any
) -> None:
    message = queue()[0]
    client = client_as("programme_admin")
    settings.PRODUCTION = True
    settings.NOTIFY_BACKEND = "outbox"  # a staging site with NOTIFY_ALLOW_OUTBOX_IN_PRODUCTION
    assert client.get(reverse("notify:outbox")).status_code == 404
    assert client.get(reverse("notify:outbox_message", args=[message.pk])).status_code == 404
    dashboard = client.get("/dashboard/", follow=True).content.decode()
    assert reverse("notify:outbox") not in dashboard
    assert not AuditEvent.objects.filter(action=AuditAction.MESSAGE_READ).exists()
