"""Who may open each URL of the redaction app (collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import Declared, only


def _redaction_item(p: dict[str, Any]) -> dict[str, Any]:
    """A text waiting for review (inside the test's transaction) to open."""
    from redaction.services import redaction_prepare

    item = redaction_prepare(text="Call Gary Oakes on 07700 900123.", purpose="demo")
    return {"item_id": item.pk}


DECLARATIONS: dict[str, Declared] = {
    # Redaction review
    "redaction:queue": only("programme_admin"),
    "redaction:review": only("programme_admin", kwargs=_redaction_item),
    "redaction:release": only("programme_admin", kwargs=_redaction_item),
    "redaction:undo": only(
        "programme_admin",
        kwargs=_redaction_item,
        not_a_page="POST only; tested in redaction/test_review",
    ),
}
