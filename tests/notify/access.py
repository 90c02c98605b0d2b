"""Who may open each URL of the notify app (collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import Declared, only


def _outbox_message(p: dict[str, Any]) -> dict[str, Any]:
    """A message in the outbox (queued, inside the test's transaction) to open."""
    from notify.services import message_send

    message = message_send(
        template="sign_in_code", to_email=p["member"].email, personalisation={"code": "K7Q2XM"}
    )
    return {"message_id": message.pk}


DECLARATIONS: dict[str, Declared] = {
    "notify:outbox": only("programme_admin"),
    "notify:outbox_message": only("programme_admin", kwargs=_outbox_message),
}
