"""A controlled way to delete audit events past their retention period.

The audit table stays append-only for every ordinary connection: UPDATE and TRUNCATE are
always refused, and DELETE is refused unless the same transaction has opened the purge
and the row is older than the floor it gave:

PostgreSQL: the purge runs, inside its transaction,
    SET LOCAL victimvoice.audit_purge = 'on';
    SELECT set_config('victimvoice.audit_purge_before', '<timestamp>', true);
and the trigger lets DELETE through only for rows with occurred_at before that timestamp.
Both settings end with the transaction.

SQLite (development and tests only): the purge inserts one row holding the floor into
privacy_audit_purge_control, deletes, and removes the row again in the same transaction;
SQLite has one writer at a time, so no other connection ever sees the row.

See privacy/purge.py (`audit_purge_batch`).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION privacy_audit_append_only() RETURNS trigger AS $$
DECLARE
    purge_before timestamptz;
BEGIN
    IF TG_OP = 'DELETE'
       AND coalesce(current_setting('victimvoice.audit_purge', true), '') = 'on' THEN
        purge_before := nullif(current_setting('victimvoice.audit_purge_before', true), '')::timestamptz;
        IF purge_before IS NOT NULL AND OLD.occurred_at < purge_before THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'privacy_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

PG_REVERSE = """
CREATE OR REPLACE FUNCTION privacy_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'privacy_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

SQLITE_FORWARD = [
    "CREATE TABLE privacy_audit_purge_control (purge_before TEXT NOT NULL);",
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_delete;",
    """CREATE TRIGGER privacy_auditevent_no_delete BEFORE DELETE ON privacy_auditevent
       WHEN NOT EXISTS (
           SELECT 1 FROM privacy_audit_purge_control WHERE OLD.occurred_at < purge_before
       )
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: DELETE refused'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_delete;",
    """CREATE TRIGGER privacy_auditevent_no_delete BEFORE DELETE ON privacy_auditevent
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: DELETE refused'); END;""",
    "DROP TABLE IF EXISTS privacy_audit_purge_control;",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def reverse(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_REVERSE, params=None)
    elif schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_retention_receipt")]
    operations = [migrations.RunPython(forward, reverse)]
