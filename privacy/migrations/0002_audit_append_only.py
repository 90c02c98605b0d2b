"""PostgreSQL refuses UPDATE, DELETE and TRUNCATE on the audit table.

On SQLite (development only) the equivalent triggers refuse UPDATE and DELETE; SQLite
has no TRUNCATE.
"""

from django.db import migrations

PG_FORWARD = """
CREATE FUNCTION privacy_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'privacy_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER privacy_auditevent_no_update_delete
    BEFORE UPDATE OR DELETE ON privacy_auditevent
    FOR EACH ROW EXECUTE FUNCTION privacy_audit_append_only();

CREATE TRIGGER privacy_auditevent_no_truncate
    BEFORE TRUNCATE ON privacy_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION privacy_audit_append_only();
"""

PG_REVERSE = """
DROP TRIGGER IF EXISTS privacy_auditevent_no_truncate ON privacy_auditevent;
DROP TRIGGER IF EXISTS privacy_auditevent_no_update_delete ON privacy_auditevent;
DROP FUNCTION IF EXISTS privacy_audit_append_only();
"""

SQLITE_FORWARD = [
    """CREATE TRIGGER privacy_auditevent_no_update BEFORE UPDATE ON privacy_auditevent
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER privacy_auditevent_no_delete BEFORE DELETE ON privacy_auditevent
       BEGIN SELECT RAISE(ABORT, 'privacy_auditevent is append-only: DELETE refused'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS privacy_auditevent_no_delete;",
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
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(forward, reverse)]
