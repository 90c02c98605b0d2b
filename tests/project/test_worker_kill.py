"""A worker killed (SIGKILL) in the middle of a task: the task runs again, finishes, and
nothing is done twice. A message delivery, the nightly purge and a report's generation.

Real `manage.py db_worker` processes on a PostgreSQL database of the test's own (made on
the server of DATABASE_URL, else 127.0.0.1:5432, from a migrated template, and dropped at
the end). The kill lands mid-task with no hook in the product: the test holds a row lock
the task needs and waits until the worker's session is blocked on it, or Notify's
stand-in (tests/notify/fake_notify.py) holds back its answer. Then the sweeper
(`manage.py recover_tasks`, lib/task_recovery.py) enqueues the task again, and a second
worker runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from itertools import count
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from lib.task_recovery import TAG_PREFIX, WORKER_LOST
from privacy.purge import DEFAULT_BATCH_SIZE
from tests.notify.fake_notify import FakeNotify

BASE_DIR = Path(__file__).resolve().parents[2]
TASKS = "django_tasks_database_dbtaskresult"
_numbers = count(1)


def server_url(database: str = "postgres") -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def admin_connection() -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(server_url(), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        reason = f"No PostgreSQL server at {urlsplit(server_url()).netloc}: {error}"
        if os.environ.get("VV_REQUIRE_SERVERS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


def environment(database: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_REPLICA_URL"}}
    env.update(
        DJANGO_ENV="test",
        DATABASE_URL=server_url(database),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - this project's manage.py with our own arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def django(env: dict[str, str], code: str) -> Any:
    """Run `code` in the product (manage.py shell); the JSON it prints last."""
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - this project's manage.py with our own arguments
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"]
        + ["--no-reload", "--worker-id", "first"],
        cwd=BASE_DIR,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def run_worker_until_queue_empty(env: dict[str, str]) -> None:
    manage(
        env, "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--worker-id", "second"
    )


def wait_for(what: str, condition: Callable[[], bool], *, limit: float = 120) -> None:
    """Wait (a bound, not a measure) until `condition` holds."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up waiting for {what}.")
        time.sleep(0.05)


def one(db: psycopg.Connection[Any], sql: str, params: tuple[Any, ...] = ()) -> Any:
    row = db.execute(sql, params).fetchone()  # type: ignore[arg-type]
    return row[0] if row is not None else None


def running_task(db: psycopg.Connection[Any]) -> str | None:
    value = one(db, f"SELECT id FROM {TASKS} WHERE status = 'RUNNING'")  # noqa: S608
    return str(value) if value is not None else None


def session_blocked_on_lock(db: psycopg.Connection[Any], task_id: str) -> bool:
    return bool(
        one(
            db,
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
            " AND wait_event_type = 'Lock'",
            (TAG_PREFIX + task_id,),
        )
    )


def session_gone(db: psycopg.Connection[Any], task_id: str) -> bool:
    return not one(
        db,
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
        (TAG_PREFIX + task_id,),
    )


def kill(worker: subprocess.Popen[bytes]) -> None:
    worker.kill()  # SIGKILL: no handler, no clean-up, the task left RUNNING
    worker.wait(timeout=30)


def recover_and_rerun(env: dict[str, str], db: psycopg.Connection[Any], task_id: str) -> None:
    """After the kill: once the dead worker's session has gone, the sweeper enqueues the
    task again (with no lease to wait for), and a new worker runs the queue dry."""
    wait_for("the killed worker's session to end", lambda: session_gone(db, task_id))
    assert running_task(db) == task_id
    out = manage(env, "recover_tasks", "--lease-minutes", "0")
    assert "1 abandoned task(s), 1 enqueued again." in out
    run_worker_until_queue_empty(env)


def task_outcomes(db: psycopg.Connection[Any]) -> list[tuple[str, str, Any]]:
    rows = db.execute(
        f"SELECT status, exception_class_path, return_value FROM {TASKS} ORDER BY enqueued_at"  # noqa: S608
    ).fetchall()
    return [(status, path, value) for status, path, value in rows]


