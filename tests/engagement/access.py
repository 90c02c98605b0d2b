"""Who may open each URL of the engagement register (collected by tests/project/access_all.py).

The programme team runs the register; a partner agency reaches its own organisation's
requests and their released results; a participant (a signed-in member) their own
invitations and data; the public the sign-up and the links in invitations. Nobody else
reaches any register page. Each feature adds its own section below."""

from typing import Any

from tests.access import only, public  # noqa: F401

TEAM = ("programme_admin",)
PARTNER = ("partner_agency",)

DECLARATIONS: dict[str, Any] = {
    # Joining and the participant's portal pages.
    # Partner requests and the Terms of Reference.
    # Opportunities and invitations.
    # Surveys and results.
    # Fair selection and representativeness.
    # Material, slots and bookings.
}
