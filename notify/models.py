"""Every email and text message Victim Voice sends.

With NOTIFY_BACKEND=outbox these rows are the outbox: nothing leaves the machine and
programme admins can read them. With NOTIFY_BACKEND=notify they record what was handed
to GOV.UK Notify. Either way rows are deleted after NOTIFY_MESSAGE_RETENTION_DAYS (7, as
Notify keeps them). Recipient, subject and body are encrypted at rest.
"""

from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField, EncryptedTextField


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


def recipient_digest(recipient: str) -> str:
    """The same for "A@Example.org " and "a@example.org", or "07700 900123" and "07700900123"."""
    normalised = "".join(recipient.split()).lower()
    return salted_hmac("notify.Message.recipient", normalised, algorithm="sha256").hexdigest()


class Message(models.Model):
    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = EncryptedCharField(max_length=320)
    # A keyed hash of the recipient, so that messages to one address can be found
    # (demo_code, tests, subject access requests) without decrypting every row.
    recipient_digest = models.CharField(max_length=64, db_index=True, default="", editable=False)
    subject = EncryptedTextField(blank=True, default="")
    body = EncryptedTextField()
    template = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    status = models.CharField(
        max_length=8, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    backend = models.CharField(max_length=16, blank=True, default="")
    notify_id = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Hand-overs tried so far, and when to try again after Notify was down or busy
    # (notify.services.message_deliver); failed_at when it was given up.
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) before the message is handed to Notify, cleared when the outcome
    # is recorded. Found set on a queued message, it means an attempt ended without saying
    # how it went (its worker was killed, or Notify never answered): the next attempt asks
    # Notify for the message's reference before sending it again.
    sending_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The sweeper's question: queued messages due a (re)try.
            models.Index(
                fields=["retry_at"],
                name="notify_message_due_retry",
                condition=models.Q(status="queued"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} message {self.pk} ({self.template})"
