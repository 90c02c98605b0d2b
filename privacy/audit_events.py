"""The registry of audit event types, and the privacy team's own events.

Each app declares the kinds of event its services write once, in its own `audit_events.py`,
next to its services: the stored name, a label (English here, Welsh from the message
catalogue), the fields it records (names only, never values) and whether it reads a
person's identity. PrivacyConfig.ready() imports every app's `audit_events` module, as it
does the retention rules. `privacy.audit.audit_record` refuses an event that is not
registered; the audit log page filters by app and event; docs/audit.md is generated from
this registry (`make docs`).

Rows written before an event was declared were stored under a generic action
("person_changed", "retention_purged", "view_identity") with the real event in the note.
They are never rewritten (the audit table is append-only, and a migration that rewrote
rows would need the database to allow UPDATE on it). Each event names instead the notes
such rows carry (`was`), and the log reads them as that event, in labels and in filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from privacy.models.audit import AuditAction


@dataclass(frozen=True)
class Legacy:
    """How rows written before an event was declared show it: the generic action stored and
    the note it wrote (`prefix`: the note begins with it, for notes that carried values)."""

    action: str
    note: str
    prefix: bool = False

    def matches(self, action: str, note: str) -> bool:
        if action != self.action:
            return False
        return note.startswith(self.note) if self.prefix else note == self.note

    def q(self) -> Q:
        lookup = "note__startswith" if self.prefix else "note"
        return Q(action=self.action, **{lookup: self.note})


@dataclass(frozen=True)
class EventType:
    name: str  # stored in AuditEvent.action: "forums.meeting_cancelled", or a core name
    label: str | Promise  # gettext_lazy: "Cancelled a meeting"
    app: str  # the app label whose services write it
    fields: tuple[str, ...] = ()  # the names of the fields it may record
    reads_identity: bool = False  # it records that someone was shown who a person is
    was: tuple[Legacy, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.name


class UnknownEvent(LookupError):
    pass


class AuditEventRegistry:
    def __init__(self) -> None:
        self._events: dict[str, EventType] = {}
        self._apps: dict[str, str | Promise] = {}

    def app(self, app: str, label: str | Promise) -> AppEvents:
        """Declare an app that writes audit events, with its name for the log's filter."""
        if app in self._apps:
            raise ValueError(f"Audit events of {app} are declared twice.")
        self._apps[app] = label
        return AppEvents(self, app)

    def register(self, event: EventType) -> EventType:
        if event.name in self._events:
            raise ValueError(f"Audit event {event.name} is already registered.")
        if event.app not in self._apps:
            raise ValueError(f"Audit event {event.name}: declare the app {event.app} first.")
        if not str(event.label).strip():
            raise ValueError(f"Audit event {event.name} needs a label.")
        if len(event.name) > 60:
            raise ValueError(f"Audit event {event.name}: a name is at most 60 characters.")
        self._events[event.name] = event
        return event

    def get(self, name: str | EventType) -> EventType:
        key = name.name if isinstance(name, EventType) else str(name)
        try:
            event = self._events[key]
        except KeyError:
            raise UnknownEvent(f"{key} is not a registered audit event.") from None
        if isinstance(name, EventType) and name is not event and name != event:
            raise UnknownEvent(f"{key} is registered as a different event.")
        return event

    def events(self) -> list[EventType]:
        """Every event, by app then name."""
        return sorted(self._events.values(), key=lambda e: (e.app, e.name))

    def apps(self) -> dict[str, str | Promise]:
        """The apps that declare events, with their names, in the order of their labels."""
        return dict(sorted(self._apps.items()))

    def app_label(self, app: str) -> str | Promise:
        return self._apps.get(app, app)

    def for_row(self, action: str, note: str) -> EventType | None:
        """The event a stored row records: its own action, or the event whose old generic
        form it was written in (the longest matching note wins)."""
        best: tuple[int, EventType] | None = None
        for event in self._events.values():
            for legacy in event.was:
                if legacy.matches(action, note) and (best is None or len(legacy.note) > best[0]):
                    best = (len(legacy.note), event)
        if best is not None:
            return best[1]
        return self._events.get(action)

    def label_for_row(self, action: str, note: str) -> str:
        event = self.for_row(action, note)
        return str(event.label) if event is not None else action

    def filter_q(self, names: Iterable[str]) -> Q:
        """The rows that record any of these events, old generic rows included."""
        query = Q(pk__in=[])
        legacy_all = [legacy for event in self._events.values() for legacy in event.was]
        for name in names:
            event = self.get(name)
            own = Q(action=event.name)
            # A generic action's own rows are those that no specific event claims.
            for legacy in legacy_all:
                if legacy.action == event.name:
                    own &= ~legacy.q()
            query |= own
            for legacy in event.was:
                query |= legacy.q()
        return query


registry = AuditEventRegistry()


class AppEvents:
    """One app's declarations: `events = registry.app("forums", _("Forums"))`, then
    `MEETING_CANCELLED = events.add("forums.meeting_cancelled", _("Cancelled a meeting"))`."""

    def __init__(self, registry: AuditEventRegistry, app: str) -> None:
        self.registry = registry
        self.app = app

    def add(
        self,
        name: str,
        label: str | Promise,
        *,
        fields: Iterable[str] = (),
        reads_identity: bool = False,
        was: Iterable[Legacy | str] = (),
        **kwargs: Any,
    ) -> EventType:
        """Register one event. `was` holds the notes its rows carried as "person_changed"
        (a string; ending in "*" for a prefix) or Legacy(...) for another generic action."""
        legacies = tuple(
            item
            if isinstance(item, Legacy)
            else Legacy(AuditAction.PERSON_CHANGED.value, item.rstrip("*"), item.endswith("*"))
            for item in was
        )
        return self.registry.register(
            EventType(
                name=name,
                label=label,
                app=self.app,
                fields=tuple(fields),
                reads_identity=reads_identity,
                was=legacies,
                **kwargs,
            )
        )

    def core(self, action: AuditAction, **kwargs: Any) -> EventType:
        """Register one of the core events (AuditAction), under its stored name and label."""
        return self.add(action.value, action.label, **kwargs)


# The privacy team's events ---------------------------------------------------------------

events = registry.app("privacy", _("Privacy and data protection"))

VIEW_IDENTITY = events.core(AuditAction.VIEW_IDENTITY, reads_identity=True)
AUDIT_SEARCHED = events.core(AuditAction.AUDIT_SEARCHED)
RETENTION_PURGED = events.core(AuditAction.RETENTION_PURGED)
LEGAL_HOLD_PLACED = events.core(AuditAction.LEGAL_HOLD_PLACED, fields=["reason"])
LEGAL_HOLD_RELEASED = events.core(
    AuditAction.LEGAL_HOLD_RELEASED, fields=["released_at", "released_by"]
)
SUBJECT_SEARCHED = events.core(AuditAction.SUBJECT_SEARCHED, reads_identity=True)
SUBJECT_EXPORTED = events.core(AuditAction.SUBJECT_EXPORTED, reads_identity=True)
SUBJECT_ERASED = events.core(AuditAction.SUBJECT_ERASED)
KEYS_ROTATED = events.core(AuditAction.KEYS_ROTATED)
