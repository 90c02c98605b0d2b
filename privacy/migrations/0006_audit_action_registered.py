"""Audit events are typed by a registry, not a fixed list (privacy/audit_events.py).

The action column loses its fixed choices and grows to 60 characters for names such as
"recruitment.pnc_result_recorded". No row is changed: rows stored under a generic action
are read as their specific event when shown (the registry's `was`).

PostgreSQL widens the column in place; its triggers stay. SQLite (development only)
rebuilds the table to alter it, which drops its triggers: they are made again here as
migrations 0002 and 0004 left them.
"""

from django.db import migrations, models

SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_delete;",
    """CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER privacy_auditevent_no_delete BEFORE DELETE ON privacy_auditevent
       WHEN NOT EXISTS (
           SELECT 1 FROM privacy_audit_purge_control WHERE OLD.occurred_at < purge_before
       )
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: DELETE refused'); END;""",
]


def sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0005_subject_requests")]

    operations = [
        # Undoing the change rebuilds the table again: the triggers are made after it.
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(db_index=True, max_length=60),
        ),
        migrations.RunPython(sqlite_triggers, migrations.RunPython.noop),
    ]
