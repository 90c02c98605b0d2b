"""The desk's writes, one module per feature (docs/architecture.md): cases and events
(`cases`), working the queue (`tasks`), routed feedback (`routed`), contacts, agreements,
referrals, the invitation after a call, compliance and the reference data (each its own module)."""

from desk.services.cases import (
    SOURCE_EVENT_ID_REUSED,
    CaseIn,
    VictimIn,
    case_by_reference,
    case_receive,
    event_receive,
)
from desk.services.compliance import compliance_export_record
from desk.services.routed import routed_task_create, routed_task_handle
from desk.services.tasks import (
    late_reason_record,
    task_claim,
    task_close,
    task_reassign,
    task_release,
)

__all__ = [
    "CaseIn",
    "SOURCE_EVENT_ID_REUSED",
    "VictimIn",
    "case_by_reference",
    "case_receive",
    "compliance_export_record",
    "event_receive",
    "late_reason_record",
    "routed_task_create",
    "routed_task_handle",
    "task_claim",
    "task_close",
    "task_reassign",
    "task_release",
]
