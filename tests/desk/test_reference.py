"""The desk supervisor's closed days and time limits: new deadlines skip a closed day while
deadlines already set stay; a time limit changes from a date without moving any task; agents
may not change either."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from desk.models import DeskClosure, Task, TimeLimit
from desk.services.common import time_limits_on
from desk.services.reference import closure_add, closure_remove, time_limit_change
from desk.services.referrals import needs_assess
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Wednesday 20 May 2026, 11:00 in London.
WEDNESDAY = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
THURSDAY = datetime(2026, 5, 21, 10, 0, tzinfo=UTC)
FRIDAY_DAY = date(2026, 5, 22)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def assessed(agent: Any, victim: Any) -> Task:
    needs_assess(actor=agent, victim=victim, needs=["emotional"], referral_declined=False)
    return Task.objects.get(victim=victim, kind="referral", status="open")


# Closed days ---------------------------------------------------------------------------


def test_a_closed_day_moves_new_deadlines_not_old_ones(
    make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    agent, supervisor = personas["desk_agent"], personas["desk_supervisor"]
    before = assessed(agent, victim_of(make_case()))
    assert before.due_date == FRIDAY_DAY  # Wednesday + 2 working days

    closure_add(actor=supervisor, day=FRIDAY_DAY, reason="Office move")

    before.refresh_from_db()
    assert before.due_date == FRIDAY_DAY and before.closure_moved is False
    after = assessed(agent, victim_of(make_case()))
    # Friday closed, Monday 25 May a bank holiday: Tuesday 26 May.
    assert after.due_date == date(2026, 5, 26) and after.closure_moved is True
    case = make_case()
    body = make_event(case, "arrested", WEDNESDAY)
    arrested = Task.objects.get(pk=body["tasks"][0]["id"])
    assert arrested.due_date == date(2026, 5, 29)  # Thu, Tue, Wed, Thu, Fri: 5 working days
    assert arrested.closure_moved is True


def test_closed_days_are_audited_and_only_future_ones_change(
    personas: dict[str, Any],
) -> None:
    supervisor = personas["desk_supervisor"]
    with pytest.raises(RuleBroken) as past:
        closure_add(actor=supervisor, day=date(2026, 5, 19), reason="Too late")
    assert past.value.code == "past"
    with pytest.raises(RuleBroken) as no_reason:
        closure_add(actor=supervisor, day=FRIDAY_DAY, reason=" ")
    assert no_reason.value.field == "reason"
    closure = closure_add(actor=supervisor, day=FRIDAY_DAY, reason="Office move")
    with pytest.raises(RuleBroken) as twice:
        closure_add(actor=supervisor, day=FRIDAY_DAY, reason="Again")
    assert twice.value.code == "already_closed"
    closure_remove(actor=supervisor, closure=closure)
    assert not DeskClosure.objects.exists()
    passed = DeskClosure.objects.create(day=date(2026, 5, 1), reason="Earlier")
    with pytest.raises(RuleBroken):
        closure_remove(actor=supervisor, closure=passed)
    actions = list(
        AuditEvent.objects.filter(action__startswith="desk.closure")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == ["desk.closure_added", "desk.closure_removed"]


def test_the_closures_page_adds_and_removes_a_day(client_as: Any) -> None:
    client = client_as("desk_supervisor")
    url = reverse("desk:closures")
    assert client.get(url).status_code == 200
    past = client.post(
        url, {"action": "add", "day-day": "1", "day-month": "5", "day-year": "2026", "reason": "x"}
    )
    assert past.status_code == 200
    assert "The day must be today or in the future" in past.content.decode()
    added = client.post(
        url,
        {"action": "add", "day-day": "22", "day-month": "5", "day-year": "2026", "reason": "Move"},
    )
    assert added.status_code == 302
    closure = DeskClosure.objects.get()
    assert "Friday 22 May 2026" in client.get(url).content.decode()
    removed = client.post(url, {"action": "remove", "closure": closure.pk})
    assert removed.status_code == 302 and not DeskClosure.objects.exists()


# Time limits ---------------------------------------------------------------------------


def test_a_changed_time_limit_applies_from_its_date_and_moves_no_task(
    make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    agent, supervisor = personas["desk_agent"], personas["desk_supervisor"]
    old_limit = TimeLimit.objects.get(code="referral", effective_to__isnull=True)
    before = assessed(agent, victim_of(make_case()))
    new = time_limit_change(
        actor=supervisor,
        code="referral",
        standard_working_days=3,
        enhanced_working_days=1,
        effective_from=THURSDAY.date(),
        reason="The force's own standard is stricter for enhanced rights.",
    )
    old_limit.refresh_from_db()
    assert old_limit.effective_to == THURSDAY.date()
    assert (new.label, new.right, new.source) == (old_limit.label, "4", old_limit.source)
    assert time_limits_on(WEDNESDAY.date())["referral"] == old_limit
    assert time_limits_on(THURSDAY.date())["referral"] == new

    before.refresh_from_db()
    assert (before.time_limit, before.days_used, before.due_date) == (old_limit, 2, FRIDAY_DAY)
    same_day = assessed(agent, victim_of(make_case()))
    assert same_day.time_limit == old_limit  # still Wednesday
    with time_machine.travel(THURSDAY, tick=False):
        later = assessed(agent, victim_of(make_case()))
    assert (later.time_limit, later.days_used) == (new, 3)
    assert later.due_date == date(2026, 5, 27)  # Fri, Tue (bank holiday Mon), Wed
    assert AuditEvent.objects.filter(action="desk.time_limit_changed").count() == 1


def test_time_limit_changes_are_checked(personas: dict[str, Any]) -> None:
    supervisor = personas["desk_supervisor"]
    base: dict[str, Any] = {
        "actor": supervisor,
        "code": "arrested",
        "standard_working_days": 4,
        "enhanced_working_days": 1,
        "effective_from": THURSDAY.date(),
        "reason": "Agreed with the PCC",
    }
    for change, code in (
        ({"effective_from": date(2026, 5, 19)}, "past"),
        ({"enhanced_working_days": 5}, "enhanced_longer"),
        ({"standard_working_days": 0}, "days_out_of_range"),
        ({"reason": ""}, "reason_required"),
        ({"code": "no_such_limit"}, "unknown_time_limit"),
    ):
        with pytest.raises(RuleBroken) as refused:
            time_limit_change(**{**base, **change})
        assert refused.value.code == code
    time_limit_change(**base)
    with pytest.raises(RuleBroken) as overlaps:
        time_limit_change(**base)
    assert overlaps.value.code == "overlaps"
    assert TimeLimit.objects.filter(code="arrested").count() == 2


def test_the_time_limits_page_shows_sources_and_takes_a_change(client_as: Any) -> None:
    client = client_as("desk_supervisor")
    url = reverse("desk:time_limits")
    page = client.get(url).content.decode()
    assert "Referral to support services after a needs assessment" in page
    assert "Bedfordshire PCC" in page
    missing = client.post(url, {"code": "arrested", "standard_working_days": "4"})
    assert missing.status_code == 200
    changed = client.post(
        url,
        {
            "code": "arrested",
            "standard_working_days": "4",
            "enhanced_working_days": "1",
            "effective_from-day": "1",
            "effective_from-month": "6",
            "effective_from-year": "2026",
            "reason": "Agreed with the PCC",
        },
    )
    assert changed.status_code == 302
    assert "from 1 June 2026" in client.get(url).content.decode()


# Access --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["desk:closures", "desk:time_limits"])
def test_agents_may_not_set_the_rules(name: str, client_as: Any) -> None:
    client = client_as("desk_agent")
    assert client.get(reverse(name)).status_code == 403
    assert client.post(reverse(name), {"action": "add"}).status_code == 403


def test_the_services_refuse_agents(personas: dict[str, Any]) -> None:
    agent = personas["desk_agent"]
    with pytest.raises(PermissionDenied):
        closure_add(actor=agent, day=FRIDAY_DAY, reason="Office move")
    with pytest.raises(PermissionDenied):
        time_limit_change(
            actor=agent,
            code="referral",
            standard_working_days=3,
            enhanced_working_days=1,
            effective_from=THURSDAY.date(),
            reason="No",
        )
    assert not DeskClosure.objects.exists()
