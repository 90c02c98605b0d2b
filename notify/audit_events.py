"""The audit events of notify (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry
from privacy.models.audit import AuditAction

events = registry.app("notify", _("Messages"))

MESSAGE_READ = events.core(AuditAction.MESSAGE_READ, reads_identity=True)
