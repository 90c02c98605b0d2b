"""The audit log: every kind of event, and the append-only table that records them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The core audit events, stored under these names since the first release.

    New kinds of event are declared by each app in its `audit_events.py` (the registry in
    privacy/audit_events.py), which registers these too, so rows of every age keep their
    meaning. Do not add to this list."""

    VIEW_IDENTITY = "view_identity", _("Viewed a person's identity")
    SIGN_IN = "sign_in", _("Signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Signed out")
    MFA_ENABLED = "mfa_enabled", _("Set up two-factor authentication")
    STAFF_INVITED = "staff_invited", _("Invited a member of staff")
    PERSON_CHANGED = "person_changed", _("Changed a person's details")
    ROLE_ASSIGNED = "role_assigned", _("Assigned a role")
    ROLE_REMOVED = "role_removed", _("Removed a role")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Deactivated an account")
    ACCOUNT_REACTIVATED = "account_reactivated", _("Reactivated an account")
    AUDIT_SEARCHED = "audit_searched", _("Searched the audit log")
    KEYS_ROTATED = "keys_rotated", _("Re-encrypted data with the newest key")
    MESSAGE_READ = "message_read", _("Read a message in the outbox")
    RETENTION_PURGED = "retention_purged", _("Deleted or anonymised data past its retention period")
    LEGAL_HOLD_PLACED = "legal_hold_placed", _("Placed a legal hold")
    LEGAL_HOLD_RELEASED = "legal_hold_released", _("Released a legal hold")
    SUBJECT_SEARCHED = "subject_searched", _("Searched for a person's data")
    SUBJECT_EXPORTED = "subject_exported", _("Exported a person's data")
    SUBJECT_ERASED = "subject_erased", _("Erased a person's data")
    REDACTION_REVIEWED = "redaction_reviewed", _("Reviewed redacted text before release")
    REDACTION_RELEASED = "redaction_released", _("Released redacted text")


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Audit events cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def bulk_update(self, objs: object, fields: object, batch_size: int | None = None) -> int:
        raise PermissionError("Audit events cannot be changed.")


class AuditEvent(models.Model):
    """One append-only audit entry: who did what to which object, and when.

    Holds the names of changed fields, never their values, so no special-category data
    ever reaches the audit log. PostgreSQL refuses UPDATE, DELETE and TRUNCATE on this
    table (migration 0002); the model refuses them too.
    """

    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # A registered event's name (privacy/audit_events.py): apps declare their own.
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    fields = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events cannot be deleted.")

    def get_action_display(self) -> str:
        """The event's label in the reader's language (rows stored under a generic action
        read as the event their note names: privacy/audit_events.py)."""
        from privacy.audit_events import registry

        return registry.label_for_row(self.action, self.note)
