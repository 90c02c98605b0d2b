"""The purge engine: dry runs, batches, kills, legal holds, receipts, the command and nightly job."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import User
from lib.scheduler import SCHEDULE, job_task
from notify.models import Message
from notify.services import message_send
from privacy import purge
from privacy.audit import audit_record
from privacy.models import AuditAction, AuditEvent, RetentionReceipt
from privacy.purge import purge_expired
from privacy.retention import registry
from privacy.tasks import purge_expired as purge_task

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


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
