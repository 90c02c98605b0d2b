"""The audit events of redaction (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry
from privacy.models.audit import AuditAction

events = registry.app("redaction", _("Redaction"))

REDACTION_REVIEWED = events.core(AuditAction.REDACTION_REVIEWED, fields=["spans"])
REDACTION_RELEASED = events.core(AuditAction.REDACTION_RELEASED, fields=["released", "status"])
