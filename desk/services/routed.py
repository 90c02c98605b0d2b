"""Feedback comments routed to the desk, as tasks in its queue (docs/desk.md §1 "Routed
feedback", §4).

When the feedback form saves a comment that suggests a safeguarding risk or a complaint
(feedback/services/responses.py), it makes a `RoutedComment` and, through `routed_task_create`,
a task: a safeguarding risk is due `DESK_SAFEGUARDING_HOURS` real hours later (over nights,
weekends and clock changes), a complaint at the end of the day `DESK_COMPLAINT_WORKING_DAYS`
working days later. The task has no victim and no case (feedback is anonymous); it keeps the
response's team, borough and language for the queue's filters.

Handling one (`routed_task_handle`) records what the desk did (`RoutedAction`; "no safe way to
make contact" with the reason why), closes the task and marks the comment handled."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from desk import deadlines
from desk.access import may_work_desk
from desk.models import RoutedAction, Task, TaskKind
from desk.services.common import closed_days
from desk.services.tasks import task_close
from feedback.models import RoutedComment, RoutedReason
from lib.rules import RuleBroken


def routed_kind(reason: str) -> str:
    if reason == RoutedReason.SAFEGUARDING:
        return str(TaskKind.ROUTED_SAFEGUARDING)
    return str(TaskKind.ROUTED_COMPLAINT)


def routed_deadline(kind: str, routed_at: Any) -> tuple[Any, Any]:
    """(due date, due_at) of a routed comment of `kind` routed at `routed_at`."""
    if kind == TaskKind.ROUTED_SAFEGUARDING:
        due_at = deadlines.hours_due_at(routed_at, settings.DESK_SAFEGUARDING_HOURS)
        return timezone.localdate(due_at, deadlines.LONDON), due_at
    closed = closed_days(deadlines.day_zero(routed_at))
    days = settings.DESK_COMPLAINT_WORKING_DAYS
    due = deadlines.due_date(routed_at, days, closed=closed)
    return due, deadlines.end_of_day(due)


@transaction.atomic
def routed_task_create(*, routed: RoutedComment) -> Task:
    """The desk's task for a routed comment (made once: a second call returns it)."""
    existing = Task.objects.filter(routed_comment=routed).first()
    if existing is not None:
        return existing
    response = routed.response
    kind = routed_kind(routed.reason)
    due, due_at = routed_deadline(kind, routed.created_at)
    return Task.objects.create(
        kind=kind,
        obligation=kind,
        routed_comment=routed,
        due_date=due,
        due_at=due_at,
        created_at=routed.created_at,
        team_id=response.team_id,
        borough_id=response.borough_id,
        language=response.language or "",
        age_band=response.age_band or "",
        sex=response.sex or "",
        ethnic_group=response.ethnic_group or "",
    )


@transaction.atomic
def routed_task_handle(
    *,
    actor: Any,
    task: Task,
    action: str,
    note: str = "",
    late_reason: str = "",
    late_note: str = "",
) -> Task:
    """Record what the desk did about a routed comment, close its task and mark the comment
    handled (feedback's `feedback.routed_comment_handled`, with the action)."""
    from feedback.services.responses import routed_comment_handle

    require(may_work_desk(actor))
    if task.routed_comment_id is None:
        raise RuleBroken(_("This task is not a routed feedback comment."), code="not_routed")
    if action == RoutedAction.NO_SAFE_WAY and not note.strip():
        raise RuleBroken(
            _("Say why there was no safe way to make contact"), field="note", code="note_required"
        )
    closed = task_close(
        actor=actor,
        task=task,
        routed_action=action,
        late_reason=late_reason,
        late_note=late_note,
    )
    if action == RoutedAction.NO_SAFE_WAY:
        closed.routed_note = note.strip()
        closed.save(update_fields=["routed_note"])
    routed = RoutedComment.objects.get(pk=task.routed_comment_id)
    routed_comment_handle(actor=actor, routed=routed, action=action)
    return closed
