"""The feedback loop's tasks moved into the insights.tasks package. django-tasks records the
dotted path of each queued task and imports it when the worker runs it, so a task queued
under the old path before the move points at the new one. Only tasks not yet run.
("insights.tasks.send_overdue_summary" still imports, re-exported by insights.tasks.)"""

from django.db import migrations

MOVED = {
    "insights.tasks_yousaid.send_you_said_we_did": "insights.tasks.yousaid.send_you_said_we_did",
    "insights.tasks.send_overdue_summary": "insights.tasks.recommendations.send_overdue_summary",
}


def _repoint(apps, schema_editor, moves):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in moves.items():
        DBTaskResult.objects.filter(task_path=old, status="READY").update(task_path=new)


def forwards(apps, schema_editor):
    _repoint(apps, schema_editor, MOVED)


def backwards(apps, schema_editor):
    _repoint(apps, schema_editor, {new: old for old, new in MOVED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0003_point_goes_with_its_meeting"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
