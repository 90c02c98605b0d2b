"""The roles people hold in Victim Voice (DESIGN.md, "The people who use it")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_ADMIN = "programme_admin", _("Programme admin")
    FACILITATOR = "facilitator", _("Facilitator")
    VETTING_PANEL = "vetting_panel", _("Vetting panel member")
    POLICE_LEAD = "police_lead", _("Police lead")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    ANALYST = "analyst", _("Analyst")
    OFFICER = "officer", _("Officer")
    DESK_AGENT = "desk_agent", _("Victim Focus Desk agent")
    DESK_SUPERVISOR = "desk_supervisor", _("Victim Focus Desk supervisor")
    MEMBER = "member", _("Member")
    DATA_PROTECTION_OFFICER = "dpo", _("Data protection officer")


STAFF_ROLES = frozenset(Role) - {Role.MEMBER}

# Roles whose assignment names the forums it reaches.
FORUM_SCOPED_ROLES = frozenset({Role.FACILITATOR})


class PanelSeat(models.TextChoices):
    OVERSIGHT_BODY = "oversight_body", _("Oversight body")
    POLICE = "police", _("Police")
    FACILITATOR = "facilitator", _("Facilitator")


class OrganisationKind(models.TextChoices):
    OVERSIGHT_BODY = "oversight_body", _("Oversight body")
    POLICE_FORCE = "police_force", _("Police force")
    INDEPENDENT_FACILITATOR = "independent_facilitator", _("Independent facilitator")
    PARTNER_FACILITATOR = "partner_facilitator", _("Partner organisation (facilitates forums)")
    PARTNER_AGENCY = "partner_agency", _("Criminal justice partner agency")
