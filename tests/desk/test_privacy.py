"""The desk's data protection: retention of closed cases and of received requests, subject
access by a safe phone number or email address, and erasure as anonymisation (refused under
a legal hold)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import override_settings

from desk.models import Case, ReceivedEvent, Task, TaskStatus, Victim
from privacy.purge import purge_expired
from privacy.subjects import SubjectQuery, registry
from safecontact.models import SafeContact

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NOW = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _with_safe_contact(case: Case) -> Victim:
    victim = case.victims.get()
    SafeContact.objects.create(
        victim=victim, may_phone=True, phone="07700 900461", email="alex@example.org"
    )
    return victim


@override_settings(DESK_CASE_RETENTION_DAYS=30)
def test_a_case_goes_a_set_period_after_it_closes(make_case: Any, make_event: Any) -> None:
    open_case = make_case()
    closed = make_case()
    _with_safe_contact(closed)
    make_event(closed, "case_closed", NOW - timedelta(hours=2))
    with time_machine.travel(NOW + timedelta(days=29), tick=False):
        purge_expired()
    assert Case.objects.filter(pk=closed.pk).exists()
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        purge_expired()
    assert not Case.objects.filter(pk=closed.pk).exists()
    assert not Victim.objects.filter(case_id=closed.pk).exists()
    assert not SafeContact.objects.filter(victim__case_id=closed.pk).exists()
    assert Case.objects.filter(pk=open_case.pk).exists()


def test_received_requests_go_after_90_days(make_case: Any) -> None:
    make_case()
    assert ReceivedEvent.objects.exists()
    with time_machine.travel(NOW + timedelta(days=91), tick=False):
        purge_expired()
    assert not ReceivedEvent.objects.exists()


def test_a_victim_is_found_by_safe_phone_or_email_and_exported(make_case: Any) -> None:
    victim = _with_safe_contact(make_case())
    provider = registry.provider("desk")
    by_phone = provider.find(SubjectQuery(phone="07700900461").normalised())
    by_email = provider.find(SubjectQuery(email="ALEX@example.org").normalised())
    assert [m.pk for m in by_phone] == [victim.pk] == [m.pk for m in by_email]
    assert provider.find(SubjectQuery(email="someone@example.org").normalised()) == []
    exported = dict(provider.export(by_phone[0]).fields)
    assert "Alex Example" in exported.values()


def test_erasure_anonymises_and_keeps_the_counts(make_case: Any, make_event: Any) -> None:
    case = make_case()
    victim = _with_safe_contact(case)
    make_event(case, "arrested", NOW - timedelta(hours=1))
    provider = registry.provider("desk")
    match = provider.find(SubjectQuery(email="alex@example.org").normalised())[0]
    counts = provider.erase(match)
    assert counts.erased == 1
    victim = Victim.objects.get(pk=victim.pk)
    assert (victim.full_name, victim.date_of_birth, victim.postcode) == ("", None, "")
    assert victim.erased_at is not None
    assert not SafeContact.objects.filter(victim=victim).exists()
    task = Task.objects.get(victim=victim)
    assert (task.status, task.cancelled_reason, task.obligation) == (
        TaskStatus.CANCELLED,
        "erased",
        "arrested",
    )
