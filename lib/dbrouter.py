"""Read replica: the heavy read-only pages read a streaming replica, everything else the
primary (docs/deployment.md, "Read replica").

- replica_database(): the DATABASES["replica"] entry for DATABASE_REPLICA_URL (settings).
- ReplicaRouter: every write, and every read outside a replica_reads() scope, goes to the
  primary ("default"). Inside the scope, reads go to the replica when one is configured and
  answering, except sessions, the cache and the task queue, reads inside a transaction and
  reads after the scope has written.
- replica_reads(): the scope, as a context manager (a background job's figures).
- reads_replica: the scope for a view (dashboards, desk compliance, reports). A request that
  writes (not GET or HEAD), or that comes within REPLICA_AFTER_WRITE_SECONDS of the same
  session's last write, reads the primary: people read their own writes. If the replica
  fails during the page, the view runs once more on the primary.
- ReadYourWritesMiddleware: notes in the session of a signed-in person the time of their
  last request that may have written (no new cookie).

A replica that cannot be reached is left alone for RETRY_SECONDS in this process.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from dj_database_url import DBConfig

PRIMARY = "default"
REPLICA = "replica"
# Read where they were written, always: a session or a cached value a replica has not
# replayed yet would sign someone out or undo a change; a task must run once.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "django_tasks_database"})
SAFE_METHODS = frozenset({"GET", "HEAD"})
WROTE_AT = "replica_wrote_at"  # session key: when this session last sent a write
RETRY_SECONDS = 30.0


def replica_database(url: str, primary: DBConfig, *, testing: bool) -> DBConfig:
    """The DATABASES entry for the replica: the primary's connection options and lifetime,
    a short connect timeout, and in tests a mirror of the primary's test database."""
    import dj_database_url

    database = dj_database_url.parse(url, conn_max_age=primary.get("CONN_MAX_AGE", 0))
    if "CONN_HEALTH_CHECKS" in primary:
        database["CONN_HEALTH_CHECKS"] = primary["CONN_HEALTH_CHECKS"]
    options = dict(primary.get("OPTIONS", {})) if database["ENGINE"] == primary["ENGINE"] else {}
    if "postgresql" in database["ENGINE"]:
        options.setdefault("connect_timeout", 3)
    database["OPTIONS"] = options | database.get("OPTIONS", {})
    if testing:
        database["TEST"] = {"MIRROR": PRIMARY}
    return database


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


# The scope ------------------------------------------------------------------------------


@dataclass
class _Scope:
    used_replica: bool = False
    wrote: bool = False


_scope: ContextVar[_Scope | None] = ContextVar("replica_scope", default=None)
_down_until = 0.0


def _replica_answers() -> bool:
    """Connect to the replica if need be; a failure keeps it out for RETRY_SECONDS."""
    if time.monotonic() < _down_until:
        return False
    try:
        connections[REPLICA].ensure_connection()
    except (OperationalError, InterfaceError):
        _replica_failed()
        return False
    return True


def _replica_failed() -> None:
    global _down_until
    _down_until = time.monotonic() + RETRY_SECONDS
    with contextlib.suppress(DatabaseError):
        connections[REPLICA].close()


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    """Reads in this block may come from the replica (if one is configured and answers).
    Only for figures that may be a few seconds behind."""
    if _scope.get() is not None or not replica_configured() or not _replica_answers():
        yield
        return
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


def _wrote_recently(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    wrote_at = session.get(WROTE_AT) if session is not None else None
    if not isinstance(wrote_at, int | float):
        return False
    return time.time() - wrote_at < settings.REPLICA_AFTER_WRITE_SECONDS


def reads_replica(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view's reads may come from the replica, unless this session has just written.
    Put it under the access decorator, so that who may see the page is read from the primary."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in SAFE_METHODS or _wrote_recently(request):
            return view(request, *args, **kwargs)
        scope = None
        try:
            with replica_reads():
                scope = _scope.get()
                return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            if scope is None or not scope.used_replica:
                raise
            _replica_failed()
        return view(request, *args, **kwargs)  # once more, on the primary

    return wrapped


# The router -----------------------------------------------------------------------------


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        scope = _scope.get()
        if (
            scope is None
            or scope.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or not replica_configured()
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        scope.used_replica = True
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True  # from now on this scope reads what it wrote
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {PRIMARY, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


# Read your own writes -------------------------------------------------------------------


class ReadYourWritesMiddleware:
    """After a signed-in person's request that may have written (not GET or HEAD), their
    session reads the primary for REPLICA_AFTER_WRITE_SECONDS. Only signed-in people see
    the pages that read the replica, so nobody else gets a session for this."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: a sign-in has made the session by then, a sign-out has ended it.
        if request.method not in SAFE_METHODS and request.user.is_authenticated:
            request.session[WROTE_AT] = time.time()
        return response
