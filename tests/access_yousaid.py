"""Who may open each URL of yousaid (merged into tests/access_declarations.py)."""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401


def _meeting_of_forum_a(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal_fixtures import meeting

    return {"meeting_id": meeting(p, days=12).pk}


DECLARATIONS: dict[str, Any] = {
    # The public "you said, we did" page: anyone, signed in or not.
    "yousaid:public": public(overrides={"staff_without_mfa": "mfa"}),
    # The forum team's button on a meeting page (POST only: a GET is refused with 405 once
    # the role is checked; tests/test_you_said_we_did.py posts as every persona).
    "insights:yousaid_agenda": only(
        "programme_admin",
        "facilitator_forum_a",
        ok=405,
        kwargs=_meeting_of_forum_a,
        overrides={"facilitator_partner": 405},
    ),
}
