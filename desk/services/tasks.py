"""Working the desk's queue: claiming a victim's tasks, releasing and reassigning claims, and
closing a task, with the reason when it was late (docs/desk.md, "The queue").

Claims are per victim, so two agents never ring the same person: claiming one task claims
every open task of its victim (a routed feedback comment has no victim: just that task) for
`DESK_CLAIM_MINUTES`, in one conditional UPDATE that leaves alone any task someone else holds.
If anyone else still holds one of the victim's tasks afterwards, the claim is refused and
nothing changes.

Closing a task after its `due_at` needs a late reason (`LateReason`), unless the desk heard of
the event after its deadline (`source_late`, set when the task was made). The contact log
closes tasks as it logs a call that reached the victim; it may pass `reason_later=True` to close
a late task without a reason and then send the agent to `desk:late_reason`
(`late_reason_record`), which asks "This update is late: say why"."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from desk import deadlines
from desk.access import may_supervise_desk, may_work_desk
from desk.audit_events import (
    LATE_REASON_RECORDED,
    TASK_CLAIMED,
    TASK_CLOSED,
    TASK_REASSIGNED,
    TASK_RELEASED,
)
from desk.models import ContactAttempt, LateReason, RoutedAction, Task, TaskStatus
from desk.models.work import ROUTED_KINDS
from desk.services.common import closed_days
from lib.rules import RuleBroken
from privacy.audit import audit_record


def _claim_scope(task: Task) -> QuerySet[Task]:
    """The open tasks a claim on `task` covers: its victim's, or the task alone when it has no
    victim (routed feedback)."""
    if task.victim_id is None or task.kind in ROUTED_KINDS:
        return Task.objects.filter(pk=task.pk, status=TaskStatus.OPEN)
    return Task.objects.filter(victim_id=task.victim_id, status=TaskStatus.OPEN)


def _held_by_another(scope: QuerySet[Task], actor: Any, now: datetime) -> Task | None:
    """A task of `scope` that someone other than `actor` holds a live claim on."""
    return (
        scope.filter(claimed_by__isnull=False, claimed_until__gt=now)
        .exclude(claimed_by=actor)
        .select_related("claimed_by")
        .order_by("claimed_until")
        .last()
    )


def claim_holder_message(task: Task) -> str:
    """ "Dee Desk is working on this victim's tasks until 10:45." (staff names are work facts)."""
    until = timezone.localtime(task.claimed_until, deadlines.LONDON)
    if task.victim_id is None:
        return _("%(name)s is working on this until %(time)s.") % {
            "name": task.claimed_by,
            "time": until.strftime("%H:%M"),
        }
    return _("%(name)s is working on this victim's tasks until %(time)s.") % {
        "name": task.claimed_by,
        "time": until.strftime("%H:%M"),
    }


@transaction.atomic
def task_claim(*, actor: Any, task: Task) -> int:
    """Claim `task` and every other open task of its victim for `DESK_CLAIM_MINUTES` (a claim
    of one's own is renewed; an expired claim of someone else's is taken). Returns how many
    tasks are now claimed. RuleBroken when someone else is working on the victim."""
    require(may_work_desk(actor))
    now = timezone.now()
    until = now + timedelta(minutes=settings.DESK_CLAIM_MINUTES)
    scope = _claim_scope(task)
    # One conditional UPDATE: a row someone else holds a live claim on is left alone, and
    # on PostgreSQL a second agent's UPDATE waits for the first and then skips its rows.
    claimed = scope.filter(
        Q(claimed_by__isnull=True) | Q(claimed_by=actor) | Q(claimed_until__lte=now)
    ).update(claimed_by=actor, claimed_until=until)
    holder = _held_by_another(scope, actor, now)
    if holder is not None or claimed == 0:
        if holder is None:
            raise RuleBroken(_("This task is no longer open."), code="task_not_open")
        # Nothing of a half-made claim stays: the transaction rolls back.
        raise RuleBroken(claim_holder_message(holder), code="claimed_by_another")
    audit_record(
        actor=actor,
        action=TASK_CLAIMED,
        obj=task,
        fields=["tasks", "claimed_until"],
        note=f"desk: {claimed} tasks claimed",
    )
    return claimed


@transaction.atomic
def task_release(*, actor: Any, task: Task) -> int:
    """Let go of the claim on `task`'s victim. An agent releases their own claim; a supervisor
    releases anyone's. Returns how many tasks were released."""
    require(may_work_desk(actor))
    now = timezone.now()
    scope = _claim_scope(task).filter(claimed_by__isnull=False)
    if not may_supervise_desk(actor):
        holder = _held_by_another(scope, actor, now)
        if holder is not None:
            raise RuleBroken(
                _("Only a desk supervisor can release another agent's claim."),
                code="not_your_claim",
            )
    released = scope.update(claimed_by=None, claimed_until=None)
    if released:
        audit_record(
            actor=actor,
            action=TASK_RELEASED,
            obj=task,
            fields=["tasks"],
            note=f"desk: {released} tasks released",
        )
    return released


