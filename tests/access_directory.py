"""Who may open each URL of the directory app (merged into tests/access_declarations.py)."""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401

# Public pages; a member of staff who has not set up MFA is sent to set it up first.
_NO_MFA = {"staff_without_mfa": "mfa"}

DECLARATIONS: dict[str, Any] = {
    "directory:rights": public(overrides=_NO_MFA),
    "directory:right": public(
        kwargs=lambda p: {"slug": "victim-personal-statement"}, overrides=_NO_MFA
    ),
    "directory:services": public(overrides=_NO_MFA),
    "directory:service": public(
        ok=404, kwargs=lambda p: {"slug": "no-such-service"}, overrides=_NO_MFA
    ),
}
