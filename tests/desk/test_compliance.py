"""The desk's Victims' Code compliance figures (desk/measures.py, desk/selectors/compliance.py)
and page: a fixed set of tasks made and closed through the desk's services under frozen
clocks gives exact on-time shares, medians and late reasons; analysts see them suppressed,
supervisors exactly; nothing links to a case."""

from __future__ import annotations

import random
import statistics
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from desk import measures
from desk.measures import Period
from desk.models import Case, Task, TaskStatus
from desk.selectors.compliance import (
    Counts,
    build_report,
    compliance_report,
    default_period,
)
from desk.services import VictimIn
from desk.services.tasks import task_close
from lib.suppression import default_k

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Tuesday 5 May 2026, 10:00 in London. A standard Right 6 update is due by the end of
# Tuesday 12 May (5 working days); an enhanced one by the end of Wednesday 6 May.
EVENT = datetime(2026, 5, 5, 9, 0, tzinfo=UTC)
# Today, for every figure: Wednesday 10 June 2026, 13:00 in London.
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
PERIOD = Period(date(2025, 7, 1), date(2026, 6, 10))


def at(day: int, hour_utc: int, month: int = 5) -> datetime:
    return datetime(2026, month, day, hour_utc, 0, tzinfo=UTC)


def victim(sex: str = "", ethnic_group: str = "", born: date | None = date(1980, 5, 17)) -> Any:
    return VictimIn(
        victim_ref="V1",
        full_name="Alex Example",
        date_of_birth=born,
        postcode="NW1 2AB",
        sex=sex,
        ethnic_group=ethnic_group,
    )


@dataclass
class Made:
    cases: list[Case]
    tasks: dict[str, Task]


def _task(make_case: Any, make_event: Any, kind: str, occurred: datetime, **kwargs: Any) -> Task:
    offence = kwargs.pop("offence", "burglary")
    case = make_case(offence=offence, victims=[victim(**kwargs)])
    body = make_event(case, kind, occurred)
    return Task.objects.get(pk=body["tasks"][0]["id"])


def _close(agent: Any, task: Task, when: datetime, **kwargs: Any) -> Task:
    with time_machine.travel(when, tick=False):
        return task_close(actor=agent, task=task, **kwargs)


@contextmanager
def fixed_tasks(make_case: Any, make_event: Any, agent: Any) -> Iterator[Made]:
    """Nine tasks owed in the period, one not yet due:

    arrested (standard, due 12 May): on time x2, late 1, 2 and 3 working days, open overdue;
    charged (enhanced, domestic abuse, due 6 May): on time, open overdue;
    released without charge, heard of on 10 June about 1 April: open, late on arrival;
    arrested an hour ago: not yet due, not counted."""
    tasks: dict[str, Task] = {}
    with time_machine.travel(at(5, 12), tick=False):
        for name, sex, ethnic in (
            ("on_time_1", "female", "white"),
            ("on_time_2", "female", "white"),
            ("late_1", "female", "black"),
            ("late_3", "male", "black"),
            ("late_2", "male", "asian"),
            ("open", "male", ""),
        ):
            tasks[name] = _task(
                make_case, make_event, "arrested", EVENT, sex=sex, ethnic_group=ethnic
            )
        for name in ("enhanced_on_time", "enhanced_open"):
            tasks[name] = _task(
                make_case, make_event, "charged", EVENT, offence="domestic-abuse", born=None
            )
    tasks["on_time_1"] = _close(agent, tasks["on_time_1"], at(11, 9))
    # 20:00 on the due date, in London: still on time.
    tasks["on_time_2"] = _close(agent, tasks["on_time_2"], at(12, 19))
    tasks["late_1"] = _close(agent, tasks["late_1"], at(13, 9), late_reason="not_reached")
    tasks["late_3"] = _close(agent, tasks["late_3"], at(15, 9), late_reason="desk_capacity")
    tasks["late_2"] = _close(agent, tasks["late_2"], at(14, 9), reason_later=True)
    tasks["enhanced_on_time"] = _close(agent, tasks["enhanced_on_time"], at(6, 15))
    with time_machine.travel(NOW, tick=False):
        tasks["source_late"] = _task(
            make_case, make_event, "released_without_charge", at(1, 9, month=4)
        )
        tasks["not_yet_due"] = _task(make_case, make_event, "arrested", at(10, 11, month=6))
        yield Made(cases=list(Case.objects.all()), tasks=tasks)


