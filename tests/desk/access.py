"""Who may open each URL of the Victim Focus Desk (collected by tests/project/access_all.py).

Desk agents and desk supervisors work every case; only a supervisor reassigns work, reviews
channel holds and sets closed days and time limits; compliance is the supervisor's and, in
aggregate, the analyst's. Nobody else reaches any desk page. The API authenticates by
bearer token (tests/desk/api/)."""

from typing import Any

from tests.access import only, public

NO_MFA = {"staff_without_mfa": "mfa"}
DESK = ("desk_agent", "desk_supervisor")


def desk_case(p: dict[str, Any]) -> Any:
    """A case with one victim and an open Right 6 task, made through the desk's services."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.desk.conftest import integration_for_tests, new_case, new_event, team_for_tests

    team = team_for_tests()
    integration = integration_for_tests(p)
    case = new_case(team=team, integration=integration)
    new_event(case, "arrested", timezone.now() - timedelta(hours=1), integration=integration)
    return case


def desk_victim(p: dict[str, Any]) -> Any:
    return desk_case(p).victims.get()


def desk_referral(p: dict[str, Any]) -> Any:
    """A referral sent to a support service (made directly: no message is needed here)."""
    from django.utils import timezone

    from desk.models import Referral
    from tests.desk.test_referrals import referral_service

    return Referral.objects.create(
        victim=desk_victim(p),
        service=referral_service(),
        basis="not_declined",
        shared=["contact"],
        status="sent",
        sent_at=timezone.now(),
    )


def desk_hold(p: dict[str, Any]) -> Any:
    """A phone channel on hold after an unsafe contact, on a victim's safe contact."""
    from desk.services.contacts import safe_contact_ensure
    from safecontact.services import channel_hold_create

    contact = safe_contact_ensure(actor=p["desk_agent"], victim=desk_victim(p))
    return channel_hold_create(
        actor=p["desk_agent"], contact=contact, channel="phone", reason="unsafe_abandoned"
    )


def desk_task(p: dict[str, Any]) -> dict[str, Any]:
    """The open Right 6 task of a new case."""
    return {"task_id": desk_case(p).tasks.get().pk}


def desk_routed_task(p: dict[str, Any]) -> dict[str, Any]:
    """The task of a feedback comment routed for safeguarding."""
    from tests.feedback.test_form_desk import routed_comment

    return {"task_id": routed_comment().desk_task.pk}


COMPLIANCE = ("desk_supervisor", "analyst")

DECLARATIONS: dict[str, Any] = {
    "desk:queue": only(*DESK),
    "desk:upcoming": only(*DESK),
    "desk:task_claim": only(*DESK, ok=405, kwargs=desk_task),
    "desk:task_release": only(*DESK, ok=405, kwargs=desk_task),
    "desk:task_reassign": only("desk_supervisor", kwargs=desk_task),
    "desk:late_reason": only(*DESK, kwargs=desk_task),
    "desk:routed_task": only(*DESK, kwargs=desk_routed_task),
    "desk:find": only(*DESK),
    "desk:case": only(*DESK, kwargs=lambda p: {"case_id": desk_case(p).pk}),
    "desk:case_new": only(*DESK),
    "desk:case_correct": only(*DESK, kwargs=lambda p: {"case_id": desk_case(p).pk}),
    "desk:event_new": only(*DESK, kwargs=lambda p: {"case_id": desk_case(p).pk}),
    "desk:contact_new": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:agreement": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:safe_contact": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:holds": only("desk_supervisor"),
    "desk:hold_review": only("desk_supervisor", kwargs=lambda p: {"hold_id": desk_hold(p).pk}),
    "desk:compliance": only(*COMPLIANCE),
    "desk:compliance_csv": only(*COMPLIANCE),
    "desk:compliance_xlsx": only(*COMPLIANCE),
    "desk:assessment_new": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:referral_new": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:referral": only(*DESK, kwargs=lambda p: {"referral_id": desk_referral(p).pk}),
    "desk:invitation_new": only(*DESK, kwargs=lambda p: {"victim_id": desk_victim(p).pk}),
    "desk:closures": only("desk_supervisor"),
    "desk:time_limits": only("desk_supervisor"),
    # The integration API (tests/desk/api/): its OpenAPI document is public; the
    # operations are POST only with a bearer token, so GET is refused for all.
    "desk_api:openapi-json": public(overrides=NO_MFA),
    "desk_api:case_receive": public(ok=405, overrides=NO_MFA),
    "desk_api:event_receive": public(ok=405, overrides=NO_MFA),
    # django-ninja's root route has no page (its docs are turned off).
    "desk_api:api-root": public(ok=404, overrides=NO_MFA),
}
