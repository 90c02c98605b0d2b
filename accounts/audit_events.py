"""The audit events of accounts: signing in and out, staff and roles, and the generic
change to a person's own record (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry
from privacy.models.audit import AuditAction

events = registry.app("accounts", _("Accounts and sign-in"))

SIGN_IN = events.core(AuditAction.SIGN_IN)
SIGN_IN_FAILED = events.core(AuditAction.SIGN_IN_FAILED)
SIGN_OUT = events.core(AuditAction.SIGN_OUT)
MFA_ENABLED = events.core(AuditAction.MFA_ENABLED)
STAFF_INVITED = events.core(
    AuditAction.STAFF_INVITED, fields=["email", "full_name", "organisation"]
)
ROLE_ASSIGNED = events.core(AuditAction.ROLE_ASSIGNED, fields=["role", "forums", "panel_seat"])
ROLE_REMOVED = events.core(AuditAction.ROLE_REMOVED, fields=["ended_at"])
ACCOUNT_DEACTIVATED = events.core(
    AuditAction.ACCOUNT_DEACTIVATED, fields=["is_active", "deactivated_at"]
)
ACCOUNT_REACTIVATED = events.core(
    AuditAction.ACCOUNT_REACTIVATED, fields=["is_active", "deactivated_at"]
)
# The generic event: only for a change to a person's own record (a member editing their
# own details, staff changing a person's details). Every other change has its own event;
# tests/privacy/test_audit_events.py holds the short list of services allowed to write this one.
# Old rows of other kinds written under it are read as their own event (`was`).
PERSON_CHANGED = events.core(AuditAction.PERSON_CHANGED, fields=["*"])
