"""Feedback comments routed to the desk as tasks: their deadlines (safeguarding in real hours
across a clock change, complaints in working days), handling one on its page, and the tasks
made for comments already open (desk/services/routed.py, desk/migrations/0003)."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from desk import deadlines
from desk.models import Task, TaskStatus
from desk.services import routed_task_create
from feedback.models import RoutedComment
from lib.workdays import is_working_day
from privacy.models import AuditEvent
from tests.feedback.test_form_desk import routed_comment

pytestmark = [pytest.mark.dates, pytest.mark.django_db]


def _last_sunday_of_october(year: int) -> date:
    day = date(year, 10, 31)
    while day.weekday() != 6:
        day -= timedelta(days=1)
    return day


def _quiet_wednesday() -> date:
    """A Wednesday in the month after next with working days either side to the Friday."""
    day = (datetime.now(UTC).replace(day=1) + timedelta(days=62)).date()
    while not (
        day.weekday() == 2 and all(is_working_day(day + timedelta(days=n)) for n in range(3))
    ):
        day += timedelta(days=1)
    return day


def test_safeguarding_is_due_four_real_hours_later_across_the_clock_change() -> None:
    sunday = _last_sunday_of_october(datetime.now(UTC).year + 1)
    routed_at = datetime.combine(
        sunday - timedelta(days=1), datetime.min.time().replace(hour=23, minute=30)
    ).replace(tzinfo=deadlines.LONDON)  # Saturday 23:30 BST
    with time_machine.travel(routed_at, tick=False):
        routed = routed_comment()
    task = Task.objects.get(routed_comment=routed)
    assert task.kind == "routed_safeguarding" and task.obligation == "routed_safeguarding"
    # Real hours: 22:30 UTC + 4 hours (wall-clock arithmetic would give 03:30 GMT).
    assert task.due_at == routed_at.astimezone(UTC) + timedelta(hours=4)
    local = task.due_at.astimezone(deadlines.LONDON)
    assert (local.date(), local.hour, local.minute) == (sunday, 2, 30)  # 02:30 GMT
    assert local.utcoffset() == timedelta(0)
    assert routed_task_create(routed=routed) == task  # made once


def test_a_complaint_is_due_at_the_end_of_the_second_working_day() -> None:
    wednesday = _quiet_wednesday()
    at = datetime.combine(wednesday, datetime.min.time().replace(hour=15)).replace(
        tzinfo=deadlines.LONDON
    )
    with time_machine.travel(at, tick=False):
        routed = routed_comment("I want to complain about the officer, he was rude.")
    assert routed.reason == "complaint"
    task = Task.objects.get(routed_comment=routed)
    assert task.kind == "routed_complaint"
    assert task.due_date == wednesday + timedelta(days=2)  # Friday
    assert task.due_at == deadlines.end_of_day(wednesday + timedelta(days=2))


def test_handling_a_routed_comment_closes_its_task(
    client_as: Any, personas: dict[str, Any]
) -> None:
    routed = routed_comment()
    task = Task.objects.get(routed_comment=routed)
    page = reverse("desk:routed_task", kwargs={"task_id": task.pk})
    desk = client_as("desk_agent")
    missing = desk.post(page, {})
    assert "Select what was done" in missing.content.decode()
    no_reason = desk.post(page, {"action": "no_safe_way"})
    assert "Say why there was no safe way to make contact" in no_reason.content.decode()
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    done = desk.post(page, {"action": "no_safe_way", "note": "The comment was anonymous."})
    assert done.status_code == 302
    assert done["Location"] == reverse("desk:queue") + "?kind=routed"
    closed = Task.objects.get(pk=task.pk)
    assert closed.status == TaskStatus.DONE
    assert closed.routed_action == "no_safe_way"
    assert closed.routed_note == "The comment was anonymous."
    assert closed.done_by == personas["desk_agent"]
    routed.refresh_from_db()
    assert routed.status == "handled" and routed.handled_by == personas["desk_agent"]
    handled = AuditEvent.objects.get(action="feedback.routed_comment_handled")
    assert "action" in handled.fields and "no_safe_way" in handled.note
    assert "anonymous" not in handled.note
    closed_event = AuditEvent.objects.get(action="desk.task_closed", object_id=str(task.pk))
    assert "routed_action" in closed_event.fields
    after = desk.get(page).content.decode()
    assert "No safe way to make contact" in after and '<form method="post"' not in after


def test_a_late_safeguarding_comment_asks_why(client_as: Any) -> None:
    routed = routed_comment()
    task = Task.objects.get(routed_comment=routed)
    page = reverse("desk:routed_task", kwargs={"task_id": task.pk})
    with time_machine.travel(task.due_at + timedelta(hours=1), tick=False):
        desk = client_as("desk_agent")  # signed in then: a session does not last 5 hours
        form = desk.get(page).content.decode()
        assert "This is past its deadline. Why is it late?" in form
        refused = desk.post(page, {"action": "passed_to_safeguarding_team"})
        assert "Select why this update is late" in refused.content.decode()
        done = desk.post(
            page, {"action": "passed_to_safeguarding_team", "late_reason": "desk_capacity"}
        )
    assert done.status_code == 302
    closed = Task.objects.get(pk=task.pk)
    assert closed.late_reason == "desk_capacity"
    assert closed.routed_action == "passed_to_safeguarding_team"


def test_a_task_that_is_not_routed_has_no_routed_page(
    client_as: Any, make_case: Any, make_event: Any
) -> None:
    case = make_case()
    make_event(case, "arrested", datetime.now(UTC) - timedelta(hours=1))
    task = case.tasks.get()
    page = reverse("desk:routed_task", kwargs={"task_id": task.pk})
    assert client_as("desk_agent").get(page).status_code == 404


def test_open_comments_from_before_the_desk_get_their_tasks() -> None:
    waiting = routed_comment()
    handled = routed_comment("She threatened to kill me.")
    Task.objects.filter(routed_comment__in=[waiting, handled]).delete()
    RoutedComment.objects.filter(pk=handled.pk).update(status="handled")
    migration = importlib.import_module("desk.migrations.0003_routed_comment_tasks")
    migration.make_tasks(apps, None)
    task = Task.objects.get(routed_comment=waiting)
    assert task.kind == "routed_safeguarding"
    assert task.due_at == waiting.created_at + timedelta(hours=4)
    assert task.team_id == waiting.response.team_id
    assert not Task.objects.filter(routed_comment=handled).exists()
    migration.make_tasks(apps, None)  # again: nothing more
    assert Task.objects.filter(routed_comment=waiting).count() == 1
