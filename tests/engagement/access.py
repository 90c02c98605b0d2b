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


# Surveys and results: the scenery (tests/engagement/test_surveys.py makes it).
NO_MFA = {"staff_without_mfa": "mfa"}


def _survey_kwargs() -> dict[str, Any]:
    from tests.engagement.test_surveys import survey_with_questions

    return {"opportunity_id": survey_with_questions().pk}


def _question_kwargs() -> dict[str, Any]:
    from tests.engagement.test_surveys import survey_with_questions

    survey = survey_with_questions()
    return {"opportunity_id": survey.pk, "question_id": survey.questions.first().pk}


def _token_kwargs(*, answered: bool = False) -> dict[str, Any]:
    from tests.engagement.test_surveys import survey_invitation, survey_with_questions

    _invitation, token = survey_invitation(survey_with_questions(), answered=answered)
    return {"token": token}


def _released_kwargs(p: dict[str, Any]) -> dict[str, Any]:
    from tests.engagement.test_results import partner_survey

    return {"opportunity_id": partner_survey(p["partner_agency"], released=True).pk}


def _closed_kwargs(p: dict[str, Any]) -> dict[str, Any]:
    from tests.engagement.test_results import partner_survey

    return {"opportunity_id": partner_survey(p["partner_agency"]).pk}


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
    # The team builds a survey's questions; a participant answers by their invitation's
    # link (public: the token is the key); results reach the partner of the organisation
    # that asked only once released (404 before: tests/engagement/test_results.py); the
    # partner alone says what they changed; a member reads "you said, we did".
    "engagement:questions": only(*TEAM, kwargs=lambda p: _survey_kwargs()),
    "engagement:question_new": only(*TEAM, kwargs=lambda p: _survey_kwargs()),
    "engagement:question_edit": only(*TEAM, kwargs=lambda p: _question_kwargs()),
    "engagement:question_delete": only(*TEAM, kwargs=lambda p: _question_kwargs()),
    "engagement:survey_answer": public(overrides=NO_MFA, kwargs=lambda p: _token_kwargs()),
    "engagement:survey_step": public(
        ok=302, overrides=NO_MFA, kwargs=lambda p: {**_token_kwargs(), "step": 1}
    ),  # the first page comes first: back to it
    "engagement:survey_done": public(
        overrides=NO_MFA, kwargs=lambda p: _token_kwargs(answered=True)
    ),
    "engagement:results": only(*TEAM, *PARTNER, kwargs=lambda p: _released_kwargs(p)),
    "engagement:results_csv": only(*TEAM, *PARTNER, kwargs=lambda p: _released_kwargs(p)),
    "engagement:results_release": only(*TEAM, kwargs=lambda p: _closed_kwargs(p)),
    "engagement:what_changed": only(*PARTNER, kwargs=lambda p: _released_kwargs(p)),
    "engagement:you_said": only("member"),
    # Fair selection and representativeness.
    # Material, slots and bookings.
}
