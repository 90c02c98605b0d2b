"""Who may open each URL of the engagement register (collected by tests/project/access_all.py).

The programme team runs the register; a partner agency reaches its own organisation's
requests and their released results; a participant (a signed-in member) their own
invitations and data; the public the sign-up and the links in invitations. Nobody else
reaches any register page. Each feature adds its own section below."""

from typing import Any

from tests.access import only, public  # noqa: F401

TEAM = ("programme_admin",)
PARTNER = ("partner_agency",)


def on_register(p: dict[str, Any]) -> dict[str, Any]:
    """The member persona with a place on the register (their portal pages need one)."""
    from tests.engagement.factories import participant

    participant(user=p["member"])
    return {}


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
    return {"opportunity_id": survey.pk, "question_id": survey.questions.earliest("order", "pk").pk}


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


# Material, slots and bookings: the scenery (made by tests/engagement/test_material.py,
# test_booking.py and test_interview_consent.py).
def _scenery(module: str, name: str, **options: Any) -> Any:
    from importlib import import_module

    return lambda p: getattr(import_module(f"tests.engagement.{module}"), name)(p, **options)


# Opportunities and invitations: the scenery (tests/engagement/factories.py).
def _opportunity_kwargs(status: str = "draft") -> dict[str, Any]:
    from tests.engagement.factories import opportunity

    return {"opportunity_id": opportunity(status=status).pk}


def _invitation_kwargs(**fields: Any) -> dict[str, Any]:
    from tests.engagement.test_invitations import invitation_with_token

    return {"token": invitation_with_token(**fields)[1]}


def _member_invitation_kwargs(p: dict[str, Any]) -> dict[str, Any]:
    from tests.engagement.test_invitations import member_invitation

    return {"invitation_id": member_invitation(p).pk}


def _stay_kwargs() -> dict[str, Any]:
    """A participant asked whether to stay, and the token of their link."""
    from engagement.models import Participant
    from engagement.tokens import new_token
    from tests.engagement.factories import participant

    token, digest = new_token(purpose="stay")
    Participant.objects.filter(pk=participant().pk).update(stay_token_digest=digest)
    return {"token": token}


