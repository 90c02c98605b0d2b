"""Who may open each URL of the recruitment app: applying (recruitment_public) and the
programme team's and panel's pages (recruitment_staff) (collected by
tests/project/access_all.py)."""

from collections.abc import Callable
from typing import Any

from tests.access import Declared, only, public


# Recruitment (staff) --------------------------------------------------------------------
def _staff_application(p: dict[str, Any], stage: str = "received") -> dict[str, Any]:
    """An application to the disabled victims forum, run by the partner organisation of
    facilitator_partner (not facilitator_forum_a's), moved on to `stage`."""
    from datetime import timedelta

    from django.utils import timezone

    from recruitment import services as s
    from recruitment.models import Cohort
    from tests.recruitment.staff import make_application, to_panel, to_vetting

    Cohort.objects.filter(slug="disabled-victims").update(
        is_partner_facilitated=True,
        facilitating_organisation=p["facilitator_partner"].organisation,
    )
    admin = p["programme_admin"]
    application = make_application(cohorts=("disabled-victims",))
    today = timezone.localdate()
    if stage == "screening":
        s.application_screening_start(actor=admin, application=application)
    elif stage == "onboarding":
        s.application_screening_start(actor=admin, application=application)
        s.application_onboarding_invite(actor=admin, application=application)
    elif stage == "vetting":
        to_vetting(application, admin)
    elif stage == "pnc_requested":
        to_vetting(application, admin)
        s.pnc_check_request(actor=admin, application=application, requested_on=today)
    elif stage in ("panel", "decided"):
        to_panel(application, admin)
    elif stage == "deferred":
        s.application_screening_start(actor=admin, application=application)
        s.application_onboarding_invite(actor=admin, application=application)
        s.onboarding_record(
            actor=admin,
            application=application,
            held_on=today,
            assessed_by_trained_professional=True,
            outcome="defer",
            get_back_in_touch_on=today + timedelta(days=90),
        )
    if stage == "decided":
        from tests.recruitment.staff import all_views

        all_views(application, p)
        s.panel_decision_record(member=p["panel_police"], application=application)
    return {"application_id": application.pk}


def _withdraw_link() -> dict[str, Any]:
    """A real link to withdraw an open application (opening it changes nothing)."""
    from recruitment.models import Application
    from recruitment.services import withdraw_token_hash, withdraw_token_make
    from tests.recruitment.staff import make_application

    application = make_application(email="withdraw.matrix@example.org")
    token = withdraw_token_make()
    Application.objects.filter(pk=application.pk).update(
        withdraw_token_hash=withdraw_token_hash(token)
    )
    return {"token": token}


def _waiting_member(p: dict[str, Any]) -> dict[str, Any]:
    """An accepted applicant to the General forum (which no forum takes), now a member."""
    from django.utils import timezone

    from recruitment import services as s
    from tests.recruitment.staff import make_application, to_vetting

    admin = p["programme_admin"]
    application = to_vetting(make_application(email="waiting.matrix@example.org"), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    return {"membership_id": s.application_onboard(actor=admin, application=application).pk}


def _at(stage: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda p: _staff_application(p, stage)


PANEL = ("panel_oversight", "panel_police", "panel_facilitator")


DECLARATIONS: dict[str, Declared] = {
    # Apply to join a forum: every step is public. A step whose earlier steps are not
    # answered sends the visitor back to the first one (302); so do Check your answers and
    # the confirmation without answers. Staff who have not set up MFA are sent to set it up
    # (accounts.middleware: only pages:* are exempt). Journeys: tests/recruitment/test_public*.py.
    "recruitment_public:start": public(overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:step": public(
        kwargs=lambda p: {"slug": "age"}, overrides={"staff_without_mfa": "mfa"}
    ),
    "recruitment_public:check": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:confirmation": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:not_eligible": public(overrides={"staff_without_mfa": "mfa"}),
    # "Do you want to stop?" with no answer to confirm goes back to the journey (302). The
    # link to withdraw asks to confirm (200 for a real link, 404 for any other); the page
    # after withdrawing goes to the start without one (tests/recruitment/test_withdrawal.py).
    "recruitment_public:stop": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:withdraw": public(
        kwargs=lambda p: _withdraw_link(), overrides={"staff_without_mfa": "mfa"}
    ),
    "recruitment_public:withdrawn": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    # Recruitment (staff): the programme team's queue and moves, and the vetting panel
    # (tests/recruitment/test_staff*.py, test_panel.py). Applications to a
    # partner-run forum are seen by that partner's facilitators, never by another's (404).
    # A move opened in the right stage shows its confirmation or form page.
    "recruitment_staff:queue": only(
        "programme_admin", "facilitator_forum_a", "facilitator_partner"
    ),
    "recruitment_staff:application": only(
        "programme_admin",
        "facilitator_partner",
        kwargs=_at("received"),
        overrides={"facilitator_forum_a": 404},
    ),
    "recruitment_staff:screening_start": only("programme_admin", kwargs=_at("received")),
    "recruitment_staff:onboarding_invite": only("programme_admin", kwargs=_at("screening")),
    "recruitment_staff:onboarding_record": only("programme_admin", kwargs=_at("onboarding")),
    "recruitment_staff:pnc_request": only("programme_admin", kwargs=_at("vetting")),
    "recruitment_staff:pnc_result": only("programme_admin", kwargs=_at("pnc_requested")),
    "recruitment_staff:onboard": only("programme_admin", kwargs=_at("decided")),
    "recruitment_staff:withdraw": only("programme_admin", kwargs=_at("received")),
    "recruitment_staff:reopen": only("programme_admin", kwargs=_at("deferred")),
    "recruitment_staff:representativeness": only("programme_admin"),
    # Accepted members without a forum, and placing one (tests/recruitment/test_waiting_list.py).
    "recruitment_staff:waiting_list": only("programme_admin"),
    "recruitment_staff:waiting_place": only("programme_admin", kwargs=lambda p: _waiting_member(p)),
    "recruitment_staff:panel_list": only(*PANEL),
    "recruitment_staff:panel_application": only(*PANEL, kwargs=_at("panel")),
    "recruitment_staff:panel_decision": only(
        *PANEL, ok=405, kwargs=_at("panel")
    ),  # POST only: tested in recruitment/test_panel
}