@pytest.fixture
def made(make_case: Any, make_event: Any, personas: dict[str, Any]) -> Iterator[Made]:
    with fixed_tasks(make_case, make_event, personas["desk_agent"]) as tasks:
        yield tasks


def by(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows}


def test_the_fixed_tasks_are_what_the_figures_count(made: Made) -> None:
    tasks = {name: Task.objects.get(pk=task.pk) for name, task in made.tasks.items()}
    assert tasks["late_1"].late_working_days == 1
    assert tasks["late_2"].late_working_days == 2
    assert tasks["late_3"].late_working_days == 3
    assert tasks["on_time_2"].late_working_days == 0
    assert tasks["enhanced_on_time"].enhanced and tasks["enhanced_on_time"].due_date == date(
        2026, 5, 6
    )
    assert tasks["source_late"].late_reason == "source_late"
    assert tasks["not_yet_due"].status == TaskStatus.OPEN


def test_per_obligation_owed_on_time_late_and_median(made: Made) -> None:
    owed = measures.owed_tasks(PERIOD, now=NOW)
    rows = by(measures.aggregate(owed, by=["obligation"]), "obligation")
    assert set(rows) == {"arrested", "charged", "released_without_charge"}
    arrested = rows["arrested"]
    assert (arrested["owed"], arrested["on_time"], arrested["done_late"]) == (6, 2, 3)
    assert arrested["open_overdue"] == 1  # the task due in the future is not counted
    assert arrested["median_late"] == 2.0
    charged = rows["charged"]
    assert (charged["owed"], charged["on_time"], charged["done_late"], charged["open_overdue"]) == (
        2,
        1,
        0,
        1,
    )
    assert charged["median_late"] is None
    released = rows["released_without_charge"]
    assert (released["owed"], released["open_overdue"]) == (1, 1)
    total = measures.aggregate(owed)[0]
    assert (total["owed"], total["on_time"], total["done_late"], total["open_overdue"]) == (
        9,
        3,
        3,
        3,
    )
    assert total["median_late"] == 2.0


def test_an_even_number_late_gives_the_median_between_the_middle_two(
    made: Made, personas: dict[str, Any]
) -> None:
    open_task = made.tasks["open"]
    # Closed 8 working days late: 1, 2, 3, 8 -> 2.5 (the same on PostgreSQL and SQLite).
    _close(personas["desk_agent"], open_task, at(22, 9), late_reason="oic_info_unavailable")
    with time_machine.travel(NOW, tick=False):
        owed = measures.owed_tasks(PERIOD, now=NOW)
        assert measures.aggregate(owed)[0]["median_late"] == 2.5


def test_breaches_by_reason_with_not_given_its_own_row(made: Made) -> None:
    rows = by(measures.breaches_by_reason(measures.owed_tasks(PERIOD, now=NOW)), "late_reason")
    assert {code: (r["done_late"], r["open_overdue"]) for code, r in rows.items()} == {
        "": (1, 2),
        "desk_capacity": (1, 0),
        "not_reached": (1, 0),
        "source_late": (0, 1),
    }


def test_breakdowns_group_the_tasks_snapshots(made: Made) -> None:
    owed = measures.owed_tasks(PERIOD, now=NOW)
    enhanced = by(measures.aggregate(owed, by=["enhanced"]), "enhanced")
    assert (enhanced[True]["owed"], enhanced[True]["on_time"]) == (2, 1)
    assert (enhanced[False]["owed"], enhanced[False]["on_time"]) == (7, 2)
    sex = by(measures.aggregate(owed, by=["sex"]), "sex")
    assert {code: row["owed"] for code, row in sex.items()} == {"": 3, "female": 3, "male": 3}
    assert sex["female"]["median_late"] == 1.0
    ages = by(measures.aggregate(owed, by=["age_band"]), "age_band")
    assert {code: row["owed"] for code, row in ages.items()} == {"": 2, "45_54": 7}


