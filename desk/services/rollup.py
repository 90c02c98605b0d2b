"""The nightly build of the compliance rollup (desk.ComplianceRollup, docs/desk.md §6):
every closed month the compliance page offers, added up from the done tasks, in one
transaction that replaces the last build.

**The rule that keeps the figures exact.** The build adds up the tasks that were *done* when
it ran, and notes what it could not count: the highest task id it saw and the ids of the
tasks due in those months that were still open. A report (desk/measures.py) takes a rolled
month's done tasks from the rollup and counts live, from the tasks themselves:

- the open overdue ones (they change every day);
- those in the build's open list that are done now (a task closed late after its month was
  rolled up is counted, on the day it closes);
- tasks made since the build (a higher id: an event reported long after it happened can make a
  task due in a closed month).

A done task does not change its counts, so no month goes stale: every closed month is
rebuilt each night only so that the live part stays small (a day's new tasks and the few
still open) and a late reason given or changed on a task already done shows from the next
night. One exception, until the next night: a task whose making was still being committed
at the very moment the build read the table (both invisible to the build and below its
highest id). The build runs at 03:15, when the crime recording system is quiet.

On PostgreSQL the build reads the tasks in one REPEATABLE READ snapshot, so its counts, its
highest id and its open list agree with each other."""

# ruff: noqa: S608 - the SQL below is built only from this module's constants.

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from desk import deadlines
from desk.models import (
    ComplianceRollup,
    ComplianceRollupBuild,
    RollupGrouping,
    Task,
    TaskStatus,
)

# How many closed months are built: as far back as the compliance page offers.
ROLLUP_MONTHS = 36

# The codes each grouping keeps (desk.Task columns, as desk/measures.py groups by them).
GROUPING_CODES: dict[str, tuple[str, ...]] = {
    RollupGrouping.REASON: ("obligation", "late_reason"),
    RollupGrouping.TEAM: ("obligation", "team_id", "borough_id"),
    RollupGrouping.PEOPLE: ("obligation", "enhanced", "age_band", "sex", "ethnic_group"),
}
_COLUMNS = (
    "obligation",
    "team_id",
    "borough_id",
    "enhanced",
    "age_band",
    "sex",
    "ethnic_group",
    "late_reason",
)
_BLANK = {"team_id": "NULL", "borough_id": "NULL", "enhanced": "NULL"}


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class BuildResult:
    first_month: date
    last_month: date
    rows: int
    open_tasks: int


def _month_sql() -> str:
    if connection.vendor == "postgresql":
        return "date_trunc('month', t.due_date)::date"
    return "date(t.due_date, 'start of month')"


def _insert_sql(grouping: str) -> str:
    kept = GROUPING_CODES[grouping]
    columns = ", ".join(_COLUMNS)
    chosen = ", ".join(f"t.{name}" if name in kept else _BLANK.get(name, "''") for name in _COLUMNS)
    grouped = ", ".join(f"t.{name}" for name in kept)
    late = "t.done_at >= t.due_at"
    return (
        f"INSERT INTO desk_compliancerollup (month, grouping, {columns}, late_days, on_time, "
        f"done_late) SELECT {_month_sql()}, '{grouping}', {chosen}, "
        f"CASE WHEN {late} THEN t.late_working_days END, "
        f"SUM(CASE WHEN {late} THEN 0 ELSE 1 END), SUM(CASE WHEN {late} THEN 1 ELSE 0 END) "
        "FROM desk_task t WHERE t.status = %s AND t.due_date >= %s AND t.due_date < %s "
        f"GROUP BY {_month_sql()}, {grouped}, CASE WHEN {late} THEN t.late_working_days END"
    )


def compliance_rollup_build(*, today: date | None = None) -> BuildResult:
    """Rebuild the rollup of the ROLLUP_MONTHS closed months before this one (London)."""
    today = today or timezone.localdate(timezone.now(), deadlines.LONDON)
    this_month = today.replace(day=1)
    first, last = add_months(this_month, -ROLLUP_MONTHS), add_months(this_month, -1)
    rows = 0
    # Its own snapshot when the build is the transaction (the nightly job); inside another
    # (a test's), the caller's.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        built_at = timezone.now()
        last_task_id = Task.objects.aggregate(last=Max("pk"))["last"] or 0
        open_ids = list(
            Task.objects.filter(
                status=TaskStatus.OPEN, due_date__gte=first, due_date__lt=this_month
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ComplianceRollup.objects.all().delete()
        ComplianceRollupBuild.objects.all().delete()
        with connection.cursor() as cursor:
            for grouping in GROUPING_CODES:
                cursor.execute(_insert_sql(grouping), [TaskStatus.DONE, first, this_month])
                rows += max(cursor.rowcount, 0)
        ComplianceRollupBuild.objects.create(
            built_at=built_at,
            first_month=first,
            last_month=last,
            last_task_id=last_task_id,
            open_task_ids=open_ids,
        )
    return BuildResult(first_month=first, last_month=last, rows=rows, open_tasks=len(open_ids))


def latest_build() -> Any:
    return ComplianceRollupBuild.objects.order_by("-built_at", "-pk").first()
