"""Who may open each URL of the pages app (collected by tests/project/access_all.py)."""

from tests.access import Declared, public

DECLARATIONS: dict[str, Declared] = {
    "pages:home": public(),
    "pages:healthz": public(),
    "pages:privacy": public(),
    "pages:accessibility": public(),
    "pages:cookies": public(),
    "pages:feedback": public(),
    "pages:feedback_sent": public(),
}
