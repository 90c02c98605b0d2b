"""The audit log is append-only: the model, the queryset and the database all refuse change."""

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction

from privacy.audit import audit_identity_viewed, audit_record
from privacy.models import AuditAction, AuditEvent

TABLE = AuditEvent._meta.db_table

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The UPDATE, DELETE and TRUNCATE triggers are PostgreSQL's; "
    "run with DATABASE_URL=postgres://… to prove them.",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Checks the SQLite triggers used in development."
)


def snapshot() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, action, object_type, object_id, note FROM {TABLE} ORDER BY id"  # noqa: S608
        )
        return cursor.fetchall()


@pytest.fixture
def events(personas: dict[str, Any]) -> list[AuditEvent]:
    dpo = personas["dpo"]
    return [
        audit_record(
            actor=dpo,
            action=AuditAction.PERSON_CHANGED,
            obj=personas["member"],
            fields=["email", "name", "email"],
            note="Changed by the test",
        ),
        audit_identity_viewed(viewer=dpo, person=personas["member"]),
    ]


# Writing


def test_audit_record_stores_field_names_once_sorted_and_the_object(
    events: list[AuditEvent], personas: dict[str, Any]
) -> None:
    event = AuditEvent.objects.get(pk=events[0].pk)
    assert event.actor_id == personas["dpo"].pk
    assert event.action == AuditAction.PERSON_CHANGED
    assert event.object_type == "accounts.user"
    assert event.object_id == str(personas["member"].pk)
    assert event.fields == ["email", "name"]


def test_an_identity_view_is_recorded(events: list[AuditEvent], personas: dict[str, Any]) -> None:
    event = AuditEvent.objects.get(pk=events[1].pk)
    assert event.action == AuditAction.VIEW_IDENTITY
    assert event.object_id == str(personas["member"].pk)


def test_an_anonymous_actor_is_recorded_as_nobody() -> None:
    from django.contrib.auth.models import AnonymousUser

    event = audit_record(actor=AnonymousUser(), action=AuditAction.SIGN_IN_FAILED)
    assert event.actor_id is None


# The model and queryset refuse


def test_saving_an_existing_event_again_is_refused(events: list[AuditEvent]) -> None:
    before = snapshot()
    event = AuditEvent.objects.get(pk=events[0].pk)
    event.note = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert snapshot() == before


def test_deleting_an_event_is_refused(events: list[AuditEvent]) -> None:
    with pytest.raises(PermissionError):
        events[0].delete()
    assert AuditEvent.objects.filter(pk=events[0].pk).exists()


def test_updating_events_through_a_queryset_is_refused(events: list[AuditEvent]) -> None:
    before = snapshot()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=events[0].pk).update(note="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(note="rewritten")
    assert snapshot() == before


def test_deleting_events_through_a_queryset_is_refused(events: list[AuditEvent]) -> None:
    before = snapshot()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=events[0].pk).delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert snapshot() == before


def test_bulk_update_is_refused(events: list[AuditEvent]) -> None:
    before = snapshot()
    for event in events:
        event.note = "rewritten"
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_update(events, ["note"])
    assert snapshot() == before


# The database refuses: PostgreSQL


def refused(sql: str, params: list[Any] | None = None) -> None:
    """Run `sql` in a savepoint and assert the database refused it."""
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert "append-only" in str(error.value)


@on_postgresql
def test_postgresql_refuses_sql_update(events: list[AuditEvent]) -> None:
    before = snapshot()
    refused(f"UPDATE {TABLE} SET note = 'rewritten' WHERE id = %s", [events[0].pk])  # noqa: S608
    refused(f"UPDATE {TABLE} SET action = 'sign_in'")  # noqa: S608
    assert snapshot() == before


@on_postgresql
def test_postgresql_refuses_sql_delete(events: list[AuditEvent]) -> None:
    before = snapshot()
    refused(f"DELETE FROM {TABLE} WHERE id = %s", [events[0].pk])  # noqa: S608
    refused(f"DELETE FROM {TABLE}")  # noqa: S608
    assert snapshot() == before


@on_postgresql
def test_postgresql_refuses_truncate(events: list[AuditEvent]) -> None:
    before = snapshot()
    refused(f"TRUNCATE {TABLE}")
    refused(f"TRUNCATE {TABLE} RESTART IDENTITY CASCADE")
    assert snapshot() == before
    assert len(before) >= 2


@on_postgresql
def test_postgresql_still_accepts_new_events(events: list[AuditEvent]) -> None:
    before = len(snapshot())
    audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="counts only")
    assert len(snapshot()) == before + 1


# The database refuses: SQLite (development)


@on_sqlite
def test_sqlite_refuses_sql_update_and_delete(events: list[AuditEvent]) -> None:
    before = snapshot()
    refused(f"UPDATE {TABLE} SET note = 'rewritten' WHERE id = %s", [events[0].pk])  # noqa: S608
    refused(f"DELETE FROM {TABLE} WHERE id = %s", [events[0].pk])  # noqa: S608
    refused(f"DELETE FROM {TABLE}")  # noqa: S608
    assert snapshot() == before
