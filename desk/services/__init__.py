"""The desk's writes, one module per feature (docs/architecture.md): cases and events
(`cases`)."""

from desk.services.cases import (
    CaseIn,
    Refused,
    VictimIn,
    case_by_reference,
    case_receive,
    event_receive,
)

__all__ = [
    "CaseIn",
    "Refused",
    "VictimIn",
    "case_by_reference",
    "case_receive",
    "event_receive",
]
