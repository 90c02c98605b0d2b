"""Who may open each URL of the Victim Focus Desk (collected by tests/project/access_all.py).

Desk agents and desk supervisors work every case; only a supervisor reassigns work, reviews
channel holds and sets closed days and time limits; compliance is the supervisor's and, in
aggregate, the analyst's. Nobody else reaches any desk page. The API authenticates by
bearer token (tests/desk/test_api.py)."""

from typing import Any

from tests.access import only, public

NO_MFA = {"staff_without_mfa": "mfa"}
DESK = ("desk_agent", "desk_supervisor")


def desk_case(p: dict[str, Any]) -> Any:
    """A case with one victim and an open Right 6 task, made through the desk's services."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.desk.conftest import new_case, new_event, team_for_tests, integration_for_tests

    team = team_for_tests()
    integration = integration_for_tests(p)
    case = new_case(team=team, integration=integration)
    new_event(case, "arrested", timezone.now() - timedelta(hours=1), integration=integration)
    return case


COMPLIANCE = ("desk_supervisor", "analyst")

DECLARATIONS: dict[str, Any] = {
    "desk:compliance": only(*COMPLIANCE),
    "desk:compliance_csv": only(*COMPLIANCE),
    "desk:compliance_xlsx": only(*COMPLIANCE),
}
