"""Routed feedback comments become tasks in the desk's queue: the note kept when there was no
safe way to make contact, and a task for every comment still open when the desk arrived (the
same deadlines as desk.services.routed: safeguarding in real hours, complaints in working
days)."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

import lib.fields


def make_tasks(apps, schema_editor):
    from desk import deadlines

    RoutedComment = apps.get_model("feedback", "RoutedComment")
    Task = apps.get_model("desk", "Task")
    DeskClosure = apps.get_model("desk", "DeskClosure")
    closed = frozenset(DeskClosure.objects.values_list("day", flat=True))
    tasks = []
    for routed in RoutedComment.objects.filter(
        status="open", desk_task__isnull=True
    ).select_related("response"):
        response = routed.response
        if routed.reason == "safeguarding":
            kind = "routed_safeguarding"
            due_at = routed.created_at + timedelta(hours=settings.DESK_SAFEGUARDING_HOURS)
            due = timezone.localdate(due_at, deadlines.LONDON)
        else:
            kind = "routed_complaint"
            due = deadlines.due_date(
                routed.created_at, settings.DESK_COMPLAINT_WORKING_DAYS, closed=closed
            )
            due_at = deadlines.end_of_day(due)
        tasks.append(
            Task(
                kind=kind,
                obligation=kind,
                routed_comment_id=routed.pk,
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
        )
    Task.objects.bulk_create(tasks, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_seed_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="routed_note",
            field=lib.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(make_tasks, migrations.RunPython.noop),
    ]