@pytest.fixture(scope="module")
def template() -> Iterator[str]:
    """A database with every migration applied, copied for each test."""
    admin = admin_connection()
    name = f"vv_workerkill_template_{os.getpid()}"
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        manage(environment(name), "migrate", "--noinput", "-v", "0")
        yield name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def database(template: str) -> Iterator[str]:
    admin = admin_connection()
    name = f"vv_workerkill_{os.getpid()}_{next(_numbers)}"
    admin.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    try:
        yield name
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


@pytest.fixture
def db(database: str) -> Iterator[psycopg.Connection[Any]]:
    """The test's own look at the database, outside any transaction."""
    with psycopg.connect(server_url(database), autocommit=True) as connection:
        yield connection


@pytest.fixture
def notify() -> Iterator[FakeNotify]:
    fake = FakeNotify.on_free_port()
    yield fake
    fake.close()


def notify_settings(notify: FakeNotify, *, timeout: float) -> dict[str, str]:
    return {
        "NOTIFY_BACKEND": "notify",
        "NOTIFY_API_KEY": "test_key-" + "1" * 36 + "-" + "2" * 36,
        "NOTIFY_EMAIL_TEMPLATE_ID": "email-template-id",
        "NOTIFY_SMS_TEMPLATE_ID": "sms-template-id",
        "NOTIFY_BASE_URL": notify.url,
        "NOTIFY_TIMEOUT_SECONDS": str(timeout),
    }


SEND_THREE = """
import json
from notify.services import message_send_many
messages = message_send_many([
    {"template": "sign_in_code", "to_email": f"member{i}@example.org", "personalisation": {"code": str(i)}}
    for i in range(3)
])
print(json.dumps([message.pk for message in messages]))
"""


def test_a_delivery_killed_while_notify_answers_sends_no_message_twice(
    database: str, db: psycopg.Connection[Any], notify: FakeNotify, tmp_path: Path
) -> None:
    # The first worker waits as long as it takes for Notify's answer (it is killed first);
    # the second waits 1 s, so a hand-over of the first is surely over after 7 s
    # (notify.services.in_flight_grace) and it need not wait two minutes to settle it.
    first = environment(database, **notify_settings(notify, timeout=300))
    second = environment(database, **notify_settings(notify, timeout=1))
    ids = django(second, SEND_THREE)
    references = [str(pk) for pk in ids]
    # The first message goes through; Notify takes the second and holds back its answer.
    notify.script = [201, "stall", 201]

    worker = start_worker(first, tmp_path / "worker.log")
    try:
        assert notify.arrived.wait(timeout=120), (tmp_path / "worker.log").read_text()
        task_id = running_task(db)
        assert task_id is not None
        status, started = db.execute(
            "SELECT status, sending_started_at FROM notify_message WHERE id = %s", (ids[1],)
        ).fetchone()  # type: ignore[misc]
        assert status == "queued" and started is not None  # the claim, committed first
    finally:
        kill(worker)
    notify.release()
    assert [notify.posts_for(ref) for ref in references] == [1, 1, 0]

    wait_for(
        "the killed hand-over to be surely over",
        lambda: bool(
            one(
                db,
                "SELECT now() - sending_started_at > interval '7 seconds'"
                " FROM notify_message WHERE id = %s",
                (ids[1],),
            )
        ),
    )
    recover_and_rerun(second, db, task_id)

    # Each message reached Notify exactly once: the one whose answer was lost was asked
    # for by its reference, found, and not sent again.
    assert [notify.posts_for(ref) for ref in references] == [1, 1, 1]
    assert notify.lookups == [references[1]]
    rows = db.execute(
        "SELECT id, status, notify_id, sending_started_at FROM notify_message ORDER BY id"
    ).fetchall()
    kept = {n["reference"]: n["id"] for n in notify.notifications}
    assert [(pk, status, nid, mark) for pk, status, nid, mark in rows] == [
        (pk, "sent", kept[str(pk)], None) for pk in ids
    ]
    assert task_outcomes(db) == [("FAILED", WORKER_LOST, None), ("SUCCESSFUL", "", {"sent": 3})]


SEED_EXPIRED_FEEDBACK = """
import json
from datetime import timedelta
from django.utils import timezone
from pages.models import ServiceFeedback
from privacy.tasks import purge_expired
ServiceFeedback.objects.bulk_create(ServiceFeedback(satisfaction="satisfied") for _ in range(1505))
expired = list(ServiceFeedback.objects.order_by("pk").values_list("pk", flat=True)[:1500])
ServiceFeedback.objects.filter(pk__in=expired).update(created_at=timezone.now() - timedelta(days=800))
purge_expired.enqueue()
print(json.dumps(expired))
"""


