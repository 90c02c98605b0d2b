# Who is eligible among 100,000 in under 100 ms on PostgreSQL (engagement/selectors/
# eligibility.py). Two facts about each participant are kept by the database itself, so that
# the question is one scan of one partial covering index instead of a join with the safe
# contacts, two lookups of channels on hold and a count of every invitation in the period:
#
# - reach_by_writing: their safe contact says email is safe and there is an address to use
#   (theirs or the safe one), with email not on hold; or the same for texts. The same test
#   as `safe_channel_q()`.
# - recent_invited_at: when their latest invitations were sent, newest first, at most
#   RECENT_KEPT (the most the Terms of Reference may set as the cap, engagement/services/
#   terms.py): fewer than N invitations since a date is `recent_invited_at[N] < date`.
#
# Triggers keep them right whoever writes (every service, the demo, retention, erasure, a
# test's own rows): a participant's insert and change of address or number, and every
# insert, change and delete of safe contacts, channels on hold and invitations. They are not
# model fields, so that Django never writes them, and exist on PostgreSQL only: other
# databases (SQLite in development and tests) answer the same question from the tables.
# tests/engagement/test_eligibility_kept.py checks the two ways agree after each kind of write.

# ruff: noqa: S608 - the SQL below is built only from this module's own constants.
from django.db import migrations

RECENT_KEPT = 50


def refresh_reach(participants: str) -> str:
    """Refresh reach_by_writing where it changed, for the participants `participants` (a
    SELECT of ids) names. Set-based: one statement for a whole statement's rows."""
    return f"""UPDATE engagement_participant p SET reach_by_writing = c.reach
        FROM (SELECT q.id, engagement_reach_by_writing(q.id, q.email_digest, q.phone_digest)
                  AS reach
              FROM engagement_participant q
              WHERE q.id IN ({participants})) c
        WHERE p.id = c.id AND p.reach_by_writing IS DISTINCT FROM c.reach;"""


def refresh_invited(participants: str) -> str:
    return f"""UPDATE engagement_participant p
        SET recent_invited_at = engagement_recent_invited_at(p.id)
        WHERE p.id IN ({participants});"""


# The participants of the safe contacts whose holds are in `rows`.
HELD = """SELECT s.participant_id FROM safecontact_safecontact s
    JOIN {rows} r ON r.safe_contact_id = s.id"""

# The invitations whose time or person changed: their participants, before and after.
MOVED = """SELECT o.participant_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.invited_at IS DISTINCT FROM n.invited_at
           OR o.participant_id IS DISTINCT FROM n.participant_id
    UNION ALL
    SELECT n.participant_id FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE o.invited_at IS DISTINCT FROM n.invited_at
           OR o.participant_id IS DISTINCT FROM n.participant_id"""

