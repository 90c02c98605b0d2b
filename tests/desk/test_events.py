"""Case events make the tasks the Victims' Code owes: Right 6 triggers, standard and enhanced
time limits, under-18s, closures, events told late, replays and refusals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine

from desk.models import (
    Case,
    CaseStatus,
    DeskClosure,
    LateReason,
    ReceivedEvent,
    Task,
    TaskKind,
    TaskStatus,
    TimeLimit,
)
from desk.services import VictimIn, event_receive
from lib.rules import RuleBroken
from privacy.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

TRIGGERS = [
    "arrested",
    "interviewed_under_caution",
    "released_without_charge",
    "bail_or_rui",
    "bail_conditions_changed",
    "charged",
    "out_of_court_disposal",
    "not_investigated",
    "case_closed",
]
# Friday 22 May 2026, 16:40 in London; Monday 25 May is the Spring bank holiday.
FRIDAY = datetime(2026, 5, 22, 15, 40, tzinfo=UTC)
NOW = datetime(2026, 5, 22, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.mark.parametrize("kind", TRIGGERS)
def test_every_right_6_trigger_owes_an_update_in_5_working_days(
    kind: str, make_case: Any, make_event: Any
) -> None:
    case = make_case(offence="burglary")
    body = make_event(case, kind, FRIDAY)
    task = Task.objects.get(pk=body["tasks"][0]["id"])
    assert (task.kind, task.obligation, task.days_used) == (TaskKind.RIGHT_6, kind, 5)
    assert task.due_date == date(2026, 6, 1)  # Tue 26 ... Mon 1 June: the bank holiday skipped
    assert task.enhanced is False
    assert body["tasks"][0]["due_at"] == "2026-06-01T23:00:00Z"


@pytest.mark.parametrize("kind", TRIGGERS)
def test_enhanced_rights_owe_an_update_by_the_next_working_day(
    kind: str, make_case: Any, make_event: Any
) -> None:
    case = make_case(offence="domestic-abuse")
    body = make_event(case, kind, FRIDAY)
    task = Task.objects.get(pk=body["tasks"][0]["id"])
    assert task.days_used == 1
    assert task.due_date == date(2026, 5, 26)  # Friday before the Spring bank holiday
    assert task.enhanced is True
    assert task.grounds == ["most_serious_crime"]


@pytest.mark.parametrize(
    ("born", "enhanced"),
    [(date(2008, 5, 23), True), (date(2008, 5, 22), False), (date(2010, 1, 1), True)],
)
def test_under_18_on_the_event_date_is_enhanced(
    born: date, enhanced: bool, make_case: Any, make_event: Any
) -> None:
    case = make_case(victims=[VictimIn(victim_ref="V1", full_name="Sam Young", date_of_birth=born)])
    task = Task.objects.get(pk=make_event(case, "arrested", FRIDAY)["tasks"][0]["id"])
    assert task.enhanced is enhanced
    assert ("under_18" in task.grounds) is enhanced
    assert task.age_band == ("under_18" if enhanced else "18_24")


def test_recorded_grounds_give_enhanced_rights_and_several_can_hold(
    make_case: Any, make_event: Any
) -> None:
    case = make_case(
        offence="hate-crime",
        victims=[
            VictimIn(victim_ref="V1", full_name="Pat One", grounds=["vulnerable", "intimidated"]),
            VictimIn(victim_ref="V2", full_name="Kim Two"),
        ],
    )
    body = make_event(case, "charged", FRIDAY)
    made = Task.objects.filter(pk__in=[x["id"] for x in body["tasks"]]).select_related("victim")
    tasks = {t.victim.victim_ref: t for t in made if t.victim is not None}
    assert tasks["V1"].grounds == ["intimidated", "most_serious_crime", "vulnerable"]
    assert tasks["V2"].grounds == ["most_serious_crime"]


def test_an_event_for_one_victim_makes_one_task(make_case: Any, make_event: Any) -> None:
    case = make_case(
        victims=[
            VictimIn(victim_ref="V1", full_name="Pat One"),
            VictimIn(victim_ref="V2", full_name="Kim Two"),
        ]
    )
    assert len(make_event(case, "arrested", FRIDAY, victim_refs=["V2"])["tasks"]) == 1
    assert len(make_event(case, "charged", FRIDAY)["tasks"]) == 2


def test_information_only_events_owe_nothing(make_case: Any, make_event: Any) -> None:
    case = make_case()
    assert make_event(case, "officer_changed", FRIDAY)["tasks"] == []


def test_a_closure_moves_the_deadline_and_is_marked(make_case: Any, make_event: Any) -> None:
    DeskClosure.objects.create(day=date(2026, 5, 26), reason="Training day")
    case = make_case(offence="sexual-offence")
    task = Task.objects.get(pk=make_event(case, "arrested", FRIDAY)["tasks"][0]["id"])
    assert task.due_date == date(2026, 5, 27)
    assert task.closure_moved is True


def test_an_event_told_after_its_deadline_arrives_late(make_case: Any, make_event: Any) -> None:
    case = make_case()
    task = Task.objects.get(
        pk=make_event(case, "arrested", FRIDAY - timedelta(days=14))["tasks"][0]["id"]
    )
    assert task.due_at < NOW
    assert task.late_reason == LateReason.SOURCE_LATE


def test_a_new_time_limit_applies_from_its_date_and_keeps_old_deadlines(
    make_case: Any, make_event: Any
) -> None:
    case = make_case()
    old = make_event(case, "arrested", FRIDAY - timedelta(days=1))
    current = TimeLimit.objects.get(code="arrested", effective_to__isnull=True)
    current.effective_to = date(2026, 5, 22)
    current.save()
    TimeLimit.objects.create(
        code="arrested",
        label="Suspect arrested",
        right="6",
        standard_working_days=3,
        enhanced_working_days=1,
        effective_from=date(2026, 5, 22),
    )
    new = make_event(case, "arrested", FRIDAY)
    assert Task.objects.get(pk=old["tasks"][0]["id"]).days_used == 5
    assert Task.objects.get(pk=new["tasks"][0]["id"]).days_used == 3


def test_a_replay_gets_the_same_answer_and_a_reused_id_is_refused(
    make_case: Any, desk_integration: Any
) -> None:
    case = make_case()
    args = {
        "crime_reference": case.crime_reference,
        "kind": "arrested",
        "occurred_at": FRIDAY,
        "source_event_id": "CRIS-1",
        "integration": desk_integration,
    }
    first, new = event_receive(payload={"a": 1}, **args)
    again, new_again = event_receive(payload={"a": 1}, **args)
    assert (new, new_again) == (True, False)
    assert first == again
    assert Task.objects.filter(case=case).count() == 1
    with pytest.raises(RuleBroken) as refused:
        event_receive(payload={"a": 2}, **args)
    assert refused.value.code == "source_event_id_reused"
    assert ReceivedEvent.objects.filter(source_event_id="CRIS-1").count() == 1


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"kind": "abducted"}, "unknown_kind"),
        ({"crime_reference": "9999999/26"}, "unknown_case"),
        ({"occurred_at": FRIDAY.replace(tzinfo=None)}, "naive_datetime"),
        ({"occurred_at": NOW + timedelta(minutes=6)}, "occurred_in_future"),
        ({"victim_refs": ["V9"]}, "unknown_victim"),
    ],
)
def test_bad_events_are_refused_with_a_code(
    change: dict[str, Any], code: str, make_case: Any, desk_integration: Any
) -> None:
    case = make_case()
    args: dict[str, Any] = {
        "crime_reference": case.crime_reference,
        "kind": "arrested",
        "occurred_at": FRIDAY,
        "source_event_id": f"bad-{code}",
        "payload": {"x": code},
        "integration": desk_integration,
        **change,
    }
    with pytest.raises(RuleBroken) as refused:
        event_receive(**args)
    assert refused.value.code == code
    assert not Task.objects.filter(case=case).exists()


def test_closing_the_case_starts_the_retention_clock_and_refuses_later_events(
    make_case: Any, make_event: Any
) -> None:
    case = make_case()
    make_event(case, "case_closed", FRIDAY)
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.closed_at) == (CaseStatus.CLOSED, NOW)
    # Telling the victim the case is closed is still owed.
    assert Task.objects.filter(case=case, obligation="case_closed", status=TaskStatus.OPEN).exists()
    with pytest.raises(RuleBroken) as refused:
        make_event(case, "arrested", FRIDAY)
    assert refused.value.code == "case_closed"


def test_each_event_is_audited_without_identity(make_case: Any, make_event: Any) -> None:
    case = make_case()
    make_event(case, "arrested", FRIDAY)
    row = AuditEvent.objects.filter(action="desk.event_received").latest("pk")
    assert "kind" in row.fields and row.note == "arrested: 1 task(s)"
    assert "Alex" not in row.note and case.crime_reference not in row.note
