"""Writes for messages: send (queue), deliver, purge. See docs/messages.md."""

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notify.backends import DeliveryFailed, get_backend
from notify.messages import message_render
from notify.models import Channel, Message, MessageStatus, recipient_digest
from privacy.audit import audit_record
from privacy.models import AuditAction

logger = logging.getLogger(__name__)

PURGE_BATCH_SIZE = 500
# When Notify is down or busy, a message is tried again after these waits, then given up:
# five tries over about an hour and a half.
RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=20),
    timedelta(hours=1),
)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
# A queued message whose delivery task has not run after this long (a worker killed before
# it ran, a queue lost) is delivered by the sweeper (message_retry_due).
LOST_AFTER = timedelta(minutes=15)


def message_send(
    *,
    template: str,
    to_email: str | None = None,
    to_phone: str | None = None,
    personalisation: dict[str, Any],
    language: str = "en",
) -> Message:
    """Render `template` from notify.messages in `language`, store it and queue its delivery.

    Give exactly one of `to_email` or `to_phone`. Delivery runs in a background task after
    the surrounding transaction commits, so a rolled-back change sends nothing. Raises
    PersonalisationError when `personalisation` does not match the template and ValueError
    for a missing or malformed recipient.
    """
    message = _message_for(
        template=template,
        to_email=to_email,
        to_phone=to_phone,
        personalisation=personalisation,
        language=language,
    )
    with transaction.atomic():
        message.save()
        transaction.on_commit(lambda: _enqueue_delivery(message.pk))
    return message


# Deliveries queued together by message_send_many: one background task per this many.
DELIVERY_BATCH_SIZE = 100


def _message_for(
    *,
    template: str,
    to_email: str | None = None,
    to_phone: str | None = None,
    personalisation: dict[str, Any],
    language: str = "en",
) -> Message:
    """A message checked and rendered as message_send does, not yet stored."""
    if (to_email is None) == (to_phone is None):
        raise ValueError("Give exactly one of to_email or to_phone.")
    if to_email is not None:
        channel, recipient = Channel.EMAIL, to_email.strip()
        try:
            validate_email(recipient)
        except ValidationError:
            raise ValueError("to_email is not an email address.") from None
    else:
        channel, recipient = Channel.SMS, "".join((to_phone or "").split())
        if not recipient.lstrip("+").isdigit():
            raise ValueError("to_phone is not a phone number.")
    rendered = message_render(
        template=template,
        personalisation={key: str(value) for key, value in personalisation.items()},
        language=language,
        sms=channel == Channel.SMS,
    )
    return Message(
        channel=channel,
        recipient=recipient,
        recipient_digest=recipient_digest(recipient),
        subject=rendered.subject,
        body=rendered.body,
        template=rendered.template,
        language=rendered.language,
    )


def message_send_many(items: Sequence[dict[str, Any]]) -> list[Message]:
    """Many messages at once (the engagement register's invitations): each item holds
    message_send's keyword arguments, checked and rendered the same way. They are stored
    together and delivered after the surrounding transaction commits, by one background
    task per DELIVERY_BATCH_SIZE messages (each message delivered as message_deliver does,
    on its own). Returns the messages in the order of `items`."""
    unsaved = [_message_for(**item) for item in items]
    with transaction.atomic():
        messages = Message.objects.bulk_create(unsaved)
        ids = [message.pk for message in messages]
        for start in range(0, len(ids), DELIVERY_BATCH_SIZE):
            transaction.on_commit(partial(_enqueue_batch, ids[start : start + DELIVERY_BATCH_SIZE]))
    return messages


def _enqueue_batch(message_ids: list[int]) -> None:
    from notify.tasks import deliver_messages

    deliver_messages.enqueue(message_ids)


def message_deliver_many(*, message_ids: Sequence[int]) -> dict[str, int]:
    """Deliver each message as message_deliver does (each on its own, safe to re-run);
    how many ended in each status."""
    outcomes: dict[str, int] = {}
    for message_id in message_ids:
        status = message_deliver(message_id=message_id)
        outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes


def _enqueue_delivery(message_id: int) -> None:
    from notify.tasks import deliver_message

    deliver_message.enqueue(message_id)


def in_flight_grace() -> timedelta:
    """How long a hand-over can still be waiting for Notify's answer: the client's timeout
    twice (to connect, then to read) and a few seconds more."""
    return timedelta(seconds=2 * settings.NOTIFY_TIMEOUT_SECONDS + 5)


def _locked(message_id: int) -> Message | None:
    return Message.objects.select_for_update().filter(pk=message_id).first()


