"""On PostgreSQL, who is eligible is read from two facts the database keeps on each
participant's row with triggers (engagement/migrations/0006): whether a safe channel by
writing can reach them, and when their latest invitations were sent. These tests make every
kind of write that changes either (a participant's address, their safe contact, a channel on
hold opened, reviewed or deleted, invitations sent, moved or deleted, an opportunity
deleted) and check after each that the kept facts give exactly the people the tables give.
SQLite has no kept facts: it always reads the tables (tests/engagement/test_eligibility.py)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from engagement.models import Invitation, Opportunity, Terms
from engagement.selectors import eligibility
from engagement.selectors.eligibility import RECENT_KEPT, eligible_participants
from engagement.tokens import new_token
from safecontact.models import ChannelHold, SafeContact
from tests.engagement.factories import opportunity, participant

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the kept facts exist on PostgreSQL only"
    ),
]


@pytest.fixture
def items() -> list[Opportunity]:
    return [
        opportunity(title="Anyone"),
        opportunity(title="Welsh speakers", languages=["cy"]),
        opportunity(title="One area", areas=["E09000007"]),
    ]


def ids(item: Opportunity, *, kept: bool, monkeypatch: pytest.MonkeyPatch) -> set[int]:
    with monkeypatch.context() as patch:
        patch.setattr(eligibility, "_kept_by_database", lambda using="default": kept)
        return set(eligible_participants(item).values_list("pk", flat=True))


def check(items: list[Opportunity], monkeypatch: pytest.MonkeyPatch) -> set[int]:
    """The kept facts and the tables agree for every opportunity; who is eligible for the
    first."""
    for item in items:
        from_tables = ids(item, kept=False, monkeypatch=monkeypatch)
        assert ids(item, kept=True, monkeypatch=monkeypatch) == from_tables, item.title
    return ids(items[0], kept=True, monkeypatch=monkeypatch)


def invite(person: Any, *, days_ago: int) -> Invitation:
    return Invitation.objects.create(
        opportunity=opportunity(title=f"Earlier {days_ago}"),
        participant=person,
        token_digest=new_token(purpose="invitation")[1],
        invited_at=timezone.now() - timedelta(days=days_ago),
    )


def kept_row(person: Any) -> tuple[bool, list[Any]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reach_by_writing, recent_invited_at FROM engagement_participant WHERE id = %s",
            [person.pk],
        )
        reach, recent = cursor.fetchone()
    return reach, list(recent)


def test_the_query_reads_the_kept_facts(items: list[Opportunity]) -> None:
    sql = str(eligible_participants(items[0]).query)
    assert "reach_by_writing" in sql
    assert "recent_invited_at" in sql
    assert "safecontact_channelhold" not in sql


def test_a_participants_address_and_safe_contact(
    items: list[Opportunity], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = participant(languages=["cy"], area="E09000007")
    assert person.pk in check(items, monkeypatch)
    # Email no longer safe; texts safe but no number anywhere.
    contact = SafeContact.objects.get(participant=person)
    contact.may_email = False
    contact.may_text = True
    contact.save()
    assert person.pk not in check(items, monkeypatch)
    # Their own number given: texts can reach them.
    person.phone = "07700 900301"
    person.save()
    assert person.pk in check(items, monkeypatch)
    # The safe contact's own number instead of theirs.
    person.phone = ""
    person.save()
    assert person.pk not in check(items, monkeypatch)
    contact.phone = "07700 900302"
    contact.save()
    assert person.pk in check(items, monkeypatch)
    # A queryset update (no save()) is seen too.
    SafeContact.objects.filter(pk=contact.pk).update(may_text=False)
    assert person.pk not in check(items, monkeypatch)
    SafeContact.objects.filter(pk=contact.pk).update(may_email=True)
    assert person.pk in check(items, monkeypatch)
    # No safe contact at all.
    contact.delete()
    assert person.pk not in check(items, monkeypatch)
    assert kept_row(person)[0] is False


def test_channels_on_hold_opened_reviewed_and_deleted(
    items: list[Opportunity], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = participant(phone="07700 900303", safe={"may_email": True, "may_text": True})
    email_only = participant()
    contact = email_only.safe_contact
    hold = ChannelHold.objects.create(safe_contact=contact, channel="email", reason="asked")
    # Texts still reach the first; nothing reaches the second.
    ChannelHold.objects.create(safe_contact=person.safe_contact, channel="email", reason="asked")
    found = check(items, monkeypatch)
    assert person.pk in found
    assert email_only.pk not in found
    text_hold = ChannelHold.objects.create(
        safe_contact=person.safe_contact, channel="text", reason="asked"
    )
    assert person.pk not in check(items, monkeypatch)
    # Reviewed: the channel may be used again.
    hold.decision = "reinstate"
    hold.save()
    assert email_only.pk in check(items, monkeypatch)
    # A hold deleted (retention, erasure).
    text_hold.delete()
    assert person.pk in check(items, monkeypatch)


def test_invitations_sent_moved_and_deleted(
    items: list[Opportunity], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = participant()
    sent = [invite(person, days_ago=days) for days in (1, 30, 89)]
    assert person.pk not in check(items, monkeypatch)  # three in 90 days
    recent = kept_row(person)[1]
    assert recent == sorted(recent, reverse=True) and len(recent) == 3
    # One moved to before the period.
    sent[2].invited_at = timezone.now() - timedelta(days=120)
    sent[2].save()
    assert person.pk in check(items, monkeypatch)
    # Back in the period by a queryset update, then deleted.
    Invitation.objects.filter(pk=sent[2].pk).update(invited_at=timezone.now())
    assert person.pk not in check(items, monkeypatch)
    sent[0].delete()
    assert person.pk in check(items, monkeypatch)
    # Many at once (as invitation_send writes them), then their opportunity deleted.
    other = opportunity(title="Many at once")
    others = [participant() for _n in range(3)]
    for p in others:
        invite(p, days_ago=2)
        invite(p, days_ago=3)
    Invitation.objects.bulk_create(
        Invitation(
            opportunity=other, participant=p, token_digest=new_token(purpose="invitation")[1]
        )
        for p in [person, *others]
    )
    assert not {person.pk, *(p.pk for p in others)} & check(items, monkeypatch)
    other.delete()
    assert {person.pk, *(p.pk for p in others)} <= check(items, monkeypatch)
    # A change of status alone leaves the times as they were.
    before = kept_row(person)[1]
    Invitation.objects.filter(participant=person).update(status="declined")
    assert kept_row(person)[1] == before


def test_a_cap_above_what_is_kept_reads_the_invitations(
    items: list[Opportunity], monkeypatch: pytest.MonkeyPatch
) -> None:
    Terms.objects.create(
        effective_from=timezone.localdate(), invite_cap=RECENT_KEPT + 1, cap_days=30
    )
    person = participant()
    invite(person, days_ago=1)
    assert "recent_invited_at" not in str(eligible_participants(items[0]).query)
    assert person.pk in check(items, monkeypatch)