def test_a_period_counts_tasks_by_the_month_they_were_due(made: Made) -> None:
    june = measures.owed_tasks(Period(date(2026, 6, 1), date(2026, 6, 10)), now=NOW)
    assert measures.aggregate(june)[0]["owed"] == 0
    april = measures.owed_tasks(Period(date(2026, 4, 1), date(2026, 4, 30)), now=NOW)
    assert measures.aggregate(april)[0]["owed"] == 1  # told in June of an April deadline


def test_the_default_period_is_the_last_12_months_to_today() -> None:
    assert default_period(date(2026, 6, 10)) == Period(date(2025, 7, 1), date(2026, 6, 10))
    with pytest.raises(ValueError):
        measures.aggregate(Task.objects.all(), by=["victim_id"])


def _cell_texts(report: Any) -> list[str]:
    return [value.text for table in report.tables for row in table.rows for value in row.values]


def test_the_supervisor_sees_exact_figures(made: Made, personas: dict[str, Any]) -> None:
    report = compliance_report(viewer=personas["desk_supervisor"], period=PERIOD, now=NOW)
    assert not report.suppressed
    assert report.owed.text == "9"
    assert report.on_time_share.text == "33%"
    rows = {row.label: [v.text for v in row.values] for row in report.summary.rows}
    assert rows["Suspect arrested (Right 6)"] == ["6", "2", "3", "1", "33%", "2"]
    assert rows["Suspect charged (Right 6)"] == ["2", "1", "0", "1", "50%", "none late"]
    assert rows["Total"] == ["9", "3", "3", "3", "33%", "2"]
    reasons = {row.label: [v.text for v in row.values] for row in report.reasons.rows}
    assert reasons["Not given"] == ["1", "2", "3"]
    assert reasons["We heard of the event after its deadline"] == ["0", "1", "1"]
    assert reasons["Total"] == ["3", "3", "6"]
    tables = {table.slug: table for table in report.breakdowns}
    assert [t for t in tables] == ["borough", "team", "enhanced", "age_band", "sex", "ethnic_group"]
    ethnic = {row.label: row.values[0].text for row in tables["ethnic_group"].rows}
    assert ethnic["Not recorded"] == "4"
    assert ethnic["White"] == "2"
    assert ethnic["Mixed or multiple ethnic groups"] == "0"
    enhanced = {row.label: row.values[4].text for row in tables["enhanced"].rows}
    assert enhanced == {"Yes": "50%", "No": "29%", "Total": "33%"}
    assert [bar.text for bar in tables["enhanced"].bars] == ["50%", "29%"]


def test_an_analyst_sees_small_numbers_suppressed(made: Made, personas: dict[str, Any]) -> None:
    report = compliance_report(viewer=personas["analyst"], period=PERIOD, now=NOW)
    k = default_k()
    assert report.suppressed and report.k == k
    for table in report.tables:
        counted = 3 if table.slug == "reasons" else 4
        for row in table.rows:
            for value in row.values[:counted]:
                assert value.suppressed or (value.number or 0) == 0 or (value.number or 0) >= k
    # A total hidden in one table is hidden in every table (one suppression pass).
    totals = {
        tuple(v.text for v in t.rows[-1].values[:4]) for t in [report.summary, *report.breakdowns]
    }
    assert len(totals) == 1
    assert "fewer than 5" in _cell_texts(report)
    # Shares and medians behind hidden counts are not shown.
    summary = {row.label: [v.text for v in row.values] for row in report.summary.rows}
    assert summary["Suspect arrested (Right 6)"][4] == "not shown"
    assert summary["Suspect arrested (Right 6)"][5] == "not shown"


