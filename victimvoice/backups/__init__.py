"""Backups of the product's PostgreSQL database, and the drill that proves they restore.

- `backup_db` (scripts/backup-db): one pg_dump in custom format, taken under one snapshot,
  and a manifest beside it (JSON): when, the newest migration of each app, the rows in each
  table counted in that same snapshot, and the dump's sha256.
- `restore_db` (scripts/restore-db): pg_restore into an empty database (it refuses one that
  holds tables unless told to replace them), after checking the dump against its manifest.
- `backup_drill`: restores the latest dump into a scratch cluster (or a given empty
  database) and checks it: `migrate --check`, the row counts against the manifest, the
  encrypted fields read with FIELD_ENCRYPTION_KEYS, and none of their text in clear in the
  dump.
- `backup_db --base` and `backup_drill --base-backup`: a base backup of the whole server
  (pg_basebackup), recovered with the WAL archive up to a chosen time (point in time).

Modules: database.py (connecting, counting), dumps.py (pg_dump, manifest, pg_restore),
drill.py (the checks), pitr.py (base backups and recovery).

The keys in FIELD_ENCRYPTION_KEYS are never written to a dump or a manifest: encrypted
columns hold Fernet tokens, so a backup without the keys cannot be read. The keys live in
the secret store, apart from the backups (docs/operations.md, "Backups and restore").

Nothing here prints or logs a stored value: only table and column names, counts and times.
"""

from .database import BackupError, Database
from .drill import DrillReport, run_drill
from .dumps import Backup, backup_database, check_dump, find_backup, prune, restore_database

__all__ = [
    "Backup",
    "BackupError",
    "Database",
    "DrillReport",
    "backup_database",
    "check_dump",
    "find_backup",
    "prune",
    "restore_database",
    "run_drill",
]
