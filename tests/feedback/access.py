"""Who may open each URL of the feedback app (collected by tests/project/access_all.py).

The form is public: a code that is not ours is the friendly 404 page; the form's pages
without a started form go back to the start (302); the thanks page shows its general
version. The queue of routed comments is the Victim Focus Desk's
(tests/feedback/test_form_desk.py).

QR codes: officers see their own (another officer's code is a 404: tests/feedback/test_qr_codes.py),
the programme team every team's. Invitations: desk agents, the programme team and officers.
API integrations: the programme team. The invitation link /i/<token>/ is public; a token
that is not ours is a 404. The API authenticates by bearer token, not by session, so the
matrix can only see that its POST-only operation refuses GET (tests/feedback/test_api.py
covers it); its OpenAPI document is public."""

from typing import Any

from tests.access import only, public

# Staff who have not set up MFA reach only MFA set-up, even on public pages.
NO_MFA = {"staff_without_mfa": "mfa"}


def _routed(p: dict[str, Any]) -> dict[str, Any]:
    from tests.feedback.test_form_desk import routed_comment

    return {"routed_id": routed_comment().pk}


# Feedback codes, invitations and the API ----------------------------------------------------
def officer_code(officer: Any, *, team_name: str = "Camden response team A (test)") -> Any:
    """The officer's own feedback code (made, with their team and posting, if missing)."""
    from feedback.models import Borough, FeedbackCode, OfficerPosting, Team

    existing = FeedbackCode.objects.filter(officer=officer, active=True).first()
    if existing is not None:
        return existing
    posting = OfficerPosting.objects.filter(officer=officer).select_related("team").first()
    if posting is None:
        team, _ = Team.objects.get_or_create(
            slug="test-" + team_name.lower().replace(" ", "-").replace("(", "").replace(")", ""),
            defaults={"name": team_name, "borough": Borough.objects.get(code="E09000007")},
        )
        posting = OfficerPosting.objects.create(officer=officer, team=team)
    team = posting.team
    FeedbackCode.objects.get_or_create(
        team=team, officer=None, defaults={"code": f"team{team.pk:04d}code{team.pk:06d}"}
    )
    return FeedbackCode.objects.create(
        team=team, officer=officer, code=f"officer{officer.pk:04d}code{team.pk:04d}"
    )


def _code(p: dict[str, Any]) -> dict[str, Any]:
    return {"code_id": officer_code(p["officer"]).pk}


def _integration(p: dict[str, Any]) -> dict[str, Any]:
    from feedback.services.invitations import integration_create

    integration, _token = integration_create(
        actor=p["programme_admin"],
        name="Crime system (test)",
        organisation=p["officer"].organisation,
    )
    return {"integration_id": integration.pk}


DECLARATIONS: dict[str, Any] = {
    "feedback:code": public(
        ok=404, kwargs=lambda p: {"code": "not-a-code-of-ours"}, overrides=NO_MFA
    ),
    "feedback:start": public(overrides=NO_MFA),
    "feedback:team": public(ok=302, overrides=NO_MFA),  # no borough chosen: back to the start
    "feedback:questions": public(ok=302, overrides=NO_MFA),
    "feedback:equality": public(ok=302, overrides=NO_MFA),
    "feedback:thanks": public(overrides=NO_MFA),
    "feedback:routed_queue": only("desk_agent", "desk_supervisor", ok=302),
    "feedback:routed_handle": only("desk_agent", "desk_supervisor", ok=405, kwargs=_routed),
    # A token that is not ours; used and expired links: tests/feedback/test_invitations.py.
    "invitations:open": public(
        ok=404, kwargs=lambda p: {"token": "not-ours.not-signed"}, overrides=NO_MFA
    ),
    "invitations:my_code": only("officer"),
    "invitations:codes": only("programme_admin"),
    "invitations:card": only("programme_admin", "officer", kwargs=_code),
    "invitations:svg": only("programme_admin", "officer", kwargs=_code),
    "invitations:png": only("programme_admin", "officer", kwargs=_code),
    "invitations:new": only("programme_admin", "desk_agent", "desk_supervisor", "officer"),
    "invitations:integrations": only("programme_admin"),
    "invitations:integration_off": only("programme_admin", ok=405, kwargs=_integration),
    "api:openapi-json": public(overrides=NO_MFA),
    # POST only, with a bearer token (tests/feedback/test_api.py): GET is refused for all.
    "api:invitation_create": public(ok=405, overrides=NO_MFA),
    # django-ninja's root route has no page (its docs are turned off).
    "api:api-root": public(ok=404, overrides=NO_MFA),
}