@transaction.atomic
def task_reassign(*, actor: Any, task: Task, to: Any) -> int:
    """A supervisor gives the victim's open tasks to another desk agent, claimed by them for
    `DESK_CLAIM_MINUTES`. Returns how many tasks were reassigned."""
    require(may_supervise_desk(actor))
    if to is None or not may_work_desk(to):
        raise RuleBroken(_("Select someone who works on the desk"), field="to", code="not_desk")
    until = timezone.now() + timedelta(minutes=settings.DESK_CLAIM_MINUTES)
    reassigned = _claim_scope(task).update(claimed_by=to, claimed_until=until)
    if reassigned == 0:
        raise RuleBroken(_("This task is no longer open."), code="task_not_open")
    audit_record(
        actor=actor,
        action=TASK_REASSIGNED,
        obj=task,
        fields=["tasks", "claimed_by"],
        note=f"desk: {reassigned} tasks reassigned",
    )
    return reassigned


def _check_late_reason(late_reason: str, late_note: str) -> None:
    if late_reason not in LateReason.values or late_reason == LateReason.SOURCE_LATE:
        raise RuleBroken(
            _("Select why this update is late"), field="late_reason", code="late_reason_required"
        )
    if late_reason == LateReason.OTHER and not late_note.strip():
        raise RuleBroken(
            _("Say what the other reason was"), field="late_note", code="late_note_required"
        )


def is_late(task: Task, done_at: datetime | None = None) -> bool:
    """Done (or to be done at `done_at`) at or after the task's deadline."""
    when = done_at or task.done_at or timezone.now()
    return when >= task.due_at


def needs_late_reason(task: Task) -> bool:
    """A task closed late with no reason yet: the agent is asked on `desk:late_reason`."""
    return task.status == TaskStatus.DONE and is_late(task) and not task.late_reason


@transaction.atomic
def task_close(
    *,
    actor: Any,
    task: Task,
    contact: ContactAttempt | None = None,
    late_reason: str = "",
    late_note: str = "",
    routed_action: str = "",
    reason_later: bool = False,
) -> Task:
    """Mark `task` done: when (the contact's time, else now), by whom, and how many working days
    late. Done at or after `due_at` it needs a `late_reason` (and a note for "other") unless
    the desk heard of it late (`source_late`); `reason_later=True` closes it without one, for the
    caller to send the agent to `desk:late_reason`. A routed feedback task needs what was done
    (`routed_action`)."""
    require(may_work_desk(actor))
    fresh = Task.objects.select_for_update().get(pk=task.pk)
    if fresh.status != TaskStatus.OPEN:
        raise RuleBroken(_("This task is already closed."), code="task_not_open")
    done_at = contact.at if contact is not None else timezone.now()
    routed = fresh.kind in ROUTED_KINDS
    if routed and routed_action not in RoutedAction.values:
        raise RuleBroken(_("Select what was done"), field="routed_action", code="action_required")
    if not routed:
        routed_action = ""
    late = is_late(fresh, done_at)
    if not late:
        late_reason, late_note = "", ""
    elif fresh.late_reason == LateReason.SOURCE_LATE:
        late_reason, late_note = LateReason.SOURCE_LATE, ""
    elif late_reason or not reason_later:
        _check_late_reason(late_reason, late_note)
    fresh.status = TaskStatus.DONE
    fresh.done_at = done_at
    fresh.done_by = actor
    fresh.contact = contact
    fresh.late_working_days = deadlines.late_working_days(
        fresh.due_date, done_at, closed=closed_days(fresh.due_date)
    )
    fresh.late_reason = late_reason
    fresh.late_note = late_note.strip() if late_reason == LateReason.OTHER else ""
    fresh.routed_action = routed_action
    fresh.claimed_by = None
    fresh.claimed_until = None
    fresh.save(
        update_fields=[
            "status",
            "done_at",
            "done_by",
            "contact",
            "late_working_days",
            "late_reason",
            "late_note",
            "routed_action",
            "claimed_by",
            "claimed_until",
        ]
    )
    audit_record(
        actor=actor,
        action=TASK_CLOSED,
        obj=fresh,
        fields=["status", "late_working_days", "late_reason", "routed_action"],
        note=f"desk: task closed {_late_note(late, fresh.late_reason)}",
    )
    return fresh


def _late_note(late: bool, reason: str) -> str:
    if not late:
        return "on time"
    return f"late ({reason or 'reason to follow'})"


@transaction.atomic
def late_reason_record(*, actor: Any, task: Task, late_reason: str, late_note: str = "") -> Task:
    """Say why a task closed late was late (the contact log closes it first, then asks)."""
    require(may_work_desk(actor))
    fresh = Task.objects.select_for_update().get(pk=task.pk)
    if fresh.status != TaskStatus.DONE or not is_late(fresh):
        raise RuleBroken(_("This task was not closed late."), code="not_late")
    if fresh.late_reason == LateReason.SOURCE_LATE:
        raise RuleBroken(
            _("We heard of this event after its deadline: no other reason is needed."),
            code="source_late",
        )
    _check_late_reason(late_reason, late_note)
    fresh.late_reason = late_reason
    fresh.late_note = late_note.strip() if late_reason == LateReason.OTHER else ""
    fresh.save(update_fields=["late_reason", "late_note"])
    audit_record(
        actor=actor,
        action=LATE_REASON_RECORDED,
        obj=fresh,
        fields=["late_reason"],
        note=f"desk: late reason {late_reason}",
    )
    return fresh
