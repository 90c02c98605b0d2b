"""The read replica router (lib/dbrouter.py): which reads go to the replica, and when the
primary is read instead. A streaming replica end to end: tests/project/test_replica.py.

The "replica" here is a real second database (an SQLite file, or a PostgreSQL address where
nothing listens for one that is down), added to the connections for the test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.db import OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from feedback.models import Borough
from lib import dbrouter
from lib.dbrouter import (
    PRIMARY,
    REPLICA,
    WROTE_AT,
    ReadYourWritesMiddleware,
    ReplicaRouter,
    reads_replica,
    replica_database,
    replica_reads,
)

BASE_DIR = Path(__file__).resolve().parents[2]
NOBODY_LISTENS = "postgres://postgres@127.0.0.1:54319/victimvoice"  # a port of this test's own

router = ReplicaRouter()


def add_replica(monkeypatch: pytest.MonkeyPatch, entry: dict[str, Any]) -> Iterator[None]:
    from django.conf import settings

    both = {PRIMARY: {"ENGINE": "django.db.backends.dummy"}, REPLICA: entry}
    configured = connections.configure_settings(both)[REPLICA]  # with Django's defaults
    monkeypatch.setitem(settings.DATABASES, REPLICA, configured)
    monkeypatch.setattr(dbrouter, "_down_until", 0.0)
    yield
    connections[REPLICA].close()
    del connections[REPLICA]


@pytest.fixture
def replica(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, django_db_blocker: Any
) -> Iterator[None]:
    entry = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "replica.sqlite3")}
    with django_db_blocker.unblock():
        yield from add_replica(monkeypatch, entry)


@pytest.fixture
def replica_down(monkeypatch: pytest.MonkeyPatch, django_db_blocker: Any) -> Iterator[None]:
    entry = replica_database(NOBODY_LISTENS, {"ENGINE": "sqlite"}, testing=False)  # type: ignore[typeddict-item]
    with django_db_blocker.unblock():
        yield from add_replica(monkeypatch, dict(entry))


# The router -------------------------------------------------------------------------------


def test_without_a_replica_every_read_goes_to_the_primary() -> None:
    with replica_reads():
        assert router.db_for_read(Borough) == PRIMARY
    assert router.db_for_read(Borough) == PRIMARY


def test_reads_go_to_the_replica_only_inside_the_scope(replica: None) -> None:
    assert router.db_for_read(Borough) == PRIMARY
    with replica_reads():
        assert router.db_for_read(Borough) == REPLICA
        assert router.db_for_write(Borough) == PRIMARY
    assert router.db_for_read(Borough) == PRIMARY


def test_sessions_are_read_from_the_primary_even_inside_the_scope(replica: None) -> None:
    with replica_reads():
        assert router.db_for_read(Session) == PRIMARY
        assert router.db_for_read(Borough) == REPLICA


def test_after_a_write_the_scope_reads_the_primary(replica: None) -> None:
    with replica_reads():
        assert router.db_for_read(Borough) == REPLICA
        router.db_for_write(Borough)
        assert router.db_for_read(Borough) == PRIMARY


@pytest.mark.django_db
def test_reads_inside_a_transaction_go_to_the_primary(replica: None) -> None:
    # Every django_db test runs inside a transaction on the primary.
    with replica_reads():
        assert router.db_for_read(Borough) == PRIMARY


def test_a_replica_that_does_not_answer_is_not_read(replica_down: None) -> None:
    with replica_reads():
        assert router.db_for_read(Borough) == PRIMARY
    assert dbrouter._down_until > time.monotonic()  # and it is left alone for a while


def test_the_replica_is_never_migrated() -> None:
    assert router.allow_migrate(REPLICA, "feedback") is False
    assert router.allow_migrate(PRIMARY, "feedback") is None


def test_the_replica_has_the_primarys_options_and_mirrors_it_in_tests() -> None:
    primary = {"ENGINE": "django.db.backends.postgresql", "CONN_MAX_AGE": 60}
    primary["OPTIONS"] = {"sslmode": "require"}
    entry = replica_database(
        "postgres://reader@replica.internal:5432/victimvoice",
        primary,  # type: ignore[arg-type]
        testing=True,
    )
    assert entry["HOST"] == "replica.internal"
    assert entry["CONN_MAX_AGE"] == 60
    assert entry["OPTIONS"] == {"sslmode": "require", "connect_timeout": 3}
    assert entry["TEST"] == {"MIRROR": PRIMARY}
    assert "TEST" not in replica_database("postgres://r@h/db", primary, testing=False)  # type: ignore[arg-type]


def test_settings_add_the_replica_its_router_and_the_middleware_only_when_asked() -> None:
    script = (
        "import json; from django.conf import settings; print(json.dumps(["
        "sorted(settings.DATABASES), getattr(settings, 'DATABASE_ROUTERS', []),"
        "'lib.dbrouter.ReadYourWritesMiddleware' in settings.MIDDLEWARE,"
        "settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')]))"
    )

    def read(replica_url: str) -> list[Any]:
        env = os.environ | {"DJANGO_ENV": "test", "DJANGO_SETTINGS_MODULE": "victimvoice.settings"}
        env["DATABASE_REPLICA_URL"] = replica_url
        done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
            [sys.executable, "-c", "import django; django.setup(); " + script],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return list(json.loads(done.stdout))

    assert read("") == [["default"], [], False, None]
    assert read("postgres://reader@replica.internal/victimvoice") == [
        ["default", "replica"],
        ["lib.dbrouter.ReplicaRouter"],
        True,
        "default",
    ]


# The view decorator -----------------------------------------------------------------------


def routed_view(seen: list[str]) -> Any:
    @reads_replica
    def view(request: HttpRequest) -> HttpResponse:
        alias = router.db_for_read(Borough)
        seen.append(alias)
        return HttpResponse(alias)

    return view


def get(method: str = "get", session: dict[str, Any] | None = None) -> HttpRequest:
    request = getattr(RequestFactory(), method)("/dashboards/")
    request.session = session if session is not None else {}  # type: ignore[assignment]
    return request


def test_a_page_reads_the_replica_unless_its_session_has_just_written(replica: None) -> None:
    seen: list[str] = []
    view = routed_view(seen)
    view(get())
    view(get(session={WROTE_AT: time.time() - 2}))
    view(get(session={WROTE_AT: time.time() - 60}))
    view(get("post"))
    assert seen == [REPLICA, PRIMARY, REPLICA, PRIMARY]


def test_a_page_the_replica_fails_during_is_read_again_from_the_primary(replica: None) -> None:
    seen: list[str] = []

    @reads_replica
    def view(request: HttpRequest) -> HttpResponse:
        alias = router.db_for_read(Borough)
        seen.append(alias)
        with connections[alias].cursor() as cursor:
            if alias == REPLICA:  # the replica's file has no tables: a real database error
                cursor.execute("SELECT count(*) FROM feedback_borough")
        return HttpResponse(alias)

    assert view(get()).content == b"default"
    assert seen == [REPLICA, PRIMARY]
    assert view(get()).content == b"default"  # the replica is left alone for a while
    assert seen == [REPLICA, PRIMARY, PRIMARY]


def test_an_error_on_the_primary_is_not_tried_again(replica: None) -> None:
    calls: list[int] = []

    @reads_replica
    def view(request: HttpRequest) -> HttpResponse:
        calls.append(1)
        raise OperationalError("the primary is down")

    with pytest.raises(OperationalError):
        view(get())
    assert calls == [1]


# Read your own writes ---------------------------------------------------------------------


def test_a_signed_in_persons_post_marks_their_session_and_a_get_does_not() -> None:
    middleware = ReadYourWritesMiddleware(lambda request: HttpResponse())
    staff = SimpleNamespace(is_authenticated=True)

    post = get("post")
    post.user = staff  # type: ignore[assignment]
    middleware(post)
    assert time.time() - post.session[WROTE_AT] < 5  # type: ignore[index]

    plain = get()
    plain.user = staff  # type: ignore[assignment]
    middleware(plain)
    assert WROTE_AT not in plain.session

    anonymous = get("post")
    anonymous.user = AnonymousUser()
    middleware(anonymous)
    assert WROTE_AT not in anonymous.session