FORWARD = f"""
ALTER TABLE engagement_participant
    ADD COLUMN reach_by_writing boolean NOT NULL DEFAULT false,
    ADD COLUMN recent_invited_at timestamptz[] NOT NULL DEFAULT '{{}}';

CREATE FUNCTION engagement_reach_by_writing(pid bigint, own_email text, own_phone text)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN COALESCE((
        SELECT bool_or(
            (s.may_email AND (s.email_digest <> '' OR own_email <> '')
             AND NOT EXISTS (SELECT 1 FROM safecontact_channelhold h
                             WHERE h.safe_contact_id = s.id AND h.channel = 'email'
                               AND h.decision = ''))
            OR (s.may_text AND (s.phone_digest <> '' OR own_phone <> '')
             AND NOT EXISTS (SELECT 1 FROM safecontact_channelhold h
                             WHERE h.safe_contact_id = s.id AND h.channel = 'text'
                               AND h.decision = '')))
        FROM safecontact_safecontact s WHERE s.participant_id = pid), false);
END $$;

CREATE FUNCTION engagement_recent_invited_at(pid bigint)
RETURNS timestamptz[] LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN ARRAY(SELECT i.invited_at FROM engagement_invitation i
                 WHERE i.participant_id = pid
                 ORDER BY i.invited_at DESC LIMIT {RECENT_KEPT});
END $$;

-- A participant: both facts on insert (their safe contact or invitations may come first in
-- the same transaction: the foreign keys are deferred), reach when an address changes.
CREATE FUNCTION engagement_participant_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.reach_by_writing := engagement_reach_by_writing(NEW.id, NEW.email_digest, NEW.phone_digest);
    IF TG_OP = 'INSERT' THEN
        NEW.recent_invited_at := engagement_recent_invited_at(NEW.id);
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER engagement_participant_fill_insert
    BEFORE INSERT ON engagement_participant
    FOR EACH ROW EXECUTE FUNCTION engagement_participant_fill();
CREATE TRIGGER engagement_participant_fill_update
    BEFORE UPDATE OF email_digest, phone_digest ON engagement_participant
    FOR EACH ROW WHEN (OLD.email_digest IS DISTINCT FROM NEW.email_digest
                       OR OLD.phone_digest IS DISTINCT FROM NEW.phone_digest)
    EXECUTE FUNCTION engagement_participant_fill();

-- Safe contacts (only those of participants matter).
CREATE FUNCTION engagement_safecontact_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {refresh_reach("SELECT participant_id FROM new_rows")}
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {refresh_reach("SELECT participant_id FROM old_rows")}
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER engagement_safecontact_inserted
    AFTER INSERT ON safecontact_safecontact REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_safecontact_changed();
CREATE TRIGGER engagement_safecontact_updated
    AFTER UPDATE ON safecontact_safecontact
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_safecontact_changed();
CREATE TRIGGER engagement_safecontact_deleted
    AFTER DELETE ON safecontact_safecontact REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_safecontact_changed();

-- Channels on hold (opened, reviewed, deleted).
CREATE FUNCTION engagement_channelhold_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {refresh_reach(HELD.format(rows="new_rows"))}
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        {refresh_reach(HELD.format(rows="old_rows"))}
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER engagement_channelhold_inserted
    AFTER INSERT ON safecontact_channelhold REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_channelhold_changed();
CREATE TRIGGER engagement_channelhold_updated
    AFTER UPDATE ON safecontact_channelhold
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_channelhold_changed();
CREATE TRIGGER engagement_channelhold_deleted
    AFTER DELETE ON safecontact_channelhold REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_channelhold_changed();

-- Invitations: sent, moved to another time or person, deleted. A change of status alone
-- (an answer, a selection) does not touch the participant.
CREATE FUNCTION engagement_invitation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {refresh_invited("SELECT participant_id FROM new_rows")}
    ELSIF TG_OP = 'DELETE' THEN
        {refresh_invited("SELECT participant_id FROM old_rows")}
    ELSE
        {refresh_invited(MOVED)}
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER engagement_invitation_inserted
    AFTER INSERT ON engagement_invitation REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_invitation_changed();
CREATE TRIGGER engagement_invitation_updated
    AFTER UPDATE ON engagement_invitation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_invitation_changed();
CREATE TRIGGER engagement_invitation_deleted
    AFTER DELETE ON engagement_invitation REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION engagement_invitation_changed();

-- The participants already on the register.
UPDATE engagement_participant p
SET reach_by_writing = engagement_reach_by_writing(p.id, p.email_digest, p.phone_digest),
    recent_invited_at = engagement_recent_invited_at(p.id);

-- Who may be invited, read from this index alone (an index-only scan: the rows themselves
-- are wide with encrypted columns).
CREATE INDEX engagement_eligible_reach ON engagement_participant (area, age_band)
    INCLUDE (id, crime_kinds, languages, formats, recent_invited_at)
    WHERE status = 'active' AND verified_at IS NOT NULL AND reach_by_writing;
"""

BACKWARD = """
DROP INDEX IF EXISTS engagement_eligible_reach;
DROP TRIGGER IF EXISTS engagement_invitation_inserted ON engagement_invitation;
DROP TRIGGER IF EXISTS engagement_invitation_updated ON engagement_invitation;
DROP TRIGGER IF EXISTS engagement_invitation_deleted ON engagement_invitation;
DROP TRIGGER IF EXISTS engagement_channelhold_inserted ON safecontact_channelhold;
DROP TRIGGER IF EXISTS engagement_channelhold_updated ON safecontact_channelhold;
DROP TRIGGER IF EXISTS engagement_channelhold_deleted ON safecontact_channelhold;
DROP TRIGGER IF EXISTS engagement_safecontact_inserted ON safecontact_safecontact;
DROP TRIGGER IF EXISTS engagement_safecontact_updated ON safecontact_safecontact;
DROP TRIGGER IF EXISTS engagement_safecontact_deleted ON safecontact_safecontact;
DROP TRIGGER IF EXISTS engagement_participant_fill_insert ON engagement_participant;
DROP TRIGGER IF EXISTS engagement_participant_fill_update ON engagement_participant;
DROP FUNCTION IF EXISTS engagement_invitation_changed();
DROP FUNCTION IF EXISTS engagement_channelhold_changed();
DROP FUNCTION IF EXISTS engagement_safecontact_changed();
DROP FUNCTION IF EXISTS engagement_participant_fill();
DROP FUNCTION IF EXISTS engagement_recent_invited_at(bigint);
DROP FUNCTION IF EXISTS engagement_reach_by_writing(bigint, text, text);
ALTER TABLE engagement_participant
    DROP COLUMN IF EXISTS reach_by_writing,
    DROP COLUMN IF EXISTS recent_invited_at;
"""


def _run(schema_editor, sql):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)  # several statements, no parameters


def forward(apps, schema_editor):
    _run(schema_editor, FORWARD)


def backward(apps, schema_editor):
    _run(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0005_eligible_covering_index"),
        ("safecontact", "0005_participant_reach_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="participant",
            name="engagement_eligible",
        ),
        migrations.RunPython(forward, backward),
    ]
