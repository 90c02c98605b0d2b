"""Who may open each URL of the dashboards app (collected by tests/project/access_all.py).

The feedback dashboards and their exports are for analysts, police leads and the programme
team; the officer's own view is the officer's only. Journeys: tests/dashboards/test_*.py.
"""

from typing import Any

from tests.access import only

LEADERS = ("analyst", "police_lead", "programme_admin")

DECLARATIONS: dict[str, Any] = {
    "dashboards:index": only(*LEADERS),
    "dashboards:export_csv": only(*LEADERS),
    "dashboards:export_xlsx": only(*LEADERS),
    "dashboards:mine": only("officer"),
}
