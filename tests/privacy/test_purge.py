"""The nightly purge: every retention rule removes what has expired, and only that."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from accounts.roles import Role
from accounts.services import person_deactivate, role_assign
from lib.scheduler import SCHEDULE, job_task
from notify.models import Message
from notify.services import message_send
from pages.models import ServiceFeedback
from privacy import purge
from privacy.audit import audit_record
from privacy.models import AuditAction, AuditEvent, RetentionReceipt
from privacy.purge import purge_expired
from privacy.retention import registry
from privacy.tasks import purge_expired as purge_task

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="The audit purge trigger is PostgreSQL's; run with DATABASE_URL=postgres://… to prove it.",
)
on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="Checks the SQLite trigger used in development."
)


# One maker per rule: creates one row of the rule's category whose clock is about `now`,
# and returns a function telling whether the row still holds personal data.
Maker = Callable[[dict[str, User]], Callable[[], bool]]


def _exists(model: Any, pk: Any) -> Callable[[], bool]:
    return lambda: model._base_manager.filter(pk=pk).exists()


def make_message(p: dict[str, User]) -> Callable[[], bool]:
    message = message_send(
        template="sign_in_code", to_email="someone@example.org", personalisation={"code": "1"}
    )
    return _exists(Message, message.pk)


def make_feedback(p: dict[str, User]) -> Callable[[], bool]:
    return _exists(ServiceFeedback, ServiceFeedback.objects.create(satisfaction="satisfied").pk)


def make_session(p: dict[str, User]) -> Callable[[], bool]:
    session = Session.objects.create(
        session_key=uuid.uuid4().hex, session_data="", expire_date=timezone.now()
    )
    return _exists(Session, session.pk)


def make_user_session(p: dict[str, User]) -> Callable[[], bool]:
    user_session = UserSession.objects.create(
        user=p["officer"], ip="192.0.2.10", session_key=uuid.uuid4().hex, user_agent="Firefox"
    )
    return _exists(UserSession, user_session.pk)


def make_admin_log(p: dict[str, User]) -> Callable[[], bool]:
    entry = LogEntry.objects.create(
        user=p["programme_admin"],
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(p["officer"].pk),
        object_repr="Someone",
        action_flag=ADDITION,
    )
    return _exists(LogEntry, entry.pk)


def make_deactivated_staff(p: dict[str, User]) -> Callable[[], bool]:
    admin = p["programme_admin"]
    user = User.objects.create_user("leaver@example.org", full_name="Lee Leaver")
    role_assign(actor=admin, user=user, role=Role.ANALYST)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    person_deactivate(actor=admin, user=user)

    def still_personal() -> bool:
        user.refresh_from_db()
        assert User.objects.filter(pk=user.pk).exists()  # anonymised, never deleted
        return user.full_name == "Lee Leaver" or EmailAddress.objects.filter(user=user).exists()

    return still_personal


def make_audit_event(p: dict[str, User]) -> Callable[[], bool]:
    event = audit_record(actor=p["dpo"], action=AuditAction.PERSON_CHANGED, obj=p["officer"])
    return _exists(AuditEvent, event.pk)


def make_sign_in_record(p: dict[str, User]) -> Callable[[], bool]:
    event = audit_record(actor=p["officer"], action=AuditAction.SIGN_IN)
    return _exists(AuditEvent, event.pk)


def make_receipt(p: dict[str, User]) -> Callable[[], bool]:
    receipt = RetentionReceipt.objects.create(
        run_id=uuid.uuid4(), rule="x", category="x", action="delete", completed=True
    )
    return _exists(RetentionReceipt, receipt.pk)


def make_task_result(p: dict[str, User]) -> Callable[[], bool]:
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="privacy.tasks.purge_expired",
        backend_name="default",
        run_after=timezone.now(),
        status="SUCCESSFUL",
        finished_at=timezone.now(),
    )
    return _exists(DBTaskResult, result.pk)


def make_released_hold(p: dict[str, User]) -> Callable[[], bool]:
    from privacy.models import LegalHold

    hold = LegalHold.objects.create(
        model_label="notify.message",
        object_id="1",
        reason="A complaint",
        placed_by=p["dpo"],
        released_by=p["dpo"],
        released_at=timezone.now(),
    )
    return _exists(LegalHold, hold.pk)


def make_subject_request(p: dict[str, User]) -> Callable[[], bool]:
    from privacy.models import SubjectRequest

    request = SubjectRequest.objects.create(kind="access", handled_by=p["dpo"])
    return _exists(SubjectRequest, request.pk)


MAKERS: dict[str, Maker] = {
    "accounts.admin_log": make_admin_log,
    "accounts.deactivated_staff": make_deactivated_staff,
    "accounts.sessions": make_session,
    "accounts.user_sessions": make_user_session,
    "notify.messages": make_message,
    "pages.service_feedback": make_feedback,
    "privacy.audit_log": make_audit_event,
    "privacy.legal_holds": make_released_hold,
    "privacy.subject_requests": make_subject_request,
    "privacy.retention_receipts": make_receipt,
    "privacy.sign_in_records": make_sign_in_record,
    "privacy.task_results": make_task_result,
}


# Rules of later apps are tested in those apps' own test modules (docs/retention.md).
APPS_TESTED_HERE = ("accounts.", "notify.", "pages.", "privacy.")


def test_every_retention_rule_of_these_apps_has_a_test_here() -> None:
    assert set(MAKERS) == {key for key in registry.rule_keys() if key.startswith(APPS_TESTED_HERE)}


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_each_rule_removes_rows_past_their_period_keeps_newer_ones_and_leaves_a_receipt(
    key: str, personas: dict[str, User]
) -> None:
    rule = registry.get(key)
    period = rule.period_timedelta()
    start = timezone.now()
    still_there = MAKERS[key](personas)

    # Just inside the period: kept.
    (inside,) = purge_expired(now=start + period - timedelta(hours=1), rules=[key])
    assert still_there()
    assert inside.completed

    # Past the period: gone (or anonymised), with a receipt and an audit event.
    (receipt,) = purge_expired(now=start + period + timedelta(hours=1), rules=[key])
    assert not still_there()
    saved = RetentionReceipt.objects.get(pk=receipt.pk)
    assert (saved.rule, saved.action, saved.dry_run, saved.completed) == (
        key,
        rule.action,
        False,
        True,
    )
    assert saved.count >= 1
    assert saved.oldest_clock is not None and saved.newest_clock is not None
    assert saved.oldest_clock <= saved.newest_clock < start + timedelta(hours=1)
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_PURGED, object_id=str(saved.pk))
    assert event.object_type == "privacy.retentionreceipt"
    assert (
        event.note
        == f"{key}: {saved.count} {'deleted' if rule.action == 'delete' else 'anonymised'}"
    )

    # Running again finds nothing more, except that for the audit log and the receipts,
    # the event and receipt the last run wrote are themselves past the period at `now`.
    (again,) = purge_expired(now=start + period + timedelta(hours=1), rules=[key])
    assert again.count == (1 if key in ("privacy.audit_log", "privacy.retention_receipts") else 0)


def test_an_anonymised_account_keeps_its_number_and_roles_but_not_its_name(
    personas: dict[str, User],
) -> None:
    admin = personas["programme_admin"]
    user = User.objects.create_user("leaver@example.org", full_name="Lee Leaver")
    role_assign(actor=admin, user=user, role=Role.ANALYST)
    person_deactivate(actor=admin, user=user)
    purge_expired(
        now=timezone.now() + timedelta(days=7 * 365), rules=["accounts.deactivated_staff"]
    )

    user.refresh_from_db()
    assert user.email == f"anonymised-{user.pk}@anonymised.invalid"
    assert "Lee" not in user.full_name
    assert not user.has_usable_password()
    assert user.role_assignments.count() == 1


def test_active_staff_and_deactivated_members_are_not_anonymised(
    personas: dict[str, User],
) -> None:
    member = User.objects.create_user("member.left@example.org", full_name="Morgan Member")
    role_assign(actor=personas["programme_admin"], user=member, role=Role.MEMBER)
    person_deactivate(actor=personas["programme_admin"], user=member)
    purge_expired(
        now=timezone.now() + timedelta(days=7 * 365), rules=["accounts.deactivated_staff"]
    )

    member.refresh_from_db()
    assert member.full_name == "Morgan Member"
    officer = User.objects.get(pk=personas["officer"].pk)
    assert officer.full_name == personas["officer"].full_name
    assert "anonymised" not in officer.email


def make_messages(count: int, *, age_days: int = 30) -> list[int]:
    ids = [
        message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        ).pk
        for _ in range(count)
    ]
    Message.objects.update(created_at=timezone.now() - timedelta(days=age_days))
    return ids


def test_a_dry_run_removes_nothing_and_keeps_no_receipt_but_says_what_would_go() -> None:
    make_messages(3)
    receipts_before = RetentionReceipt.objects.count()
    purged_before = AuditEvent.objects.filter(action=AuditAction.RETENTION_PURGED).count()

    receipts = purge_expired(dry_run=True)

    assert Message.objects.count() == 3
    assert RetentionReceipt.objects.count() == receipts_before
    assert [r.rule for r in receipts] == registry.rule_keys()
    messages = next(r for r in receipts if r.rule == "notify.messages")
    assert (messages.dry_run, messages.count, messages.pk) == (True, 3, None)
    assert AuditEvent.objects.filter(action=AuditAction.RETENTION_PURGED).count() == purged_before


def test_the_purge_works_in_batches_in_id_order() -> None:
    make_messages(7)
    (receipt,) = purge_expired(batch_size=3, rules=["notify.messages"])
    assert receipt.count == 7
    assert not Message.objects.exists()


def test_a_purge_killed_midway_keeps_its_progress_and_a_rerun_finishes_the_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_messages(5)
    real_apply = purge._apply_batch
    calls: list[int] = []

    def apply_then_die(*args: Any, **kwargs: Any) -> int:
        if calls:
            raise KeyboardInterrupt  # killed after the first batch
        calls.append(1)
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(purge, "_apply_batch", apply_then_die)
    with pytest.raises(KeyboardInterrupt):
        purge_expired(batch_size=2, rules=["notify.messages"])

    assert Message.objects.count() == 3
    interrupted = RetentionReceipt.objects.get(rule="notify.messages")
    assert (interrupted.count, interrupted.completed) == (2, False)

    monkeypatch.setattr(purge, "_apply_batch", real_apply)
    (receipt,) = purge_expired(batch_size=2, rules=["notify.messages"])
    assert (receipt.count, receipt.completed) == (3, True)
    assert not Message.objects.exists()


def test_a_record_under_a_legal_hold_outlives_its_period_until_the_hold_is_released(
    personas: dict[str, User],
) -> None:
    from privacy.models import LegalHold

    held, free = make_messages(2)
    hold = LegalHold.objects.create(
        model_label="notify.message",
        object_id=str(held),
        reason="A complaint",
        placed_by=personas["dpo"],
    )

    (receipt,) = purge_expired(rules=["notify.messages"])
    assert receipt.count == 1
    assert list(Message.objects.values_list("pk", flat=True)) == [held]

    LegalHold.objects.filter(pk=hold.pk).update(
        released_at=timezone.now(), released_by=personas["dpo"]
    )
    (receipt,) = purge_expired(rules=["notify.messages"])
    assert receipt.count == 1
    assert not Message.objects.exists()


def test_a_hold_on_a_person_keeps_their_expired_sign_in_records(personas: dict[str, User]) -> None:
    from privacy.models import LegalHold

    officer, analyst = personas["officer"], personas["analyst"]
    kept = audit_record(actor=officer, action=AuditAction.SIGN_IN)
    gone = audit_record(actor=analyst, action=AuditAction.SIGN_IN)
    LegalHold.objects.create(
        model_label="accounts.user",
        object_id=str(officer.pk),
        reason="A claim",
        placed_by=personas["dpo"],
    )

    purge_expired(now=timezone.now() + timedelta(days=400), rules=["privacy.sign_in_records"])

    assert AuditEvent.objects.filter(pk=kept.pk).exists()
    assert not AuditEvent.objects.filter(pk=gone.pk).exists()


def test_the_engine_asks_the_legal_holds_module_what_to_leave(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    held, free = make_messages(2)
    monkeypatch.setattr(purge, "exclude_held", lambda qs: qs.exclude(pk=held))

    (receipt,) = purge_expired(rules=["notify.messages"])

    assert receipt.count == 1
    assert list(Message.objects.values_list("pk", flat=True)) == [held]


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


# The command and the nightly job


def test_the_dry_run_command_prints_one_line_per_category_and_changes_nothing() -> None:
    make_messages(2)
    out = StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()

    assert len(lines) == len(registry.rule_keys()) + 1
    for key, line in zip(registry.rule_keys(), lines, strict=False):
        assert line.startswith(f"{key} [{registry.get(key).category}]: would ")
    messages_line = next(line for line in lines if line.startswith("notify.messages"))
    assert "would delete 2 (oldest " in messages_line
    assert "example.org" not in out.getvalue()
    assert lines[-1] == "Dry run: nothing was changed."
    assert Message.objects.count() == 2


def test_the_command_purges_one_rule_when_asked() -> None:
    make_messages(2)
    out = StringIO()
    call_command("purge_expired", "--rule", "notify.messages", stdout=out)
    assert out.getvalue().startswith("notify.messages [Emails and text messages sent]: deleted 2")
    assert not Message.objects.exists()
    assert RetentionReceipt.objects.filter(rule="notify.messages", count=2).exists()


def test_the_command_refuses_a_rule_that_does_not_exist() -> None:
    with pytest.raises(CommandError, match="No retention rule called nonsense"):
        call_command("purge_expired", "--rule", "nonsense", stdout=StringIO())


def test_the_nightly_job_runs_every_rule_through_the_registry() -> None:
    paths = {name: path for name, _, path in SCHEDULE}
    assert paths["nightly_purge_expired"] == "privacy.tasks.purge_expired"
    assert job_task("nightly_purge_expired") is purge_task
    make_messages(2)

    counts = purge_task.call()

    assert set(counts) == set(registry.rule_keys())
    assert counts["notify.messages"] == 2
    assert not Message.objects.exists()


def test_a_receipt_gives_the_oldest_and_newest_clock_of_what_went() -> None:
    older, newer, fresh = make_messages(3)
    now = timezone.now()
    Message.objects.filter(pk=older).update(created_at=now - timedelta(days=40))
    Message.objects.filter(pk=newer).update(created_at=now - timedelta(days=10))
    Message.objects.filter(pk=fresh).update(created_at=now - timedelta(days=1))

    (receipt,) = purge_expired(now=now, rules=["notify.messages"])

    assert receipt.count == 2
    assert receipt.oldest_clock == now - timedelta(days=40)
    assert receipt.newest_clock == now - timedelta(days=10)
    assert list(Message.objects.values_list("pk", flat=True)) == [fresh]