def test_a_purge_killed_between_batches_finishes_the_rest_and_counts_each_row_once(
    database: str, db: psycopg.Connection[Any], tmp_path: Path
) -> None:
    env = environment(database)
    expired = django(env, SEED_EXPIRED_FEEDBACK)
    # The batches before the one holding the 1,201st row are deleted and committed.
    done = 1200 // DEFAULT_BATCH_SIZE * DEFAULT_BATCH_SIZE
    with psycopg.connect(server_url(database)) as locker:
        # A row of a later batch, locked: the batches before it are deleted and committed,
        # that one waits.
        locker.execute(
            "SELECT id FROM pages_servicefeedback WHERE id = %s FOR UPDATE", (expired[1200],)
        )
        worker = start_worker(env, tmp_path / "worker.log")
        try:
            wait_for("the purge to block", lambda: _blocked(db))
            task_id = running_task(db)
            assert task_id is not None
            assert one(db, "SELECT count(*) FROM pages_servicefeedback") == 1505 - done
        finally:
            kill(worker)
        locker.commit()

    recover_and_rerun(env, db, task_id)

    assert one(db, "SELECT count(*) FROM pages_servicefeedback") == 5
    receipts = db.execute(
        "SELECT count, completed FROM privacy_retentionreceipt"
        " WHERE rule = 'pages.service_feedback' ORDER BY started_at"
    ).fetchall()
    # The killed run's receipt says what it did before it died; the rerun's the rest.
    assert receipts == [(done, False), (1500 - done, True)]
    assert db.execute(
        "SELECT note FROM privacy_auditevent WHERE action = 'retention_purged'"
        " AND note LIKE 'pages.service_feedback:%%'"
    ).fetchall() == [(f"pages.service_feedback: {1500 - done} deleted",)]
    (lost, again) = task_outcomes(db)
    assert lost == ("FAILED", WORKER_LOST, None)
    assert again[:2] == ("SUCCESSFUL", "") and again[2]["pages.service_feedback"] == 1500 - done


def _blocked(db: psycopg.Connection[Any]) -> bool:
    task_id = running_task(db)
    return task_id is not None and session_blocked_on_lock(db, task_id)


REQUEST_REPORT = """
import json
from reports.services import previous_month, report_generation_request
print(json.dumps([report.pk for report in report_generation_request(actor=None, month=previous_month())]))
"""


def test_a_report_build_killed_before_it_is_stored_is_built_once(
    database: str, db: psycopg.Connection[Any], tmp_path: Path
) -> None:
    env = environment(database)
    (report_id,) = django(env, REQUEST_REPORT)  # no forums yet: the report across all
    with psycopg.connect(server_url(database)) as locker:
        # The build reads and renders freely, then waits to store its snapshot.
        locker.execute(
            "SELECT id FROM reports_monthlyreport WHERE id = %s FOR UPDATE", (report_id,)
        )
        worker = start_worker(env, tmp_path / "worker.log")
        try:
            wait_for("the build to block", lambda: _blocked(db))
            task_id = running_task(db)
            assert task_id is not None
            # A worker that is alive keeps its task, however short the lease.
            out = manage(env, "recover_tasks", "--lease-minutes", "0")
            assert "0 abandoned task(s), 0 enqueued again." in out
        finally:
            kill(worker)
        locker.commit()
    assert one(db, "SELECT status FROM reports_monthlyreport") == "generating"

    recover_and_rerun(env, db, task_id)

    rows = db.execute("SELECT id, status, substr(pdf, 1, 5) FROM reports_monthlyreport").fetchall()
    assert rows == [(report_id, "ready", b"%PDF-")]
    assert (
        one(
            db,
            "SELECT count(*) FROM privacy_auditevent WHERE action = 'reports.report_generated'"
            " AND object_id = %s",
            (str(report_id),),
        )
        == 1
    )
    assert task_outcomes(db) == [("FAILED", WORKER_LOST, None), ("SUCCESSFUL", "", "ready")]
