"""Who may open each URL of the dashboards app (merged into tests/access_declarations.py).

The feedback dashboards and their exports are for analysts, police leads and the programme
team; the officer's own view is the officer's only. Journeys: tests/test_feedback_dashboards*.py.
"""

from typing import Any

from tests.access_declarations import EVERYONE, SIGNED_IN, Declared, only, public  # noqa: F401

LEADERS = ("analyst", "police_lead", "programme_admin")

DECLARATIONS: dict[str, Any] = {
    "dashboards:index": only(*LEADERS),
    "dashboards:export_csv": only(*LEADERS),
    "dashboards:export_xlsx": only(*LEADERS),
    "dashboards:mine": only("officer"),
}
