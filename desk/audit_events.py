"""The audit events of the Victim Focus Desk (privacy/audit_events.py). Fields name what
changed, never free text; events that show a victim's identity say so."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("desk", _("Victim Focus Desk"))

CASE_RECEIVED = events.add(
    "desk.case_received",
    _("Received a case from the crime recording system"),
    fields=["integration", "offence_category", "team", "victims"],
)
CASE_CREATED = events.add(
    "desk.case_created",
    _("Added a case by hand"),
    fields=["offence_category", "team", "victims", "reason"],
)
CASE_CORRECTED = events.add(
    "desk.case_corrected",
    _("Corrected a case by hand"),
    fields=["changed", "reason"],
)
EVENT_RECEIVED = events.add(
    "desk.event_received",
    _("Recorded an event on a case"),
    fields=["kind", "integration", "tasks", "via"],
)
GROUND_RECORDED = events.add(
    "desk.ground_recorded",
    _("Recorded a ground for enhanced rights"),
    fields=["ground", "via"],
)
NEEDS_ASSESSED = events.add(
    "desk.needs_assessed",
    _("Recorded a needs assessment"),
    fields=["needs", "referral_declined"],
)
AGREEMENT_CHANGED = events.add(
    "desk.agreement_changed",
    _("Changed what a victim agreed about updates"),
    fields=["frequency", "every_days", "channel", "language", "through"],
)
TASK_CLAIMED = events.add(
    "desk.task_claimed", _("Claimed a victim's tasks"), fields=["tasks", "claimed_until"]
)
TASK_RELEASED = events.add("desk.task_released", _("Released a victim's tasks"), fields=["tasks"])
TASK_REASSIGNED = events.add(
    "desk.task_reassigned", _("Reassigned a victim's tasks"), fields=["tasks", "claimed_by"]
)
TASK_CLOSED = events.add(
    "desk.task_closed",
    _("Closed a task"),
    fields=["status", "late_working_days", "late_reason", "routed_action"],
)
LATE_REASON_RECORDED = events.add(
    "desk.late_reason_recorded", _("Recorded why a task was late"), fields=["late_reason"]
)
CONTACT_LOGGED = events.add(
    "desk.contact_logged",
    _("Logged a contact with a victim"),
    fields=["direction", "channel", "party", "outcome", "rights_delivered", "tasks_closed"],
)
CONTACT_REFUSED = events.add(
    "desk.contact_refused",
    _("Refused to log an unsafe contact"),
    fields=["channel", "direction", "outcome", "refusal"],
)
REFERRAL_CREATED = events.add(
    "desk.referral_created",
    _("Made a referral to a support service"),
    fields=["service", "basis", "consent_wording", "shared"],
)
REFERRAL_SENT = events.add("desk.referral_sent", _("Sent a referral"), fields=["status"])
REFERRAL_ACKNOWLEDGED = events.add(
    "desk.referral_acknowledged",
    _("Recorded that a service acknowledged a referral"),
    fields=["status"],
)
REFERRAL_DECLINED = events.add(
    "desk.referral_declined",
    _("Recorded that a service declined a referral"),
    fields=["status"],
)
REFERRAL_WITHDRAWN = events.add(
    "desk.referral_withdrawn", _("Withdrew a referral"), fields=["status"]
)
INVITATION_REFUSED = events.add(
    "desk.invitation_refused",
    _("Refused to send a feedback invitation after a call"),
    fields=["refusal"],
)
CASE_FOUND = events.add(
    "desk.case_found",
    _("Found a victim's case"),
    fields=["second_factor"],
    reads_identity=True,
)
LOOKUP_FAILED = events.add(
    "desk.lookup_failed", _("Looked for a case and found none"), fields=["second_factor"]
)
TIME_LIMIT_CHANGED = events.add(
    "desk.time_limit_changed",
    _("Changed a Victims' Code time limit"),
    fields=["code", "standard_working_days", "enhanced_working_days", "effective_from"],
)
CLOSURE_ADDED = events.add(
    "desk.closure_added", _("Added a day the desk is closed"), fields=["day"]
)
CLOSURE_REMOVED = events.add(
    "desk.closure_removed", _("Removed a day the desk is closed"), fields=["day"]
)
COMPLIANCE_EXPORTED = events.add(
    "desk.compliance_exported",
    _("Downloaded the desk's compliance figures"),
    fields=["format", "period", "suppressed"],
)
VICTIM_ERASED = events.add(
    "desk.victim_erased", _("Erased a victim's identity from the desk"), fields=["tasks_cancelled"]
)
