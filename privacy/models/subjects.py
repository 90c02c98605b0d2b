"""Legal holds and subject requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LegalHold(models.Model):
    """A record that must not be deleted or anonymised: by retention or by an erasure
    request. A hold on an account holds every record linked to it (privacy.holds)."""

    model_label = models.CharField(_("type of record"), max_length=100)
    object_id = models.CharField(_("record number"), max_length=64)
    reason = models.CharField(_("reason"), max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["model_label", "object_id"])]

    def __str__(self) -> str:
        return f"Legal hold {self.pk} on {self.model_label}:{self.object_id}"

    @property
    def is_current(self) -> bool:
        return self.released_at is None


class SubjectRequestKind(models.TextChoices):
    ACCESS = "access", _("Access (export)")
    ERASURE = "erasure", _("Erasure")


class SubjectRequest(models.Model):
    """One access or erasure request handled by the DPO. The receipt holds counts per
    type of record, never personal data."""

    kind = models.CharField(max_length=10, choices=SubjectRequestKind.choices)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    receipt = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} request {self.pk}"
