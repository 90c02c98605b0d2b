"""SQLite (development, demos) takes a few people at once without "database is locked".

The development settings open a SQLite file with write-ahead logging, a busy timeout and
IMMEDIATE transactions (victimvoice/settings.py, docs/deployment.md). The test runs them in a
process of their own, on a temporary file, and has threads do what a request does in
`transaction.atomic()`: read, then write.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

CONCURRENT_WRITERS = """
import json, threading
import django
django.setup()
from django.conf import settings
from django.db import connection, connections, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
    cursor.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]

errors = []
THREADS, ROUNDS = 8, 15
start = threading.Barrier(THREADS)

def writer():
    start.wait()
    try:
        for _ in range(ROUNDS):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    # Read, then write: with deferred transactions two of these deadlock
                    # and SQLite answers "database is locked" at once.
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    n = cursor.fetchone()[0]
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connections.close_all()

threads = [threading.Thread(target=writer) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT n FROM counter WHERE id = 1")
    total = cursor.fetchone()[0]
print(json.dumps({
    "options": settings.DATABASES["default"].get("OPTIONS", {}),
    "journal_mode": journal_mode,
    "errors": errors,
    "total": total,
    "expected": THREADS * ROUNDS,
}))
"""


def test_concurrent_writers_on_the_development_sqlite_database_never_see_it_locked(tmp_path):
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "DJANGO_ENV": "development",
            "DJANGO_SETTINGS_MODULE": "victimvoice.settings",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'development.sqlite3'}",
        }
    )
    result = subprocess.run(
        [sys.executable, "-c", CONCURRENT_WRITERS],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])

    assert outcome["options"]["transaction_mode"] == "IMMEDIATE"
    assert outcome["options"]["timeout"] >= 10
    assert "journal_mode=WAL" in outcome["options"]["init_command"]
    assert outcome["journal_mode"] == "wal"
    assert outcome["errors"] == []
    assert outcome["total"] == outcome["expected"]
