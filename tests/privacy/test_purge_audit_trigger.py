"""The audit log's append-only trigger lets only the purge delete, and only expired events."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from accounts.models import User
from privacy import purge
from privacy.audit import audit_record
from privacy.models import AuditAction, AuditEvent
from privacy.purge import purge_expired

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The audit purge trigger is PostgreSQL's; run with DATABASE_URL=postgres://… to prove it.",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Checks the SQLite trigger used in development."
)


def test_the_audit_purge_cannot_delete_events_newer_than_the_cutoff(
    personas: dict[str, User],
) -> None:
    old = audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="old")
    new = audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="new")
    cutoff = timezone.now() - timedelta(days=1)
    # Hand the delete both events under a cutoff older than both: the database refuses.
    token = purge._cutoff.set(cutoff)
    try:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            purge.audit_delete_batch(AuditEvent._base_manager.filter(pk__in=[old.pk, new.pk]))
    finally:
        purge._cutoff.reset(token)
    assert AuditEvent.objects.filter(pk__in=[old.pk, new.pk]).count() == 2
    if connection.vendor == "sqlite":  # the rollback took the purge's switch with it
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM privacy_audit_purge_control")
            assert cursor.fetchone() == (0,)
    refused("DELETE FROM privacy_auditevent WHERE id = %s", [old.pk])


def test_the_audit_delete_refuses_to_run_outside_the_purge() -> None:
    event = audit_record(actor=None, action=AuditAction.KEYS_ROTATED)
    with pytest.raises(RuntimeError):
        purge.audit_delete_batch(AuditEvent._base_manager.filter(pk=event.pk))


def refused(sql: str, params: list[Any] | None = None) -> None:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    assert "append-only" in str(error.value)


@on_postgresql
def test_on_postgresql_the_purge_removes_old_audit_events_and_a_plain_delete_still_fails() -> None:
    old = audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="old")
    new = audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="new")
    later = timezone.now() + timedelta(days=3000)

    refused("DELETE FROM privacy_auditevent WHERE id = %s", [old.pk])
    purge_expired(now=later, rules=["privacy.audit_log"])
    assert not AuditEvent.objects.filter(pk__in=[old.pk, new.pk]).exists()

    # After the purge's transaction, this connection is as locked down as before.
    event = audit_record(actor=None, action=AuditAction.KEYS_ROTATED)
    refused("DELETE FROM privacy_auditevent WHERE id = %s", [event.pk])


@on_postgresql
def test_on_postgresql_the_purge_switch_never_allows_update_truncate_or_newer_rows() -> None:
    event = audit_record(actor=None, action=AuditAction.KEYS_ROTATED)
    opened = (
        "SET LOCAL victimvoice.audit_purge = 'on'; "
        "SELECT set_config('victimvoice.audit_purge_before', %s, true); "
    )
    past = (timezone.now() - timedelta(days=1)).isoformat()
    future = (timezone.now() + timedelta(days=1)).isoformat()
    refused(opened + "DELETE FROM privacy_auditevent WHERE id = %s", [past, event.pk])  # noqa: S608
    refused(opened + "UPDATE privacy_auditevent SET note = 'x' WHERE id = %s", [future, event.pk])  # noqa: S608
    refused(opened + "TRUNCATE privacy_auditevent", [future])
    refused("SET LOCAL victimvoice.audit_purge = 'on'; DELETE FROM privacy_auditevent")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@on_sqlite
def test_on_sqlite_a_plain_delete_still_fails_and_the_purge_leaves_no_switch_behind() -> None:
    old = audit_record(actor=None, action=AuditAction.KEYS_ROTATED)
    refused("DELETE FROM privacy_auditevent WHERE id = %s", [old.pk])

    purge_expired(now=timezone.now() + timedelta(days=3000), rules=["privacy.audit_log"])

    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM privacy_audit_purge_control")
        assert cursor.fetchone() == (0,)
    event = audit_record(actor=None, action=AuditAction.KEYS_ROTATED)
    refused("DELETE FROM privacy_auditevent WHERE id = %s", [event.pk])
