"""Claims on a victim's tasks, releasing and reassigning them, and closing a task with the
reason it was late (desk/services/tasks.py; docs/desk.md, "The queue")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from desk.models import LateReason, Task, TaskStatus
from desk.services import (
    late_reason_record,
    task_claim,
    task_close,
    task_reassign,
    task_release,
)
from desk.services.tasks import needs_late_reason
from lib.rules import RuleBroken
from privacy.models import AuditEvent

pytestmark = [pytest.mark.dates, pytest.mark.django_db]

# A Wednesday in the month after next, 10:00 London (GMT or BST, whichever applies).
NOW = datetime.now(UTC).replace(day=1, hour=9, minute=0, second=0, microsecond=0) + timedelta(
    days=62
)


def _wednesday(start: datetime) -> datetime:
    while start.weekday() != 2:
        start += timedelta(days=1)
    return start


WEDNESDAY = _wednesday(NOW)


def second_agent() -> User:
    user = User.objects.create_user(
        email="dee.desk@example.org", password=None, full_name="Dee Desk"
    )
    RoleAssignment.objects.create(user=user, role=Role.DESK_AGENT)
    return user


def two_tasks(make_case: Any, make_event: Any) -> tuple[Task, Task]:
    """One victim owed two Right 6 updates (arrested, then charged), both due Thursday."""
    case = make_case()
    make_event(case, "arrested", WEDNESDAY - timedelta(hours=2))
    make_event(case, "charged", WEDNESDAY - timedelta(hours=1))
    first, second = Task.objects.filter(case=case).order_by("pk")
    return first, second


@pytest.fixture
def clock() -> Any:
    with time_machine.travel(WEDNESDAY, tick=False) as traveller:
        yield traveller


def test_a_claim_takes_every_open_task_of_the_victim(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    agent = personas["desk_agent"]
    first, second = two_tasks(make_case, make_event)
    assert task_claim(actor=agent, task=first) == 2
    for task in Task.objects.filter(pk__in=[first.pk, second.pk]):
        assert task.claimed_by == agent
        assert task.claimed_until == WEDNESDAY + timedelta(minutes=30)
    event = AuditEvent.objects.filter(action="desk.task_claimed").latest("pk")
    assert event.object_id == str(first.pk)
    assert event.fields == ["claimed_until", "tasks"]


def test_another_agent_cannot_claim_a_victim_someone_is_working_on(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=dee, task=first)
    with pytest.raises(RuleBroken) as refused:
        task_claim(actor=personas["desk_agent"], task=second)
    until = (WEDNESDAY + timedelta(minutes=30)).astimezone(ZoneInfo("Europe/London"))
    assert str(refused.value) == (
        f"Dee Desk is working on this victim's tasks until {until:%H:%M}."
    )
    assert refused.value.code == "claimed_by_another"
    assert set(Task.objects.values_list("claimed_by", flat=True)) == {dee.pk}


def test_a_new_task_of_a_claimed_victim_does_not_let_another_agent_in(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    """Only one of the victim's tasks is claimed (a new one arrived since): the other agent's
    claim is refused whole and leaves the new task free."""
    first, second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=dee, task=first)
    Task.objects.filter(pk=second.pk).update(claimed_by=None, claimed_until=None)
    with pytest.raises(RuleBroken):
        task_claim(actor=personas["desk_agent"], task=second)
    assert Task.objects.get(pk=second.pk).claimed_by is None


def test_the_claim_is_one_conditional_update(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, _second = two_tasks(make_case, make_event)
    with CaptureQueriesContext(connection) as queries:
        task_claim(actor=personas["desk_agent"], task=first)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 1
    sql = updates[0]
    assert '"victim_id" =' in sql and '"status" = ' in sql
    assert '"claimed_by_id" IS NULL' in sql and '"claimed_until" <=' in sql


def test_two_agents_one_wins(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=personas["desk_agent"], task=first)
    with pytest.raises(RuleBroken):
        task_claim(actor=dee, task=second)
    # Claiming again renews one's own claim.
    clock.shift(timedelta(minutes=10))
    assert task_claim(actor=personas["desk_agent"], task=second) == 2
    assert Task.objects.get(pk=first.pk).claimed_until == WEDNESDAY + timedelta(minutes=40)


def test_an_expired_claim_can_be_taken(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=dee, task=first)
    clock.shift(timedelta(minutes=31))
    assert task_claim(actor=personas["desk_agent"], task=second) == 2
    assert set(Task.objects.values_list("claimed_by", flat=True)) == {personas["desk_agent"].pk}


def test_release_own_claim_and_only_a_supervisor_releases_another(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=dee, task=first)
    with pytest.raises(RuleBroken):
        task_release(actor=personas["desk_agent"], task=first)
    assert task_release(actor=personas["desk_supervisor"], task=second) == 2
    assert not Task.objects.filter(claimed_by__isnull=False).exists()
    task_claim(actor=dee, task=first)
    assert task_release(actor=dee, task=first) == 2
    assert AuditEvent.objects.filter(action="desk.task_released").count() == 2


def test_a_supervisor_reassigns_and_an_agent_cannot(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, _second = two_tasks(make_case, make_event)
    dee = second_agent()
    task_claim(actor=personas["desk_agent"], task=first)
    with pytest.raises(PermissionDenied):
        task_reassign(actor=personas["desk_agent"], task=first, to=dee)
    with pytest.raises(RuleBroken):
        task_reassign(actor=personas["desk_supervisor"], task=first, to=personas["analyst"])
    assert task_reassign(actor=personas["desk_supervisor"], task=first, to=dee) == 2
    assert set(Task.objects.values_list("claimed_by", flat=True)) == {dee.pk}
    assert AuditEvent.objects.filter(action="desk.task_reassigned").exists()


def test_closing_on_time_needs_no_reason(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, _second = two_tasks(make_case, make_event)
    task_claim(actor=personas["desk_agent"], task=first)
    closed = task_close(actor=personas["desk_agent"], task=first, late_reason="desk_capacity")
    assert closed.status == TaskStatus.DONE
    assert closed.done_by == personas["desk_agent"]
    assert closed.done_at == WEDNESDAY
    assert closed.late_working_days == 0
    assert closed.late_reason == ""  # on time: a reason given is not kept
    assert closed.claimed_by is None
    event = AuditEvent.objects.filter(action="desk.task_closed").latest("pk")
    assert event.object_id == str(first.pk)
    with pytest.raises(RuleBroken):
        task_close(actor=personas["desk_agent"], task=first)


def test_closing_late_needs_a_reason(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, second = two_tasks(make_case, make_event)
    # A burglary: due 5 working days after the arrest. Ten hours past the deadline:
    clock.move_to(first.due_at + timedelta(hours=10))
    with pytest.raises(RuleBroken) as refused:
        task_close(actor=personas["desk_agent"], task=first)
    assert refused.value.field == "late_reason"
    with pytest.raises(RuleBroken) as no_note:
        task_close(actor=personas["desk_agent"], task=first, late_reason=LateReason.OTHER)
    assert no_note.value.field == "late_note"
    assert Task.objects.get(pk=first.pk).status == TaskStatus.OPEN
    closed = task_close(
        actor=personas["desk_agent"], task=first, late_reason=LateReason.NOT_REACHED
    )
    assert closed.late_reason == LateReason.NOT_REACHED
    assert (closed.late_working_days or 0) >= 1
    # The contact log closes first and asks after (desk:late_reason).
    later = task_close(actor=personas["desk_agent"], task=second, reason_later=True)
    assert later.late_reason == "" and needs_late_reason(later)
    recorded = late_reason_record(
        actor=personas["desk_agent"], task=later, late_reason="other", late_note="Phone down"
    )
    assert recorded.late_reason == LateReason.OTHER
    assert Task.objects.get(pk=second.pk).late_note == "Phone down"
    assert not needs_late_reason(recorded)
    event = AuditEvent.objects.filter(action="desk.late_reason_recorded").latest("pk")
    assert event.fields == ["late_reason"]


def test_a_task_heard_of_late_needs_no_other_reason(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    case = make_case()
    make_event(case, "arrested", WEDNESDAY - timedelta(days=20))
    task = Task.objects.get(case=case)
    assert task.late_reason == LateReason.SOURCE_LATE
    closed = task_close(actor=personas["desk_agent"], task=task)
    assert closed.late_reason == LateReason.SOURCE_LATE
    assert (closed.late_working_days or 0) > 0
    with pytest.raises(RuleBroken):
        late_reason_record(actor=personas["desk_agent"], task=closed, late_reason="not_reached")


def test_only_desk_staff_close_or_claim(
    clock: Any, make_case: Any, make_event: Any, personas: dict[str, Any]
) -> None:
    first, _second = two_tasks(make_case, make_event)
    for key in ("analyst", "programme_admin"):
        with pytest.raises(PermissionDenied):
            task_claim(actor=personas[key], task=first)
        with pytest.raises(PermissionDenied):
            task_close(actor=personas[key], task=first)
