"""The purge keeps out of the site's way: it reads only what a delete needs, and rests
between batches (privacy.purge, "Pacing" in docs/retention.md)."""

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import Borough, Channel, Invitation
from feedback.services import team_ensure
from notify.models import Message
from notify.services import message_send
from privacy import purge
from privacy.models import RetentionReceipt
from privacy.purge import purge_expired

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def make_messages(count: int) -> list[int]:
    ids = [
        message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        ).pk
        for _ in range(count)
    ]
    Message.objects.update(created_at=timezone.now() - timedelta(days=30))
    return ids


class FakeTime:
    """A clock that moves only when the purge rests or a batch is worked on."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.rests: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.rests.append(seconds)
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(purge, "time", fake)
    real_apply = purge._apply_batch

    def apply_taking_30_ms(*args: Any, **kwargs: Any) -> int:
        fake.now += 0.030
        return real_apply(*args, **kwargs)

    monkeypatch.setattr(purge, "_apply_batch", apply_taking_30_ms)
    return fake


def test_the_purge_deletes_messages_without_reading_their_encrypted_columns() -> None:
    make_messages(3)

    with CaptureQueriesContext(connection) as queries:
        (receipt,) = purge_expired(batch_size=2, rules=["notify.messages"])

    assert receipt.count == 3
    assert not Message.objects.exists()
    selects = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    assert any('FROM "notify_message"' in sql for sql in selects)
    for column in ("recipient", "subject", "body"):
        assert not any(f'"notify_message"."{column}"' in sql for sql in selects), column


def test_what_points_at_a_purged_message_is_kept_and_no_longer_points_at_it() -> None:
    (message_id,) = make_messages(1)
    team = team_ensure(borough=Borough.objects.get(code="E09000012"), name="Purge test team")
    invitation = Invitation.objects.create(
        token_hash="1" * 64,
        channel=Channel.SMS,
        team=team,
        expires_at=timezone.now() + timedelta(days=30),
        message_id=message_id,
    )

    (receipt,) = purge_expired(rules=["notify.messages"])

    assert receipt.count == 1
    invitation.refresh_from_db()
    assert invitation.message_id is None


def test_the_purge_rests_after_each_batch_as_long_as_its_busy_share_allows(
    clock: FakeTime,
) -> None:
    make_messages(5)

    (receipt,) = purge_expired(batch_size=2, rules=["notify.messages"], busy_share=0.25)

    assert receipt.count == 5
    # Three batches of 30 ms work, each followed by three times as long at rest.
    assert clock.rests == pytest.approx([0.090, 0.090, 0.090])
    assert RetentionReceipt.objects.get(pk=receipt.pk).completed


def test_by_default_the_purge_works_a_tenth_of_its_time(clock: FakeTime) -> None:
    make_messages(3)

    purge_expired(batch_size=2, rules=["notify.messages"])

    assert purge.DEFAULT_BUSY_SHARE == 0.1
    assert clock.rests == pytest.approx([0.270, 0.270])


def test_a_purge_allowed_all_of_its_time_and_a_dry_run_never_rest(clock: FakeTime) -> None:
    make_messages(3)

    purge_expired(batch_size=2, dry_run=True, rules=["notify.messages"])
    assert clock.rests == []
    (receipt,) = purge_expired(batch_size=2, rules=["notify.messages"], busy_share=1.0)

    assert receipt.count == 3
    assert clock.rests == []


@pytest.mark.parametrize("share", [0, -0.5, 1.5])
def test_a_busy_share_that_is_not_a_share_of_the_time_is_refused(share: float) -> None:
    make_messages(1)
    with pytest.raises(ValueError, match="busy_share"):
        purge_expired(rules=["notify.messages"], busy_share=share)
    assert Message.objects.count() == 1
    assert not RetentionReceipt.objects.exists()


def test_the_command_can_purge_without_resting_and_refuses_a_share_above_one(
    clock: FakeTime,
) -> None:
    make_messages(3)

    with pytest.raises(CommandError, match="--busy-share"):
        call_command("purge_expired", "--busy-share", "2", stdout=StringIO())
    assert Message.objects.count() == 3
    call_command(
        "purge_expired",
        "--rule",
        "notify.messages",
        "--batch-size",
        "2",
        "--busy-share",
        "1",
        stdout=StringIO(),
    )

    assert not Message.objects.exists()
    assert clock.rests == []
