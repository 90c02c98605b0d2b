"""Reads for the privacy team: the audit log."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import RoleAssignment
from accounts.roles import Role
from privacy.audit_events import registry
from privacy.models import AuditEvent


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(*, viewer: Any, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    """Audit events matching `filters`, newest first, with each actor and their current roles.

    Only the data protection officer may search the log. `filters` may hold: app (the
    events an app declares), action (one registered event; rows stored under a generic
    action before the event was declared count as it), object_type, object_id, actor (a
    User), date_from and date_to (dates, inclusive, in the service's time zone).
    """
    if not viewer.has_role(Role.DATA_PROTECTION_OFFICER):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor").prefetch_related(
        Prefetch(
            "actor__role_assignments",
            queryset=RoleAssignment.objects.current().only("id", "user_id", "role"),
            to_attr="current_roles",
        )
    )
    if filters.get("app"):
        names = [e.name for e in registry.events() if e.app == filters["app"]]
        events = events.filter(registry.filter_q(names))
    if filters.get("action"):
        events = events.filter(registry.filter_q([filters["action"]]))
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        events = events.filter(object_id=filters["object_id"])
    if filters.get("actor") is not None:
        events = events.filter(actor_id=filters["actor"].pk)
    if filters.get("date_from"):
        events = events.filter(occurred_at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        next_day = filters["date_to"] + datetime.timedelta(days=1)
        events = events.filter(occurred_at__lt=_start_of(next_day))
    return events.order_by("-occurred_at", "-id")


def audit_object_types() -> list[str]:
    """The types of record that appear in the audit log, for the filter's list."""
    return list(
        AuditEvent.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
