"""Expenses and incentives: what a member claims for a meeting, and the incentive the
programme pays for each meeting attended. Kept for finance (docs/expenses.md)."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def receipt_path(instance: models.Model, filename: str) -> str:
    """A random private name that keeps only the extension: no personal data in paths."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/expenses/receipts/{uuid.uuid4().hex}{suffix}"


class ClaimCategory(models.TextChoices):
    TRAVEL = "travel", _("Travel")
    CARE = "care", _("Care (for children or someone you look after)")
    OTHER = "other", _("Something else")
    INCENTIVE = "incentive", _("Thank-you payment for attending")


# What a member may claim themselves; incentives are made by the programme's rule.
MEMBER_CATEGORIES = (ClaimCategory.TRAVEL, ClaimCategory.CARE, ClaimCategory.OTHER)


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    PAID = "paid", _("Paid")


class ExpenseClaim(models.Model):
    """One claim (or incentive) for one meeting. `member_ref` is the payee reference finance
    uses; names stay in the service. After the detail period the claim keeps only what
    finance needs (expenses/retention.py)."""

    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.SET_NULL, null=True, related_name="expense_claims"
    )
    forum_membership = models.ForeignKey(
        "forums.ForumMembership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    member_ref = models.CharField(_("member reference"), max_length=20)
    meeting = models.ForeignKey(
        "forums.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    meeting_date = models.DateField(_("meeting date"))
    category = models.CharField(_("what it is for"), max_length=16, choices=ClaimCategory.choices)
    amount = models.DecimalField(_("amount"), max_digits=8, decimal_places=2)
    description = models.TextField(_("details"), blank=True, default="")
    receipt = models.FileField(upload_to=receipt_path, max_length=300, blank=True)
    receipt_content_type = models.CharField(max_length=100, blank=True, default="")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ClaimStatus.choices,
        default=ClaimStatus.SUBMITTED,
        db_index=True,
    )
    reason = models.TextField(_("reason"), blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created_at = models.DateTimeField(_("claimed"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum_membership", "meeting"],
                condition=models.Q(category="incentive"),
                name="expenses_one_incentive_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"EXP-{self.pk:06d}" if self.pk else "EXP-new"

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt)


def pending_receipt_path(instance: models.Model, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/expenses/pending/{uuid.uuid4().hex}{suffix}"


class PendingReceipt(models.Model):
    """A receipt chosen on a claim form that came back with a mistake elsewhere, kept so that
    the member does not have to choose it again. It goes into the claim when the form is
    sent, and is deleted when replaced, removed, or a day after it was chosen
    (expenses/retention.py). Found by its random `token`, only by the member who chose it."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_receipts"
    )
    file = models.FileField(upload_to=pending_receipt_path, max_length=300)
    # The file's name as the member chose it, shown back to them only.
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("receipt waiting for a claim")

    def __str__(self) -> str:
        return f"Pending receipt {self.pk}"
