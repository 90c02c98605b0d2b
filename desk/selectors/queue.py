"""The desk's queue: the open tasks due by the end of today, overdue first (docs/desk.md,
"The queue").

A Victims' Code task due today has `due_at` = 00:00 London at the start of tomorrow (done
before it is on time), so "due by the end of today" is `due_at <= <tomorrow 00:00>`, not `<`.

One query on `desk_task` for a page: `WHERE status = 'open' AND due_at <= <tomorrow 00:00
London> [AND filter] ORDER BY due_at, id LIMIT 26`, answered from the partial indexes on open
tasks (`desk_task_open_*`). Pages follow on from the last row shown (`after`, keyset
pagination on `(due_at, id)`): no OFFSET and no total. The row shows only what a task keeps
(case number, what is owed, when, team, borough, language, enhanced rights, who is working
on it): never a victim's name or anything else that identifies them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from desk import deadlines
from desk.access import task_list_for
from desk.models import EventKind, Task, TaskKind, TaskStatus
from desk.models.work import ROUTED_KINDS
from desk.services.common import closed_days

PAGE_SIZE = 25

# The kinds the queue's filter offers: routed feedback is one choice for both of its kinds.
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "right6": (TaskKind.RIGHT_6,),
    "periodic": (TaskKind.PERIODIC,),
    "referral": (TaskKind.REFERRAL,),
    "routed": tuple(ROUTED_KINDS),
}

# The columns a row shows (and the keyset needs): the encrypted note and the snapshots the
# compliance figures group by are never read here.
ROW_FIELDS = (
    "id",
    "kind",
    "obligation",
    "case_id",
    "victim_id",
    "due_date",
    "due_at",
    "status",
    "enhanced",
    "language",
    "late_reason",
    "claimed_until",
    "team__name",
    "borough__name",
    "claimed_by__full_name",
)


@dataclass(frozen=True)
class QueueFilters:
    team: int | None = None
    borough: int | None = None
    enhanced: bool | None = None
    language: str = ""
    kind: str = ""

    def apply(self, tasks: QuerySet[Task]) -> QuerySet[Task]:
        if self.team is not None:
            tasks = tasks.filter(team_id=self.team)
        if self.borough is not None:
            tasks = tasks.filter(borough_id=self.borough)
        if self.enhanced is not None:
            tasks = tasks.filter(enhanced=self.enhanced)
        if self.language:
            tasks = tasks.filter(language=self.language)
        if self.kind in KIND_FILTERS:
            tasks = tasks.filter(kind__in=KIND_FILTERS[self.kind])
        return tasks


@dataclass
class QueueRow:
    task: Task
    label: str
    overdue: bool
    due_today: bool
    late_working_days: int
    claimed_live: bool
    # London times, for the page.
    due_local: datetime
    claimed_until_local: datetime | None


@dataclass
class QueuePage:
    rows: list[QueueRow] = field(default_factory=list)
    # The keyset of the next page ("<due_at ISO>_<id>"), or "" on the last page.
    next_after: str = ""


def start_of_tomorrow(now: datetime | None = None) -> datetime:
    """00:00 London time at the start of tomorrow, in UTC: the `due_at` of a task due today."""
    today = timezone.localdate(now or timezone.now(), deadlines.LONDON)
    return deadlines.end_of_day(today)


def after_encode(task: Task) -> str:
    return f"{task.due_at.astimezone(UTC).strftime('%Y%m%dT%H%M%S%f')}_{task.pk}"


def after_decode(value: str | None) -> tuple[datetime, int] | None:
    """The keyset from a "Next page" link; None for a missing or mangled one (the first page)."""
    if not value:
        return None
    stamp, _sep, pk = value.partition("_")
    try:
        at = datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        return at, int(pk)
    except ValueError:
        return None


def obligation_label(kind: str, obligation: str) -> str:
    """What is owed, in words: the Right 6 trigger, or the kind of task."""
    if kind == TaskKind.RIGHT_6 and obligation in EventKind.values:
        return str(EventKind(obligation).label)
    if kind in TaskKind.values:
        return str(TaskKind(kind).label)
    return obligation


def _page(tasks: QuerySet[Task], *, after: str | None, size: int, now: datetime) -> QueuePage:
    keyset = after_decode(after)
    if keyset is not None:
        at, pk = keyset
        tasks = tasks.filter(Q(due_at__gt=at) | Q(due_at=at, id__gt=pk))
    found = list(
        tasks.select_related("team", "borough", "claimed_by")
        .only(*ROW_FIELDS)
        .order_by("due_at", "id")[: size + 1]
    )
    more = len(found) > size
    found = found[:size]
    tomorrow = start_of_tomorrow(now)
    closed: frozenset[date] = frozenset()
    if any(task.due_at <= now for task in found):
        closed = closed_days(min(task.due_date for task in found))
    rows = [
        QueueRow(
            task=task,
            label=obligation_label(task.kind, task.obligation),
            overdue=task.due_at <= now,
            due_today=now < task.due_at <= tomorrow,
            late_working_days=deadlines.late_working_days(task.due_date, now, closed=closed)
            if task.due_at <= now
            else 0,
            claimed_live=task.claimed_by_id is not None
            and task.claimed_until is not None
            and task.claimed_until > now,
            due_local=timezone.localtime(task.due_at, deadlines.LONDON),
            claimed_until_local=timezone.localtime(task.claimed_until, deadlines.LONDON)
            if task.claimed_until
            else None,
        )
        for task in found
    ]
    return QueuePage(rows=rows, next_after=after_encode(found[-1]) if more else "")


def _open(viewer: Any, filters: QueueFilters) -> QuerySet[Task]:
    return filters.apply(task_list_for(viewer).filter(status=TaskStatus.OPEN))


def queue_page(
    *, viewer: Any, filters: QueueFilters, after: str | None = None, size: int = PAGE_SIZE
) -> QueuePage:
    """Open tasks due by the end of today (London), overdue first, then today's by due
    time; 25 a page."""
    now = timezone.now()
    tasks = _open(viewer, filters).filter(due_at__lte=start_of_tomorrow(now))
    return _page(tasks, after=after, size=size, now=now)


def upcoming_page(
    *, viewer: Any, filters: QueueFilters, after: str | None = None, size: int = PAGE_SIZE
) -> QueuePage:
    """Open tasks due after today, soonest first."""
    now = timezone.now()
    tasks = _open(viewer, filters).filter(due_at__gt=start_of_tomorrow(now))
    return _page(tasks, after=after, size=size, now=now)
