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
- **median working days late**: the median `late_working_days` of those done late, exact
  (as percentile_cont(0.5) gives it: between the middle two for an even number), worked out
  from a histogram of the working days late that the same GROUP BY returns. An ordered-set
  aggregate would sort every row of the period and cannot run in parallel: at 10,000,000
  tasks it alone takes longer than the 2 seconds allowed (bench/bench_desk.py);
- **breaches by reason**: the late ones (done late or open overdue) by `late_reason`, "" when
  none was given.

The done tasks are found through the partial index `desk_task_done_due` (`due_date`, on
`status = 'done'`), the open overdue ones through `desk_task_open_due` (`due_at`, on
`status = 'open'`) when the period is a small part of the table; for a year PostgreSQL
reads the table in parallel instead. One GROUP BY query per breakdown, on PostgreSQL and
SQLite alike."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, When

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


def owed(period: Period, *, now: datetime) -> Q:
    """The tasks owed in `period`: done, or open and overdue at `now`, due in the period."""
    due = Q(due_date__gte=period.first, due_date__lte=period.last)
    return due & (DONE | (OPEN & Q(due_at__lte=now)))


def owed_tasks(period: Period, *, now: datetime) -> QuerySet[Task]:
    return Task.objects.filter(owed(period, now=now)).order_by()


def median_of(histogram: dict[int, int]) -> float | None:
    """The median of values given as {value: how many}: the middle one, or halfway between
    the middle two (percentile_cont(0.5)); None when there are none."""
    count = sum(histogram.values())
    if count == 0:
        return None
    middle = [(count - 1) // 2, count // 2]
    found: list[int] = []
    seen = 0
    for value in sorted(histogram):
        n = histogram[value]
        found += [value for index in middle if seen <= index < seen + n]
        seen += n
    return (found[0] + found[1]) / 2


def aggregate(queryset: QuerySet[Task], *, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The owed tasks of `queryset` (see `owed_tasks`) counted per distinct value of the `by`
    codes, in one GROUP BY query: each row has the `by` codes, COUNTS and `median_late`
    (None when nothing was done late). With no `by`, one row for everything."""
    for name in by:
        if name not in DIMENSIONS:
            raise ValueError(f"Cannot group compliance figures by {name!r}.")
    # Grouped by the working days late of those done late too: the histogram of the median.
    late_days = Case(
        When(DONE_LATE, then=F("late_working_days")), default=None, output_field=IntegerField()
    )
    rows = (
        queryset.order_by()
        .annotate(late_days=late_days)
        .values(*by, "late_days")
        .annotate(
            owed=Count("pk"),
            on_time=Count("pk", filter=ON_TIME),
            done_late=Count("pk", filter=DONE_LATE),
            open_overdue=Count("pk", filter=OPEN),
        )
        .order_by(*by, "late_days")
    )
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    histograms: dict[tuple[Any, ...], dict[int, int]] = defaultdict(dict)
    for row in rows:
        key = tuple(row[name] for name in by)
        group = groups.setdefault(key, {name: row[name] for name in by} | dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            group[name] += row[name]
        if row["late_days"] is not None and row["done_late"]:
            histograms[key][row["late_days"]] = row["done_late"]
    if not by and not groups:
        groups[()] = dict.fromkeys(COUNTS, 0)
    for key, group in groups.items():
        group["median_late"] = median_of(histograms.get(key, {}))
    return list(groups.values())


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
