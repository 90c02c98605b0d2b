"""The compliance rollup (desk/services/rollup.py, desk.ComplianceRollup): the figures read
with the nightly rollup of the closed months are the figures counted live from the tasks, for
any period, after tasks close late or are made in a closed month once it was rolled up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine

from desk import measures
from desk.measures import Period
from desk.models import ComplianceRollup, ComplianceRollupBuild, Task, TaskStatus
from desk.selectors.compliance import breakdowns, compliance_counts, default_period
from desk.services import VictimIn
from desk.services.rollup import compliance_rollup_build
from desk.services.tasks import task_close
from lib.scheduler import job_task

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Wednesday 10 June 2026, 13:00 in London: March, April and May are closed months.
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
TODAY = date(2026, 6, 10)
# Tuesdays, 10:00 in London: two in each closed month, one in this month.
EVENTS = [
    datetime(2026, m, d, 9, 0, tzinfo=UTC)
    for m, d in ((3, 3), (3, 17), (4, 7), (4, 21), (5, 5), (5, 19), (6, 2))
]
PERIODS = [
    default_period(TODAY),
    Period(date(2026, 3, 1), date(2026, 5, 31)),  # whole closed months
    Period(date(2026, 3, 16), date(2026, 6, 10)),  # a part month, closed months, this month
    Period(date(2026, 4, 1), date(2026, 4, 30)),
    Period(date(2026, 4, 10), date(2026, 5, 20)),  # part months only around one whole one
]
PEOPLE = [("female", "white"), ("male", "black"), ("female", "asian"), ("", ""), ("male", "")]


def victim(sex: str, ethnic_group: str) -> VictimIn:
    return VictimIn(
        victim_ref="V1",
        full_name="Alex Example",
        date_of_birth=date(1980, 5, 17),
        postcode="NW1 2AB",
        sex=sex,
        ethnic_group=ethnic_group,
    )


def _close(agent: Any, task: Task, when: datetime, **kwargs: Any) -> Task:
    with time_machine.travel(when, tick=False):
        return task_close(actor=agent, task=Task.objects.get(pk=task.pk), **kwargs)


@pytest.fixture
def tasks(make_case: Any, make_event: Any, personas: dict[str, Any]) -> dict[str, Task]:
    """Five tasks on each event day: on time, late 1 working day (not reached), late 3 (desk
    capacity), late with no reason yet, and open; this month's only on time and open."""
    agent = personas["desk_agent"]
    made: dict[str, Task] = {}
    for n, occurred in enumerate(EVENTS):
        for j, (sex, ethnic) in enumerate(PEOPLE):
            offence = "domestic-abuse" if (n + j) % 3 == 0 else "burglary"
            kind = "charged" if j % 2 else "arrested"
            with time_machine.travel(occurred + timedelta(hours=1), tick=False):
                case = make_case(offence=offence, victims=[victim(sex, ethnic)])
                body = make_event(case, kind, occurred)
            task = Task.objects.get(pk=body["tasks"][0]["id"])
            late = task.due_at + timedelta(days=j if j < 3 else 2, hours=9)
            if j == 0:
                task = _close(agent, task, task.due_at - timedelta(hours=3))
            elif j < 4 and late < NOW:
                if j == 3:
                    task = _close(agent, task, late, reason_later=True)
                else:
                    reason = "not_reached" if j == 1 else "desk_capacity"
                    task = _close(agent, task, late, late_reason=reason)
            made[f"{n}-{j}"] = task
    return made


def live_counts(period: Period) -> dict[str, Any]:
    """The report's counts straight from the tasks (desk/measures.py's aggregate)."""
    owed = measures.owed_tasks(period, now=NOW)
    return {
        "obligation": measures.aggregate(owed, by=["obligation"]),
        "total": measures.aggregate(owed),
        **{b.code: measures.aggregate(owed, by=[b.code]) for b in breakdowns()},
        "team_and_obligation": measures.aggregate(owed, by=["team_id", "obligation"]),
        "late_reason": measures.breaches_by_reason(owed),
    }


def read_counts(period: Period) -> dict[str, Any]:
    """The same counts as the report reads them (the rollup for closed months)."""
    counts = compliance_counts(period=period, now=NOW)
    return {
        "obligation": counts.by_obligation,
        "total": [counts.total],
        **{b.code: counts.by[b.slug] for b in breakdowns()},
        "team_and_obligation": measures.figures(period, now=NOW, by=["team_id", "obligation"]),
        "late_reason": counts.reasons,
    }