def message_deliver(*, message_id: int) -> str:
    """Hand a queued message to the backend and record the outcome. Safe to re-run, and
    never sends a message twice: a message already sent or failed, waiting for its next
    try, or already purged, is left alone; the row is locked while it is handed over, so
    two workers never both send it.

    That the hand-over started is committed before Notify is called (sending_started_at).
    An attempt that ended without recording its outcome (its worker killed while Notify
    answered, or no answer at all) leaves it set; the next attempt then asks Notify for a
    notification with the message's reference (its id) and sends only if there is none.

    When Notify is down or busy the message stays queued and is tried again after the waits
    in RETRY_AFTER (by message_retry_due), then failed; a refusal that trying again cannot
    mend (a bad address) fails it at once. Returns the status, or "waiting"."""
    backend = get_backend()
    # 1. Claim the hand-over, and commit the claim before Notify hears of the message.
    with transaction.atomic():
        message = _locked(message_id)
        if message is None:
            logger.info("Message %s no longer exists; nothing to deliver.", message_id)
            return "missing"
        if message.status != MessageStatus.QUEUED:
            return str(message.status)
        now = timezone.now()
        if message.retry_at is not None and message.retry_at > now:
            return "waiting"
        unsettled = message.sending_started_at
        if unsettled is not None and unsettled > now - in_flight_grace():
            # An attempt that lost the database (not Notify) may still get its answer:
            # look again once it cannot.
            message.retry_at = unsettled + in_flight_grace()
            message.save(update_fields=["retry_at"])
            return "waiting"
        message.backend = backend.name
        message.attempts += 1
        message.retry_at = None
        message.sending_started_at = now
        message.save(update_fields=["backend", "attempts", "retry_at", "sending_started_at"])

    # 2. Hand it over, holding the row so that no other attempt starts meanwhile. A worker
    # killed here leaves the claim in place for the next attempt to settle.
    with transaction.atomic():
        message = _locked(message_id)
        if message is None:
            return "missing"
        if message.status != MessageStatus.QUEUED or message.sending_started_at != now:
            # Another attempt took over between the two steps and settled it.
            return str(message.status) if message.status != MessageStatus.QUEUED else "waiting"
        # Another attempt may have put off its own try meanwhile, seeing this one under way.
        message.retry_at = None
        looked_up = unsettled is None
        try:
            notify_id = None
            if not looked_up:
                notify_id = backend.find(message)
                looked_up = True
                if notify_id is not None:
                    logger.info(
                        "Message %s had reached Notify already: not sent again.", message.pk
                    )
            if notify_id is None:
                notify_id = backend.send(message)
        except DeliveryFailed as failure:
            if looked_up and not failure.uncertain:
                # Notify answered: it does not have the message.
                message.sending_started_at = None
            if failure.retryable and message.attempts < MAX_ATTEMPTS:
                message.retry_at = now + RETRY_AFTER[message.attempts - 1]
            else:
                message.status = MessageStatus.FAILED
                message.failed_at = now
                logger.error(
                    "Message %s could not be delivered after %s attempt(s); given up.",
                    message.pk,
                    message.attempts,
                )
        else:
            message.notify_id = notify_id
            message.status = MessageStatus.SENT
            message.sent_at = now
            message.sending_started_at = None
        message.save(
            update_fields=[
                "notify_id",
                "status",
                "sent_at",
                "retry_at",
                "failed_at",
                "sending_started_at",
            ]
        )
    return "waiting" if message.retry_at is not None else str(message.status)


def message_retry_due(now: datetime | None = None) -> dict[str, int]:
    """Deliver the queued messages that are due: those waiting to be tried again whose
    time has come, and those whose delivery task never ran (queued over LOST_AFTER ago with
    no try yet). Safe to re-run and to run beside the delivery tasks (message_deliver locks
    each row). How many ended in each status."""
    now = now or timezone.now()
    due = Message.objects.filter(status=MessageStatus.QUEUED).filter(
        Q(retry_at__lte=now) | Q(retry_at__isnull=True, created_at__lte=now - LOST_AFTER)
    )
    return message_deliver_many(message_ids=list(due.values_list("pk", flat=True)))


def message_purge_expired(now: datetime | None = None) -> int:
    """Delete messages older than NOTIFY_MESSAGE_RETENTION_DAYS, in batches, through the
    retention rule notify.messages (notify/retention.py). Safe to re-run."""
    from privacy.purge import purge_expired

    (receipt,) = purge_expired(now=now, batch_size=PURGE_BATCH_SIZE, rules=["notify.messages"])
    return int(receipt.count)


def message_read(*, viewer: Any, message: Message) -> None:
    """Record that `viewer` read a message's full text (and any code in it) in the outbox."""
    with transaction.atomic():
        audit_record(actor=viewer, action=AuditAction.MESSAGE_READ, obj=message)
