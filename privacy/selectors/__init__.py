"""Reads for the privacy team, one module per feature: the audit log (`audit`), retention
receipts (`retention`) and subject requests (`subjects`). Re-exported here, so callers
write `from privacy import selectors`."""

from privacy.selectors.audit import audit_event_list, audit_object_types
from privacy.selectors.retention import retention_receipt_list
from privacy.selectors.subjects import (
    PersonGroup,
    export_document,
    held_refs,
    holds_for_group,
    legal_hold_list,
    person_group,
    subject_request_list,
    subject_search,
    user_group,
)

__all__ = [
    "PersonGroup",
    "audit_event_list",
    "audit_object_types",
    "export_document",
    "held_refs",
    "holds_for_group",
    "legal_hold_list",
    "person_group",
    "retention_receipt_list",
    "subject_request_list",
    "subject_search",
    "user_group",
]
