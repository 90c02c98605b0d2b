"""Who may open every URL in the project. tests/test_persona_matrix.py enumerates every URL
pattern and fails for any that is not declared here, so every new page declares its reach.

Outcomes: an HTTP status (200, 403, 404, 405, 302) or "login" (redirected to sign-in) or
"mfa" (a staff account without MFA, redirected to MFA set-up).
Default rules for a declaration with `allow` = set of persona keys:
  - personas in `allow` get `ok` (200 unless said);
  - "anonymous" gets "login"; "staff_without_mfa" gets "mfa" (staff pages) unless listed;
  - every other signed-in persona gets `denied` (403 unless said);
  - `overrides` sets any persona's outcome explicitly (e.g. 404 for another forum's facilitator).
`allow=EVERYONE` means public: every persona, signed in or not, gets `ok`.
`kwargs` builds the URL's arguments from the personas dict (key -> User).
`not_a_page` marks URLs the matrix cannot fetch with a plain GET (give the reason); they are
still listed here so that nothing is forgotten, and must be covered by their own tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EVERYONE = "everyone"
Outcome = int | str


@dataclass(frozen=True)
class Declared:
    allow: frozenset[str] | str = frozenset()
    ok: Outcome = 200
    denied: Outcome = 403
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    overrides: dict[str, Outcome] = field(default_factory=dict)
    not_a_page: str = ""


def only(*keys: str, **extra: Any) -> Declared:
    return Declared(allow=frozenset(keys), **extra)


def public(**extra: Any) -> Declared:
    return Declared(allow=EVERYONE, **extra)


def _outbox_message(p: dict[str, Any]) -> dict[str, Any]:
    """A message in the outbox (queued, inside the test's transaction) to open."""
    from notify.services import message_send

    message = message_send(
        template="sign_in_code", to_email=p["member"].email, personalisation={"code": "K7Q2XM"}
    )
    return {"message_id": message.pk}


def _person(p: dict[str, Any]) -> dict[str, Any]:
    """A member of staff for the people pages to show: the officer."""
    return {"person_id": p["officer"].pk}


def _officer_role(p: dict[str, Any]) -> dict[str, Any]:
    officer = p["officer"]
    return {"person_id": officer.pk, "assignment_id": officer.role_assignments.current().get().pk}


def _forum_a(p: dict[str, Any]) -> dict[str, Any]:
    return {"forum_id": p["facilitator_forum_a"].role_assignments.current().get().forums.get().pk}


SIGNED_IN = frozenset(
    {
        "programme_admin",
        "facilitator_forum_a",
        "facilitator_partner",
        "panel_oversight",
        "panel_police",
        "panel_facilitator",
        "police_lead",
        "partner_agency",
        "analyst",
        "officer",
        "desk_agent",
        "dpo",
        "member",
        "outsider",
    }
)  # every signed-in persona but staff_without_mfa (who is sent to MFA set-up)
WITH_A_ROLE = SIGNED_IN - {"outsider"}


DECLARATIONS: dict[str, Declared] = {
    "pages:home": public(),
    "pages:healthz": public(),
    "pages:privacy": public(),
    "pages:accessibility": public(),
    "pages:cookies": public(),
    "pages:feedback": public(),
    "pages:feedback_sent": public(),
    "pages:coming_soon": public(kwargs=lambda p: {"topic": "apply"}),
    "set_language": public(ok=405, not_a_page="POST only; tested in test_language_switch"),
    # Messages
    "notify:outbox": only("programme_admin"),
    "notify:outbox_message": only("programme_admin", kwargs=_outbox_message),
    # People, dashboards and forums
    "accounts:dashboard": Declared(allow=SIGNED_IN, ok=302),
    "accounts:no_access": only("outsider", overrides={k: 302 for k in WITH_A_ROLE}),
    "accounts:dashboard_programme_admin": only("programme_admin"),
    "accounts:dashboard_dpo": only("dpo"),
    "accounts:dashboard_facilitator": only("facilitator_forum_a", "facilitator_partner"),
    "accounts:dashboard_vetting_panel": only(
        "panel_oversight", "panel_police", "panel_facilitator"
    ),
    "accounts:dashboard_police_lead": only("police_lead"),
    "accounts:dashboard_partner_agency": only("partner_agency"),
    "accounts:dashboard_analyst": only("analyst"),
    "accounts:dashboard_officer": only("officer"),
    "accounts:dashboard_desk_agent": only("desk_agent"),
    "accounts:dashboard_member": only("member"),
    "accounts:people": only("programme_admin"),
    "accounts:person_invite": only("programme_admin"),
    "accounts:person": only("programme_admin", kwargs=_person),
    "accounts:role_assign": only("programme_admin", kwargs=_person),
    "accounts:role_remove": only("programme_admin", kwargs=_officer_role),
    "accounts:person_deactivate": only("programme_admin", kwargs=_person),
    "accounts:person_reactivate": only("programme_admin", kwargs=_person),
    "forums:list": only("programme_admin", "facilitator_forum_a", "facilitator_partner"),
    "forums:detail": only(
        "programme_admin",
        "facilitator_forum_a",
        kwargs=_forum_a,
        overrides={"facilitator_partner": 404},
    ),
    # Privacy team
    "privacy:audit_log": only("dpo"),
}
