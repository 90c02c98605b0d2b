"""The audit events of safe contact: how a person may be contacted safely, and channels put
on hold and reviewed (privacy/audit_events.py). The fields are names only, never values."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("safecontact", _("Safe contact"))

CONTACT_FIELDS = [
    "may_email",
    "may_text",
    "may_phone",
    "may_voicemail",
    "may_letter",
    "phone",
    "email",
    "address",
    "safe_times",
    "times_to_avoid",
    "code_word",
]

SAFE_CONTACT_CHANGED = events.add(
    "safecontact.changed",
    _("Changed how a person may be contacted safely"),
    fields=CONTACT_FIELDS,
)
CHANNEL_HOLD_CREATED = events.add(
    "safecontact.channel_hold_created",
    _("Put a way of contacting a person on hold"),
    fields=["channel", "reason"],
)
CHANNEL_HOLD_REVIEWED = events.add(
    "safecontact.channel_hold_reviewed",
    _("Reviewed a way of contacting a person that was on hold"),
    fields=["decision", "review_note", *CONTACT_FIELDS],
)
