"""Who may open each URL of yousaid (merged into tests/access_declarations.py)."""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401

DECLARATIONS: dict[str, Any] = {
    # The public "you said, we did" page: anyone, signed in or not.
    "yousaid:public": public(),
}
