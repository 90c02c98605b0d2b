"""The helpers every app's access declarations use (tests/<app>/access.py), and nothing
else: the declarations import this module, never the other way round.
tests/project/access_all.py collects every app's DECLARATIONS for the persona matrix
(tests/project/test_persona_matrix.py), which enumerates every URL pattern and fails for any
that is not declared, so every new page declares its reach.

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
still listed so that nothing is forgotten, and must be covered by their own tests.
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
        "desk_supervisor",
        "dpo",
        "member",
        "outsider",
    }
)  # every signed-in persona but staff_without_mfa (who is sent to MFA set-up)
WITH_A_ROLE = SIGNED_IN - {"outsider"}


def expected_outcome(declared: Declared, persona: str) -> Outcome:
    """What `persona` gets from a URL declared `declared` (the rules above)."""
    if persona in declared.overrides:
        return declared.overrides[persona]
    if declared.allow == EVERYONE or persona in declared.allow:
        return declared.ok
    if persona == "anonymous":
        return "login"
    if persona == "staff_without_mfa":
        return "mfa"
    return declared.denied
