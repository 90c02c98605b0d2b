"""Redacted text waiting for, or past, human review.

Free text written by victims, facilitators and officers is redacted automatically
(redaction/engine.py), then a reviewer checks it before it leaves its author's team:
they can add a redaction the engine missed or undo a false one, then release it. Only
released text may be shown outside the team (redaction.services.require_released).
See docs/redaction-review.md.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    RELEASED = "released", _("Released")


class Origin(models.TextChoices):
    AUTO = "auto", _("Found automatically")
    REVIEWER = "reviewer", _("Added by a reviewer")


# What each purpose is called on the review pages. A feature that sends text for review adds
# its purpose here; an unknown purpose is shown as it is stored.
PURPOSES: dict[str, Any] = {
    "demo": _("Demo text"),
    "forum_note": _("Meeting note"),
    "feedback_comment": _("Feedback comment"),
    "feedback_point": _("Forum feedback"),
    "engagement_comment": _("Comment on a document under review"),
    "engagement_answer": _("Survey answer on the engagement register"),
}


class RedactedText(models.Model):
    """One piece of free text, its redactions and whether it has been released.

    `spans` is a list of {"start", "end", "type", "origin"} in the original text, sorted
    and never overlapping: positions and types only, never the words themselves. The
    engine's spans also carry "confidence" ("high", "medium" or "low"); a reviewer's do not.
    """

    purpose = models.CharField(_("purpose"), max_length=64)
    # Where the text came from, when it belongs to a record (a note, a feedback comment).
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True, default="")
    source_field = models.CharField(max_length=64, blank=True, default="")
    original = EncryptedTextField(_("original text"))
    spans = models.JSONField(default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    # The text as released, frozen: later changes to the engine or spans cannot alter it.
    released = EncryptedTextField(_("released text"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("redacted text")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="redaction_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=Status.PENDING, released__isnull=True)
                | models.Q(status=Status.RELEASED, released__isnull=False),
                name="redaction_released_text_iff_released",
            )
        ]

    def __str__(self) -> str:
        return f"Redacted text {self.pk} ({self.purpose}, {self.status})"

    @property
    def is_released(self) -> bool:
        return self.status == Status.RELEASED

    @property
    def purpose_label(self) -> str:
        return str(PURPOSES.get(self.purpose, self.purpose))
