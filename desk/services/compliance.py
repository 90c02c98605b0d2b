"""Writes that go with the desk's compliance figures: the audit record of a download
(docs/desk.md, "Compliance"). The figures themselves are reads (desk/selectors/compliance.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from accounts.access import require
from desk.access import may_see_compliance
from desk.audit_events import COMPLIANCE_EXPORTED
from desk.measures import Period
from privacy.audit import audit_record

EXPORT_FORMATS = ("csv", "xlsx")


@transaction.atomic
def compliance_export_record(*, actor: Any, format: str, period: Period, suppressed: bool) -> None:
    """Record that `actor` downloaded the compliance figures of `period` as `format`, with
    small numbers suppressed or not. The note holds the format, the period's dates and
    whether it was suppressed: no personal data."""
    require(may_see_compliance(actor))
    if format not in EXPORT_FORMATS:
        raise ValueError(f"Unknown export format {format!r}.")
    audit_record(
        actor=actor,
        action=COMPLIANCE_EXPORTED,
        fields=["format", "period", "suppressed"],
        note=f"format={format}; period={period.code}; suppressed={'yes' if suppressed else 'no'}",
    )
