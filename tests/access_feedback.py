"""Who may open each URL of the feedback app (merged into tests/access_declarations.py).

The form is public: a code that is not ours is the friendly 404 page; the form's pages
without a started form go back to the start (302); the thanks page shows its general
version. The queue of routed comments is the Victim Focus Desk's (tests/test_feedback_form_desk.py)."""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401

# Staff who have not set up MFA reach only MFA set-up, even on public pages.
NO_MFA = {"staff_without_mfa": "mfa"}


def _routed(p: dict[str, Any]) -> dict[str, Any]:
    from tests.test_feedback_form_desk import routed_comment

    return {"routed_id": routed_comment().pk}


DECLARATIONS: dict[str, Any] = {
    "feedback:code": public(
        ok=404, kwargs=lambda p: {"code": "not-a-code-of-ours"}, overrides=NO_MFA
    ),
    "feedback:start": public(overrides=NO_MFA),
    "feedback:team": public(ok=302, overrides=NO_MFA),  # no borough chosen: back to the start
    "feedback:questions": public(ok=302, overrides=NO_MFA),
    "feedback:equality": public(ok=302, overrides=NO_MFA),
    "feedback:thanks": public(overrides=NO_MFA),
    "feedback:routed_queue": only("desk_agent"),
    "feedback:routed_handle": only("desk_agent", ok=405, kwargs=_routed),
}
