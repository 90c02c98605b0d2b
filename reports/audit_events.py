"""The audit events of monthly reports (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("reports", _("Monthly reports"))

REPORT_REQUESTED = events.add(
    "reports.report_requested",
    _("Asked for a monthly report"),
    fields=["status", "html", "pdf"],
    was=["monthly report generation requested"],
)
REPORT_GENERATED = events.add(
    "reports.report_generated",
    _("Generated a monthly report"),
    fields=["status", "html", "pdf"],
    was=["monthly report generated"],
)
REPORT_RELEASED = events.add(
    "reports.report_released",
    _("Released a monthly report"),
    fields=["status", "released_by", "released_at"],
    was=["monthly report released"],
)
