"""The audit events of the engagement register (privacy/audit_events.py). The fields are
names only, never values; each feature's services write its own events."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import registry

events = registry.app("engagement", _("Engagement register"))

# Joining, changing and leaving (services/participants.py) ---------------------------

# Partner requests and the Terms of Reference (services/requests.py, services/terms.py) ---

# Opportunities and invitations (services/opportunities.py, services/invitations.py) ---

# Surveys and results (services/surveys.py, services/results.py) ----------------------

# Fair selection (services/selection.py) ----------------------------------------------

# Material, slots and bookings (services/material.py, services/booking.py) -------------
