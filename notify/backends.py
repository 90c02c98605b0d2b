"""Where messages go. settings.NOTIFY_BACKEND picks one:

- "outbox": nothing leaves the machine; the Message row is the outbox (development, tests).
- "notify": GOV.UK Notify's official client, through two generic templates
  (see docs/messages.md).
"""

import logging
from typing import Protocol

from django.conf import settings
from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient

from notify.models import Channel, Message

logger = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """The backend could not hand the message over. The message holds no personal data.
    `retryable`: the provider was down, busy or out of reach (HTTP 5xx, 429, a timeout or a
    refused connection), so the same message may go through later; any other refusal (HTTP
    4xx: a bad address, a bad key) will not. `uncertain`: no answer came back at all (a
    timeout, a broken connection), so the provider may have the message all the same."""

    def __init__(self, message: str, *, retryable: bool = False, uncertain: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.uncertain = uncertain


class MessageBackend(Protocol):
    name: str

    def send(self, message: Message) -> str:
        """Hand `message` over; return the provider's id for it ("" if none)."""
        ...

    def find(self, message: Message) -> str | None:
        """The provider's id for `message` if it already has it (an earlier attempt got
        through without its answer being recorded), else None."""
        ...


class OutboxBackend:
    name = "outbox"

    def send(self, message: Message) -> str:
        return ""

    def find(self, message: Message) -> str | None:
        # The row is the outbox: recording it again sends nothing.
        return None


class NotifyBackend:
    name = "notify"

    def __init__(self) -> None:
        self.client = NotificationsAPIClient(
            settings.NOTIFY_API_KEY,
            base_url=settings.NOTIFY_BASE_URL,
            timeout=settings.NOTIFY_TIMEOUT_SECONDS,
        )

    def send(self, message: Message) -> str:
        try:
            if message.channel == Channel.EMAIL:
                response = self.client.send_email_notification(
                    email_address=message.recipient,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=str(message.pk),
                )
            else:
                response = self.client.send_sms_notification(
                    phone_number=message.recipient,
                    template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                    personalisation={"body": message.body},
                    reference=str(message.pk),
                )
        except HTTPError as error:
            raise _failure(error, message, "refused") from None
        return str(response.get("id", ""))

    def find(self, message: Message) -> str | None:
        """Ask Notify for a notification with the message's reference (its id): the
        idempotency key that stops a message being sent twice after a lost answer."""
        reference = str(message.pk)
        try:
            response = self.client.get_all_notifications(
                reference=reference,
                template_type="email" if message.channel == Channel.EMAIL else "sms",
            )
        except HTTPError as error:
            raise _failure(error, message, "could not look up") from None
        for notification in response.get("notifications", []):
            if str(notification.get("reference", "")) == reference and notification.get("id"):
                return str(notification["id"])
        return None


def _failure(error: HTTPError, message: Message, what: str) -> DeliveryFailed:
    # Notify's error text can echo what we sent, so log only the status and error kinds.
    kinds = _error_kinds(error)
    logger.warning(
        "GOV.UK Notify %s message %s (%s, template %s): HTTP %s %s",
        what,
        message.pk,
        message.channel,
        message.template,
        error.status_code,
        kinds,
    )
    # The client reports a timeout or a refused connection as HTTP 503 with no response.
    return DeliveryFailed(
        f"GOV.UK Notify answered HTTP {error.status_code} {kinds}",
        retryable=error.status_code >= 500 or error.status_code == 429,
        uncertain=error.response is None,
    )


def _error_kinds(error: HTTPError) -> str:
    """The machine-readable error names from Notify's answer (never its messages)."""
    try:
        errors = error.response.json().get("errors", [])  # type: ignore[union-attr]
        return ",".join(sorted({str(e.get("error", "")) for e in errors if isinstance(e, dict)}))
    except (AttributeError, TypeError, ValueError):
        return ""


def get_backend() -> MessageBackend:
    if settings.NOTIFY_BACKEND == "notify":
        return NotifyBackend()
    return OutboxBackend()
