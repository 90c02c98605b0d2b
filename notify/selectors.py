"""Reads for messages: the outbox that programme admins read in development, and how many
messages could not be sent lately."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from notify.models import Channel, Message, MessageStatus, recipient_digest

# How far back the programme team's dashboard counts messages that could not be sent.
FAILED_ALERT_DAYS = 7


def messages_failed_recently() -> int:
    """How many messages were given up in the last FAILED_ALERT_DAYS days (numbers only:
    the programme team's dashboard shows the count, never who they were for)."""
    since = timezone.now() - timedelta(days=FAILED_ALERT_DAYS)
    return Message.objects.filter(status=MessageStatus.FAILED, failed_at__gte=since).count()


def outbox_pages_exist() -> bool:
    """The outbox pages exist only while messages go to the outbox, and never in production
    (not even on a staging site that keeps the outbox: docs/deployment.md)."""
    return settings.NOTIFY_BACKEND == "outbox" and not settings.PRODUCTION


def outbox_message_list(*, viewer: Any) -> QuerySet[Message]:
    """Newest first. The viewer has already been checked as a programme admin."""
    return Message.objects.only(
        "id", "channel", "recipient", "template", "language", "status", "backend", "created_at"
    ).order_by("-created_at", "-id")


def outbox_message_get(*, viewer: Any, message_id: int) -> Message:
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        raise Http404
    return message


def message_list_to(*, recipient: str, template: str | None = None) -> QuerySet[Message]:
    """Messages still kept that went to `recipient` (email or phone), newest first.
    For demo_code, tests and subject access requests; the recipient is never in SQL."""
    messages = Message.objects.filter(recipient_digest=recipient_digest(recipient))
    if template is not None:
        messages = messages.filter(template=template)
    return messages.order_by("-created_at", "-id")


def recipient_mask(channel: str, recipient: str) -> str:
    """Enough to tell messages apart, not enough to read an address:
    "m•••@example.org", "07•••••789"."""
    if channel == Channel.EMAIL:
        local, _, domain = recipient.rpartition("@")
        return f"{local[:1]}•••@{domain}" if local else "•••"
    if len(recipient) <= 5:
        return "•••"
    return f"{recipient[:2]}•••••{recipient[-3:]}"
