"""The audit events of the member portal and wellbeing (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("portal", _("Member portal and wellbeing"))

CHECK_IN_REQUESTED = events.add(
    "portal.check_in_requested",
    _("Asked for a check-in call"),
    was=["check-in call asked for"],
)
CHECK_IN_DONE = events.add(
    "portal.check_in_done",
    _("Recorded that a check-in call was made"),
    fields=["done_at"],
    was=["called"],
)
SUPPORT_FLAG_RAISED = events.add(
    "portal.support_flag_raised",
    _("Flagged that a member may need support"),
    fields=["note"],
    was=["support flagged"],
)
SUPPORT_FLAG_CLOSED = events.add(
    "portal.support_flag_closed",
    _("Closed a support flag"),
    fields=["closed_at"],
    was=["flag closed"],
)
ERASURE_REQUESTED = events.add(
    "portal.erasure_requested",
    _("Asked for their data to be deleted"),
    was=["asked for data to be deleted"],
)
ERASURE_REQUEST_HANDLED = events.add(
    "portal.erasure_request_handled",
    _("Handled a request to delete a member's data"),
    fields=["handled_at"],
    was=["handled"],
)