def test_suppression_keeps_big_figures_and_hides_what_gives_small_ones_away(db: Any) -> None:
    def row(code: str, key: Any, on_time: int, late: int, overdue: int) -> dict[str, Any]:
        owed = on_time + late + overdue
        return {
            code: key,
            "owed": owed,
            "on_time": on_time,
            "done_late": late,
            "open_overdue": overdue,
            "median_late": 2.0 if late else None,
        }

    by_obligation = [
        row("obligation", "arrested", 80, 15, 5),
        row("obligation", "charged", 20, 6, 2),
    ]
    total = {
        "owed": 128,
        "on_time": 100,
        "done_late": 21,
        "open_overdue": 7,
        "median_late": 2.0,
    }
    empty: dict[str, list[dict[str, Any]]] = {
        "borough": [],
        "team": [],
        "enhanced": [row("enhanced", True, 30, 11, 2), row("enhanced", False, 70, 10, 5)],
        "age_band": [],
        "sex": [],
        "ethnic_group": [],
    }
    counts = Counts(
        period=PERIOD,
        by_obligation=by_obligation,
        total=total,
        by=empty,
        reasons=[
            {"late_reason": "not_reached", "done_late": 21, "open_overdue": 7},
        ],
    )
    report = build_report(counts, suppressed=True, k=5)
    summary = {row.label: [v.text for v in row.values] for row in report.summary.rows}
    arrested = summary["Suspect arrested (Right 6)"]
    assert (arrested[0], arrested[1], arrested[4]) == ("100", "80", "80%")
    charged = summary["Suspect charged (Right 6)"]
    assert charged[3] == "fewer than 5"
    # Its row total is shown, so a second cell of the row is hidden too.
    assert sum(text == "fewer than 5" for text in charged[1:4]) >= 2
    assert summary["Total"][:4] == ["128", "100", "21", "7"]
    enhanced = {row.label: [v.text for v in row.values] for row in report.breakdowns[2].rows}
    assert enhanced["Yes"][3] == "fewer than 5"
    exact = build_report(counts, suppressed=False)
    assert [v.text for v in exact.summary.rows[1].values][:4] == ["28", "20", "6", "2"]


def test_the_page_shows_the_figures_and_no_case(made: Made, client_as: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        response = client_as("desk_supervisor").get(reverse("desk:compliance"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Victims and Prisoners Act 2024" in page and "Police and Crime Commissioner" in page
    assert 'id="total-owed">9<' in page
    for heading in ("By borough", "By team", "By enhanced rights", "By age band", "By sex"):
        assert heading in page
    assert "<svg" in page and "<caption" in page
    for case in made.cases:
        assert case.crime_reference not in page
        assert f"/cases/{case.pk}/" not in page


def test_the_period_form_changes_the_period_and_refuses_backwards(
    made: Made, client_as: Any
) -> None:
    client = client_as("analyst")
    with time_machine.travel(NOW, tick=False):
        response = client.get(
            reverse("desk:compliance"), {"from_month": "2026-06", "to_month": "2026-06"}
        )
        assert "Tasks due from 1 June 2026 to 10 June 2026" in response.content.decode()
        assert 'id="total-owed">0<' in response.content.decode()
        wrong = client.get(
            reverse("desk:compliance"), {"from_month": "2026-06", "to_month": "2026-01"}
        )
    assert wrong.status_code == 200
    assert "The month to must be the same as or after the month from" in wrong.content.decode()


def test_the_median_from_a_histogram_is_the_exact_median() -> None:
    rng = random.Random(13)
    for _ in range(300):
        values = [rng.randint(0, 12) for _ in range(rng.randint(1, 30))]
        assert measures.median_of(dict(Counter(values))) == statistics.median(values)
    assert measures.median_of({}) is None


on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only.")


@on_postgresql
def test_on_postgresql_the_median_is_percentile_cont(made: Made, personas: Any) -> None:
    _close(personas["desk_agent"], made.tasks["open"], at(22, 9), late_reason="not_reached")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late_working_days) "
            "FROM desk_task WHERE status = 'done' AND done_at >= due_at"
        )
        exact = cursor.fetchone()[0]
    assert exact == 2.5
    assert measures.aggregate(measures.owed_tasks(PERIOD, now=NOW))[0]["median_late"] == exact


@on_postgresql
def test_on_postgresql_done_tasks_are_found_through_the_partial_index(made: Made) -> None:
    owed = measures.owed_tasks(PERIOD, now=NOW).values("team_id").annotate(n=measures.Count("pk"))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = owed.explain()
    assert "desk_task_done_due" in plan
