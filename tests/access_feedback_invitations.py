"""Who may open each URL of feedback_invitations (merged into tests/access_declarations.py)."""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401

DECLARATIONS: dict[str, Any] = {}
