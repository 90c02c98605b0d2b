"""What the crime recording system tells the desk beyond the case itself: a victim's safe
contact, as the source recorded it (desk/api.py, in the same transaction as case_receive).

The desk's own record wins where it is safer. The first time a victim's safe contact
arrives it is taken as sent. After that the source can only make it safer: a channel it
says is not safe is closed, but a channel it says is safe is not opened again (a desk agent
agrees that with the victim: they may have closed it after an unsafe call), and a phone
number, email address or postal address fills in only one the desk does not yet hold (the
victim may have given the desk a safer one). Written through safecontact's own service,
which writes its audit event (`safecontact.changed`, field names only)."""

from __future__ import annotations

from typing import Any

from desk.models import Victim
from safecontact.models import SafeContact
from safecontact.services import BOOLEAN_FIELDS, safe_contact_apply

SOURCE_FIELDS = (*BOOLEAN_FIELDS, "phone", "email", "address")


def victim_safe_contact_from_source(*, victim: Victim, fields: dict[str, Any]) -> list[str]:
    """Apply the source system's safe contact for `victim` (inside the caller's
    transaction); the names of the fields that changed. `fields` holds the `may_*`
    booleans and, where the source has them, `phone`, `email` and `address` (None or
    absent: not known to the source)."""
    given = {name: fields[name] for name in SOURCE_FIELDS if fields.get(name) is not None}
    contact = SafeContact.objects.filter(victim=victim).first()
    if contact is None:
        return safe_contact_apply(SafeContact(victim=victim), actor=None, fields=given)
    safer: dict[str, Any] = {}
    for name, value in given.items():
        if name in BOOLEAN_FIELDS:
            if value is False and getattr(contact, name):
                safer[name] = False
        elif not getattr(contact, name) and str(value).strip():
            safer[name] = value
    return safe_contact_apply(contact, actor=None, fields=safer) if safer else []
