"""The privacy app's models, one module per feature: the audit log, retention receipts,
and legal holds and subject requests (docs/subject-requests.md)."""

from privacy.models.audit import AuditAction, AuditEvent
from privacy.models.retention import RetentionReceipt
from privacy.models.subjects import LegalHold, SubjectRequest, SubjectRequestKind

__all__ = [
    "AuditAction",
    "AuditEvent",
    "LegalHold",
    "RetentionReceipt",
    "SubjectRequest",
    "SubjectRequestKind",
]
