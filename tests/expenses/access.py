"""Who may open each URL of the expenses app (collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import Declared, only


def _portal_place(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import member_place

    member_place(p)
    return {}


# Expenses ----------------------------------------------------------------------------------
# Members claim (their own claims only); the programme team decides, pays and exports.
# Facilitators see no expenses. Receipts: the claimant and the programme team (another
# member gets 404: tests/expenses/test_expenses_pages.py).
def _expense_claim(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import claim

    return {"claim_id": claim(p).pk}


DECLARATIONS: dict[str, Declared] = {
    "expenses:mine": only("member"),
    "expenses:claim_new": only("member", kwargs=_portal_place),
    "expenses:receipt": only("member", "programme_admin", kwargs=_expense_claim),
    "expenses:queue": only("programme_admin"),
    "expenses:claim": only("programme_admin", kwargs=_expense_claim),
    "expenses:claim_paid": only("programme_admin", ok=405, kwargs=_expense_claim),  # POST only
    "expenses:incentives": only("programme_admin", ok=405),  # POST only: test_expenses_rules
    "expenses:export": only("programme_admin"),
}
