"""The nightly purge: every retention rule removes what has expired, and only that."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from accounts.roles import Role
from accounts.services import person_deactivate, role_assign
from notify.models import Message
from notify.services import message_send
from pages.models import ServiceFeedback
from privacy.audit import audit_record
from privacy.models import AuditAction, AuditEvent, RetentionReceipt
from privacy.purge import purge_expired
from privacy.retention import registry

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


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