def keyed(counts: dict[str, Any]) -> dict[str, Any]:
    """Each table's rows by their codes (the order rows come in does not matter)."""
    codes = {"total": (), "team_and_obligation": ("team_id", "obligation")}
    out = {}
    for table, rows in counts.items():
        names = codes.get(table, (table,))
        out[table] = {tuple(row[name] for name in names): row for row in rows}
    return out


def build() -> None:
    with time_machine.travel(NOW, tick=False):
        compliance_rollup_build()


def assert_same_figures() -> None:
    for period in PERIODS:
        assert keyed(read_counts(period)) == keyed(live_counts(period)), period


def test_the_figures_with_the_rollup_are_the_live_figures(tasks: dict[str, Task]) -> None:
    before = {period: keyed(live_counts(period)) for period in PERIODS}
    assert before[PERIODS[0]]["total"][()]["done_late"] > 0
    assert before[PERIODS[0]]["total"][()]["open_overdue"] > 0
    build()
    made = ComplianceRollupBuild.objects.get()
    assert (made.first_month, made.last_month) == (date(2023, 6, 1), date(2026, 5, 1))
    # The closed months' done tasks are in the rollup, this month's are not.
    months = set(ComplianceRollup.objects.values_list("month", flat=True))
    assert months == {date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)}
    rolled = ComplianceRollup.objects.filter(grouping="reason")
    done = Task.objects.filter(status=TaskStatus.DONE, due_date__lt=date(2026, 6, 1))
    assert sum(r.on_time + r.done_late for r in rolled) == done.count()
    for period in PERIODS:
        assert keyed(read_counts(period)) == before[period], period
    # The closed months were read from the rollup.
    _live, rollup = measures._parts(PERIODS[1], now=NOW, names=["team_id"])
    assert rollup is not None


def test_a_task_closed_late_after_its_month_was_rolled_up_is_counted(
    tasks: dict[str, Task], personas: dict[str, Any]
) -> None:
    april_open = Task.objects.get(pk=tasks["2-4"].pk)
    assert april_open.status == TaskStatus.OPEN and april_open.due_date.month == 4
    build()
    assert april_open.pk in ComplianceRollupBuild.objects.get().open_task_ids
    april = Period(date(2026, 4, 1), date(2026, 4, 30))
    total = measures.figures(april, now=NOW)[0]
    _close(personas["desk_agent"], april_open, NOW, late_reason="oic_info_unavailable")
    after = measures.figures(april, now=NOW)[0]
    assert after["owed"] == total["owed"]
    assert (after["done_late"], after["open_overdue"]) == (
        total["done_late"] + 1,
        total["open_overdue"] - 1,
    )
    reasons = {row["late_reason"]: row for row in measures.reasons(april, now=NOW)}
    assert reasons["oic_info_unavailable"]["done_late"] == 1
    assert_same_figures()


def test_a_task_made_in_a_closed_month_after_the_build_is_counted(
    make_case: Any, make_event: Any, tasks: dict[str, Task], personas: dict[str, Any]
) -> None:
    build()
    # Heard of today, about an arrest on 14 April: due in April, late on arrival.
    with time_machine.travel(NOW, tick=False):
        case = make_case(victims=[victim("female", "mixed")])
        body = make_event(case, "arrested", datetime(2026, 4, 14, 9, 0, tzinfo=UTC))
    task = Task.objects.get(pk=body["tasks"][0]["id"])
    assert task.due_date.month == 4 and task.late_reason == "source_late"
    assert_same_figures()
    _close(personas["desk_agent"], task, NOW + timedelta(minutes=5))
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE
    assert_same_figures()


def test_codes_no_grouping_keeps_are_counted_live(tasks: dict[str, Task]) -> None:
    build()
    assert measures.grouping_for(["team_id", "sex"]) is None
    for period in PERIODS:
        owed = measures.owed_tasks(period, now=NOW)
        assert measures.figures(period, now=NOW, by=["team_id", "sex"]) == measures.aggregate(
            owed, by=["team_id", "sex"]
        )


def test_a_rebuild_replaces_the_last(tasks: dict[str, Task]) -> None:
    build()
    rows = ComplianceRollup.objects.count()
    build()
    assert ComplianceRollup.objects.count() == rows
    assert ComplianceRollupBuild.objects.count() == 1
    assert_same_figures()


def test_the_nightly_job_builds_the_rollup(tasks: dict[str, Task]) -> None:
    job = job_task("nightly_desk_compliance_rollup")
    with time_machine.travel(NOW, tick=False):
        result = job.call()
    assert result["last_month"] == "2026-05-01"
    assert ComplianceRollupBuild.objects.exists()
    assert_same_figures()