DECLARATIONS: dict[str, Any] = {
    # Joining and the participant's portal pages.
    # The sign-up is public (a staff account without MFA is sent to set it up first); the
    # check, code and confirmation pages go back to the start without answers (302); a new
    # code is POST only (tests/engagement/test_joining.py). The portal pages are the member's
    # own place: 404 without one (tests/engagement/test_portal_register.py).
    "engagement:join_start": public(overrides=NO_MFA),
    "engagement:join_step": public(kwargs=lambda p: {"step": "name"}, overrides=NO_MFA),
    "engagement:join_check": public(ok=302, overrides=NO_MFA),
    "engagement:join_code": public(ok=302, overrides=NO_MFA),
    "engagement:join_code_resend": public(ok=405, overrides=NO_MFA),
    "engagement:join_done": public(ok=302, overrides=NO_MFA),
    "engagement:portal_home": only("member", kwargs=on_register),
    "engagement:portal_join": only("member"),
    "engagement:portal_change": only("member", kwargs=lambda p: on_register(p) | {"field": "name"}),
    "engagement:portal_erase_answers": only("member", kwargs=on_register),
    "engagement:portal_pause": only("member", kwargs=on_register),
    "engagement:portal_leave": only("member", kwargs=on_register),
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
    # The programme team alone runs opportunities; a participant answers by their link
    # (public: the token is the key) or in the portal (a member, their own only: another's
    # is 404, tests/engagement/test_invitations.py).
    "engagement:opportunities": only(*TEAM),
    "engagement:opportunity_new": only(*TEAM),
    "engagement:opportunity": only(*TEAM, kwargs=lambda p: _opportunity_kwargs()),
    "engagement:opportunity_edit": only(*TEAM, kwargs=lambda p: _opportunity_kwargs()),
    "engagement:opportunity_open": only(*TEAM, kwargs=lambda p: _opportunity_kwargs()),
    "engagement:opportunity_close": only(*TEAM, kwargs=lambda p: _opportunity_kwargs("open")),
    "engagement:invite": only(*TEAM, kwargs=lambda p: _opportunity_kwargs("open")),
    "engagement:invitation": public(overrides=NO_MFA, kwargs=lambda p: _invitation_kwargs()),
    "engagement:invitation_withdraw": public(
        overrides=NO_MFA, kwargs=lambda p: _invitation_kwargs(status="accepted")
    ),
    "engagement:my_invitations": only("member"),
    "engagement:my_invitation_answer": only("member", kwargs=_member_invitation_kwargs),
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
    # The programme team alone draws places and reads the register's representativeness
    # (aggregate, suppressed; the police's analysts do not reach the register's pages).
    "engagement:selection": only(*TEAM, kwargs=lambda p: _opportunity_kwargs("open")),
    "engagement:selection_run": only(
        *TEAM, ok=405, kwargs=lambda p: _opportunity_kwargs("open")
    ),  # POST only
    "engagement:selection_replace": only(
        *TEAM, ok=405, kwargs=lambda p: _opportunity_kwargs("open")
    ),  # POST only
    "engagement:representativeness": only(*TEAM),
    # Material, slots and bookings.
    # The programme team uploads, previews (internal-only material too) and reads comments,
    # and runs the times to take part; a participant reaches material and bookings only by
    # their invitation's link (public: the token is the key). Without an opened page's
    # grant, after it expires, for a "no" or for internal-only material the file is 404
    # (tests/engagement/test_material.py); details, cancelling and the calendar file need a
    # booking (tests/engagement/test_booking.py); an interview's consent comes first
    # (tests/engagement/test_interview_consent.py).
    "engagement:material": only(*TEAM, kwargs=_scenery("test_material", "team_opportunity")),
    "engagement:material_remove": only(
        *TEAM, ok=405, kwargs=_scenery("test_material", "team_material")
    ),
    "engagement:material_preview": only(*TEAM, kwargs=_scenery("test_material", "team_material")),
    "engagement:material_comments": only(*TEAM, kwargs=_scenery("test_material", "team_material")),
    "engagement:material_view": public(
        overrides=NO_MFA, kwargs=_scenery("test_material", "material_link")
    ),
    "engagement:material_file": public(
        overrides=NO_MFA, kwargs=_scenery("test_material", "material_link", opened=True)
    ),
    "engagement:slots": only(*TEAM, kwargs=_scenery("test_booking", "team_session")),
    "engagement:slot": only(*TEAM, kwargs=_scenery("test_booking", "team_slot")),
    "engagement:slot_remove": only(*TEAM, ok=405, kwargs=_scenery("test_booking", "team_slot")),
    "engagement:book": public(overrides=NO_MFA, kwargs=_scenery("test_booking", "booking_link")),
    "engagement:booking_cancel": public(
        overrides=NO_MFA, kwargs=_scenery("test_booking", "booking_link", booked=True)
    ),
    "engagement:booking_details": public(
        overrides=NO_MFA, kwargs=_scenery("test_booking", "booking_link", booked=True)
    ),
    "engagement:booking_ics": public(
        overrides=NO_MFA, kwargs=_scenery("test_booking", "booking_link", booked=True)
    ),
    "engagement:interview_consent": public(
        overrides=NO_MFA, kwargs=_scenery("test_interview_consent", "consent_link")
    ),
    "engagement:interview_consent_withdraw": public(
        overrides=NO_MFA, kwargs=_scenery("test_interview_consent", "consent_link", agreed=True)
    ),
    # Asking an inactive participant whether to stay: public, the token is the key
    # (tests/engagement/test_stay.py).
    "engagement:stay": public(overrides=NO_MFA, kwargs=lambda p: _stay_kwargs()),
}
