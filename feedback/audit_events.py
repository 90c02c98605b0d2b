"""The audit events of feedback: invitations, API integrations, officers' postings and
routed comments (privacy/audit_events.py). Responses are anonymous and not audited."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("feedback", _("Feedback"))

INVITATION_SENT = events.add(
    "feedback.invitation_sent",
    _("Sent a feedback invitation"),
    fields=["contact", "channel", "team", "officer", "crime_type", "language"],
    was=["Feedback invitation created and sent by *"],
)
INTEGRATION_CREATED = events.add(
    "feedback.integration_created",
    _("Set up a feedback API integration"),
    fields=["name", "organisation", "token_hash", "scopes"],
    was=["Feedback API integration created."],
)
INTEGRATION_DEACTIVATED = events.add(
    "feedback.integration_deactivated",
    _("Turned off a feedback API integration"),
    fields=["active"],
    was=["Feedback API integration turned off."],
)
OFFICER_POSTED = events.add(
    "feedback.officer_posted",
    _("Posted an officer to a team"),
    fields=["team"],
    was=["feedback: officer posted to a team", "feedback: posting changed"],
)
ROUTED_COMMENT_HANDLED = events.add(
    "feedback.routed_comment_handled",
    _("Marked a routed feedback comment as handled"),
    fields=["status", "handled_by", "handled_at", "action"],
    was=["feedback: routed comment (*"],
)
