"""What the desk's compliance figures count, as conditions on desk.Task, and the functions
that add tasks up by any of their snapshot codes in SQL (docs/desk.md, "Compliance").

Everything is read from the tasks alone: each task keeps its team, borough, enhanced rights,
age band, sex and ethnic group as plain codes, so no figure joins to a case or a victim.

A period is chosen by **due date**. A task is **owed** in it when it was due in the period
and is done, or is still open and already overdue (an open task not yet due owes nothing
yet; a cancelled one owes nothing). Of the tasks owed:

- **on time**: done before its `due_at` (`done_at < due_at`);
- **done late**: done at or after its `due_at`;
- **open overdue**: still open after its `due_at`, a breach measured to today;
- **median working days late**: the median `late_working_days` of those done late
  (`percentile_cont` on PostgreSQL; worked out in Python on SQLite, with the same answer);
- **breaches by reason**: the late ones (done late or open overdue) by `late_reason`, "" when
  none was given.

The done tasks are found through the partial index `desk_task_done_due` (`due_date`, on
`status = 'done'`), the open overdue ones through `desk_task_open_due` (`due_at`, on
`status = 'open'`): one GROUP BY query per breakdown."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connections
from django.db.models import Aggregate, Count, F, FloatField, Q, QuerySet

from desk.models import Task, TaskStatus

# The codes a breakdown may group by: snapshot columns of desk.Task.
DIMENSIONS = (
    "obligation",
    "borough_id",
    "team_id",
    "enhanced",
    "age_band",
    "sex",
    "ethnic_group",
    "late_reason",
)
# The counts of one group, in this order (on time + done late + open overdue = owed).
COUNTS = ("owed", "on_time", "done_late", "open_overdue")

DONE = Q(status=TaskStatus.DONE)
OPEN = Q(status=TaskStatus.OPEN)
ON_TIME = DONE & Q(done_at__lt=F("due_at"))
DONE_LATE = DONE & Q(done_at__gte=F("due_at"))
LATE = DONE_LATE | OPEN


@dataclass(frozen=True)
class Period:
    """Tasks due from `first` to `last`, both included (London dates)."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("A period cannot end before it starts.")

    @property
    def code(self) -> str:
        """The period in the audit log and file names: "2025-06-01..2026-05-31"."""
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


class Median(Aggregate):
    """PostgreSQL's exact median (percentile_cont(0.5)); FILTER works with it as with Count."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def owed(period: Period, *, now: datetime) -> Q:
    """The tasks owed in `period`: done, or open and overdue at `now`, due in the period."""
    due = Q(due_date__gte=period.first, due_date__lte=period.last)
    return due & (DONE | (OPEN & Q(due_at__lte=now)))


def owed_tasks(period: Period, *, now: datetime) -> QuerySet[Task]:
    return Task.objects.filter(owed(period, now=now)).order_by()


def _uses_percentile(queryset: QuerySet[Any]) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def _key(row: dict[str, Any], by: Sequence[str]) -> tuple[Any, ...]:
    return tuple(row[name] for name in by)


def aggregate(queryset: QuerySet[Task], *, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The owed tasks of `queryset` (see `owed_tasks`) counted per distinct value of the `by`
    codes, in one GROUP BY query: each row has the `by` codes, COUNTS and `median_late`
    (None when nothing was done late). With no `by`, one row for everything."""
    for name in by:
        if name not in DIMENSIONS:
            raise ValueError(f"Cannot group compliance figures by {name!r}.")
    counts: dict[str, Any] = {
        "owed": Count("pk"),
        "on_time": Count("pk", filter=ON_TIME),
        "done_late": Count("pk", filter=DONE_LATE),
        "open_overdue": Count("pk", filter=OPEN),
    }
    percentile = _uses_percentile(queryset)
    if percentile:
        counts["median_late"] = Median("late_working_days", filter=DONE_LATE)
    queryset = queryset.order_by()
    if by:
        rows = list(queryset.values(*by).annotate(**counts).order_by(*by))
    else:
        rows = [queryset.aggregate(**counts)]
    if not percentile:
        medians = _medians_in_python(queryset, by=by)
        for row in rows:
            row["median_late"] = medians.get(_key(row, by))
    for row in rows:
        if row["median_late"] is not None:
            row["median_late"] = float(row["median_late"])
    return rows


def _medians_in_python(queryset: QuerySet[Task], *, by: Sequence[str]) -> dict[tuple, float]:
    """The median of `late_working_days` of the tasks done late, per group (databases
    without percentile_cont)."""
    lateness: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for row in queryset.filter(DONE_LATE, late_working_days__isnull=False).values(
        *by, "late_working_days"
    ):
        lateness[_key(row, by)].append(row["late_working_days"])
    return {key: float(statistics.median(values)) for key, values in lateness.items()}


def breaches_by_reason(queryset: QuerySet[Task], *, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The late tasks of `queryset` (done late, or open overdue) per `late_reason` ("" when
    none was given) and the `by` codes: rows with `done_late` and `open_overdue`."""
    names = [*by, "late_reason"]
    return list(
        queryset.filter(LATE)
        .order_by()
        .values(*names)
        .annotate(
            done_late=Count("pk", filter=DONE_LATE),
            open_overdue=Count("pk", filter=OPEN),
        )
        .order_by(*names)
    )
