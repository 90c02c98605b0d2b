"""Writing the audit trail. Services call these in the same transaction as the change."""

from collections.abc import Iterable
from typing import Any

from django.db import models

from privacy.audit_events import AUDIT_SEARCHED, VIEW_IDENTITY, EventType, registry
from privacy.models import AuditEvent


def _object_ref(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor: Any,
    action: EventType | str,
    obj: models.Model | None = None,
    fields: Iterable[str] = (),
    note: str = "",
) -> AuditEvent:
    """Append one audit event of a registered type (privacy/audit_events.py). `fields` are
    names only, among those the event declares; `note` must hold no personal data."""
    event = registry.get(action)
    fields = sorted(set(fields))
    undeclared = set(fields) - set(event.fields)
    if undeclared and "*" not in event.fields:
        raise ValueError(
            f"Audit event {event.name} does not declare the fields {sorted(undeclared)}."
        )
    object_type, object_id = _object_ref(obj)
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor_id=actor_id,
        action=event.name,
        object_type=object_type,
        object_id=object_id,
        fields=fields,
        note=note[:200],
    )


def audit_identity_viewed(*, viewer: Any, person: models.Model) -> AuditEvent:
    """Record that a page showing a person's identity was shown to `viewer`."""
    return audit_record(actor=viewer, action=VIEW_IDENTITY, obj=person)


def audit_log_searched(*, viewer: Any, filters: dict[str, Any], page: int) -> AuditEvent:
    """Record that `viewer` searched the audit log.

    The note names the filters used and the values of those that hold no personal data
    (part of the service, event, type of record, dates). A search for one person's actions
    is recorded with that person as the object, as a view of their identity would be; a
    record number is recorded only as having been used.
    """
    shown = []
    for name in ("app", "action", "object_type", "object_id", "actor", "date_from", "date_to"):
        if name not in filters:
            continue
        if name in ("app", "action", "object_type", "date_from", "date_to"):
            shown.append(f"{name}={filters[name]}")
        else:
            shown.append(name)
    note = f"filters: {', '.join(shown) or 'none'}; page {page}"
    return audit_record(
        actor=viewer,
        action=AUDIT_SEARCHED,
        obj=filters.get("actor"),
        note=note,
    )
