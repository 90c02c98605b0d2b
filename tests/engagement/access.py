"""Who may open each URL of the engagement register (collected by tests/project/access_all.py).

The programme team runs the register; a partner agency reaches its own organisation's
requests and their released results; a participant (a signed-in member) their own
invitations and data; the public the sign-up and the links in invitations. Nobody else
reaches any register page. Each feature adds its own section below."""

from typing import Any

from tests.access import only, public  # noqa: F401

TEAM = ("programme_admin",)
PARTNER = ("partner_agency",)


def own_request(p: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A request of the partner agency persona's organisation (waiting for a decision,
    unless `fields` say otherwise), with a small PDF as its material."""
    from django.core.files.base import ContentFile

    from tests.engagement.factories import partner_request

    partner = p["partner_agency"]
    item = partner_request(organisation=partner.organisation, submitted_by=partner, **fields)
    item.material.save("request-material.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"request_id": item.pk}


def changes_asked(p: dict[str, Any]) -> dict[str, Any]:
    return own_request(p, status="changes_requested", decision_reason="Say more.")


DECLARATIONS: dict[str, Any] = {
    # Joining and the participant's portal pages.
    # Partner requests and the Terms of Reference.
    # A partner agency reaches only its own organisation's requests (another organisation's
    # is 404: engagement.access.get_request_for_user); the team decides (tests/engagement/
    # test_requests.py checks the other organisation's 404s).
    "engagement:requests": only(*TEAM),
    "engagement:request_new": only(*PARTNER),
    "engagement:request": only(*TEAM, *PARTNER, kwargs=own_request),
    "engagement:request_material": only(*TEAM, *PARTNER, kwargs=own_request),
    "engagement:request_decide": only(*TEAM, kwargs=own_request),
    "engagement:request_change": only(*PARTNER, kwargs=changes_asked),
    "engagement:request_withdraw": only(*PARTNER, kwargs=own_request),
    "engagement:terms": only(*TEAM),
    # Opportunities and invitations.
    # Surveys and results.
    # Fair selection and representativeness.
    # Material, slots and bookings.
}
