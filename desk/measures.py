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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, When

from desk.models import (
    ComplianceRollup,
    ComplianceRollupBuild,
    RollupGrouping,
    Task,
    TaskStatus,
)

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


def _raw(queryset: QuerySet[Task], by: Sequence[str]) -> Any:
    """The GROUP BY of `by` and the working days late of those done late."""
    late_days = Case(
        When(DONE_LATE, then=F("late_working_days")), default=None, output_field=IntegerField()
    )
    return (
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


def _check(by: Sequence[str]) -> None:
    for name in by:
        if name not in DIMENSIONS:
            raise ValueError(f"Cannot group compliance figures by {name!r}.")


def _collect(
    sources: Iterable[Iterable[dict[str, Any]]], by: Sequence[str]
) -> list[dict[str, Any]]:
    """Rows of (`by` codes, late_days, COUNTS) from every source added up per `by` codes,
    with the median of each group from its histogram."""
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    histograms: dict[tuple[Any, ...], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for rows in sources:
        for row in rows:
            key = tuple(row[name] for name in by)
            group = groups.setdefault(
                key, {name: row[name] for name in by} | dict.fromkeys(COUNTS, 0)
            )
            for name in COUNTS:
                group[name] += row[name]
            if row["late_days"] is not None and row["done_late"]:
                histograms[key][row["late_days"]] += row["done_late"]
    if not by and not groups:
        groups[()] = dict.fromkeys(COUNTS, 0)
    for key, group in groups.items():
        group["median_late"] = median_of(histograms.get(key, {}))
    return list(groups.values())


def aggregate(queryset: QuerySet[Task], *, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The owed tasks of `queryset` (see `owed_tasks`) counted per distinct value of the `by`
    codes, in one GROUP BY query: each row has the `by` codes, COUNTS and `median_late`
    (None when nothing was done late). With no `by`, one row for everything."""
    _check(by)
    return _collect([_raw(queryset, by)], by)


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


# Closed months from the nightly rollup --------------------------------------------------
#
# desk/services/rollup.py adds up each night the tasks done in every closed month. A period's
# figures are then the rollup's rows for the whole closed months in it, plus, counted live
# from the tasks: the days outside those months (this month, a part month), the rolled
# months' open overdue tasks, their tasks done since the build that were open at it, and
# tasks made since (see the rule in desk/services/rollup.py). Each part is one GROUP BY; the
# parts are disjoint and their rows are added up, the medians from the summed histograms.

# The rollup's groupings, smallest first: the first holding every code asked for answers.
GROUPINGS = (
    (RollupGrouping.REASON, ("obligation", "late_reason")),
    (RollupGrouping.TEAM, ("obligation", "team_id", "borough_id")),
    (RollupGrouping.PEOPLE, ("obligation", "enhanced", "age_band", "sex", "ethnic_group")),
)


def grouping_for(names: Sequence[str]) -> str | None:
    """The rollup grouping that keeps every code in `names`, or None (counted live)."""
    for grouping, codes in GROUPINGS:
        if set(names) <= set(codes):
            return grouping
    return None


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def rolled_months(period: Period, build: Any) -> tuple[date, date] | None:
    """The first days of the first and last whole months of `period` that `build` holds."""
    if build is None:
        return None
    first = period.first if period.first.day == 1 else _next_month(period.first)
    last = period.last.replace(day=1)
    if (period.last + timedelta(days=1)).day != 1:  # the period ends within its last month
        last = (last - timedelta(days=1)).replace(day=1)
    first, last = max(first, build.first_month), min(last, build.last_month)
    return (first, last) if first <= last else None


def _parts(
    period: Period, *, now: datetime, names: Sequence[str]
) -> tuple[list[QuerySet[Task]], QuerySet[ComplianceRollup] | None]:
    """The querysets of owed tasks to count live, and the rollup rows of the rolled months
    (None: everything is counted live)."""
    grouping = grouping_for(names)
    build = ComplianceRollupBuild.objects.order_by("-built_at", "-pk").first()
    months = rolled_months(period, build) if grouping else None
    if months is None or grouping is None or build is None:
        return [owed_tasks(period, now=now)], None
    first, last = months
    end = _next_month(last) - timedelta(days=1)
    live: list[QuerySet[Task]] = []
    if period.first < first:
        live.append(owed_tasks(Period(period.first, first - timedelta(days=1)), now=now))
    if end < period.last:
        live.append(owed_tasks(Period(end + timedelta(days=1), period.last), now=now))
    due = Q(due_date__gte=first, due_date__lte=end)
    tasks = Task.objects.order_by()
    live.append(tasks.filter(due & OPEN & Q(due_at__lte=now)))
    live.append(tasks.filter(due & DONE & Q(pk__gt=build.last_task_id)))
    if build.open_task_ids:
        live.append(tasks.filter(due & DONE & Q(pk__in=build.open_task_ids)))
    rollup = ComplianceRollup.objects.filter(
        grouping=grouping, month__gte=first, month__lte=last
    ).order_by()
    return live, rollup


def _rolled_rows(rollup: QuerySet[ComplianceRollup], by: Sequence[str]) -> Iterable[dict[str, Any]]:
    for row in rollup.values(*by, "late_days").annotate(
        on_time_sum=Sum("on_time"), done_late_sum=Sum("done_late")
    ):
        on_time, done_late = row.pop("on_time_sum") or 0, row.pop("done_late_sum") or 0
        yield row | {
            "owed": on_time + done_late,
            "on_time": on_time,
            "done_late": done_late,
            "open_overdue": 0,
        }


def figures(period: Period, *, now: datetime, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """As `aggregate(owed_tasks(period, now=now), by=by)`, the closed months read from the
    nightly rollup where one of its groupings keeps the `by` codes."""
    _check(by)
    live, rollup = _parts(period, now=now, names=by)
    sources: list[Iterable[Any]] = [_raw(queryset, by) for queryset in live]
    if rollup is not None:
        sources.append(_rolled_rows(rollup, by))
    return _collect(sources, by)


def _add_reason(
    found: dict[tuple[Any, ...], dict[str, Any]],
    names: Sequence[str],
    row: Any,
    *,
    done_late: int,
    open_overdue: int,
) -> None:
    key = tuple(row[name] for name in names)
    group = found.setdefault(
        key, {name: row[name] for name in names} | {"done_late": 0, "open_overdue": 0}
    )
    group["done_late"] += done_late
    group["open_overdue"] += open_overdue


def _rolled_reasons(
    found: dict[tuple[Any, ...], dict[str, Any]],
    names: Sequence[str],
    rollup: QuerySet[ComplianceRollup],
) -> None:
    rows = rollup.filter(done_late__gt=0).values(*names).annotate(late=Sum("done_late"))
    for row in rows:
        _add_reason(found, names, row, done_late=row["late"], open_overdue=0)


def _sorted_reasons(found: dict[tuple[Any, ...], dict[str, Any]]) -> list[dict[str, Any]]:
    return [found[key] for key in sorted(found, key=lambda k: tuple(str(v) for v in k))]


def reasons(period: Period, *, now: datetime, by: Sequence[str] = ()) -> list[dict[str, Any]]:
    """As `breaches_by_reason(owed_tasks(period, now=now), by=by)`, the closed months read
    from the nightly rollup where one of its groupings keeps the codes."""
    _check(by)
    names = [*by, "late_reason"]
    live, rollup = _parts(period, now=now, names=names)
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for queryset in live:
        for row in breaches_by_reason(queryset, by=by):
            _add_reason(
                found, names, row, done_late=row["done_late"], open_overdue=row["open_overdue"]
            )
    if rollup is not None:
        _rolled_reasons(found, names, rollup)
    return _sorted_reasons(found)


def report_figures(
    period: Period, *, now: datetime, bys: Sequence[Sequence[str]]
) -> tuple[list[list[dict[str, Any]]], list[dict[str, Any]]]:
    """`figures` for each of `bys`, and `reasons`, as one report needs them: the live tasks
    are read once, grouped by every code the tables need, and added up per table here; the
    rollup once per table."""
    for by in bys:
        _check(by)
    if any(grouping_for(by) is None for by in bys):
        return [figures(period, now=now, by=by) for by in bys], reasons(period, now=now)
    names = [name for name in DIMENSIONS if any(name in by for by in bys) or name == "late_reason"]
    live, _rollup = _parts(period, now=now, names=["late_reason"])
    live_rows = [row for queryset in live for row in _raw(queryset, names)]
    tables = []
    for by in bys:
        _live, rollup = _parts(period, now=now, names=by)
        sources: list[Iterable[Any]] = [live_rows]
        if rollup is not None:
            sources.append(_rolled_rows(rollup, by))
        tables.append(_collect(sources, by))
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in live_rows:
        if row["done_late"] or row["open_overdue"]:
            _add_reason(
                found,
                ["late_reason"],
                row,
                done_late=row["done_late"],
                open_overdue=row["open_overdue"],
            )
    _live, rollup = _parts(period, now=now, names=["late_reason"])
    if rollup is not None:
        _rolled_reasons(found, ["late_reason"], rollup)
    return tables, _sorted_reasons(found)
