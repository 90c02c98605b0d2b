"""Telling "the database cannot be reached" apart from a fault in the code.

When PostgreSQL restarts, fails over or is out of connections, a request fails with
django.db.OperationalError or InterfaceError (psycopg's own errors when they escape
Django's wrapper). That is not a bug to show as a 500 page: the product answers 503 with
Retry-After (pages.views.server_error), and the next request reconnects
(CONN_HEALTH_CHECKS in victimvoice/settings.py). See docs/operations.md, "Faults".
"""

from __future__ import annotations

import psycopg
from django import db

# What the 503 asks a browser or an integration to wait before trying again (seconds).
RETRY_AFTER_SECONDS = 60

_UNREACHABLE = (
    db.OperationalError,
    db.InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def database_unavailable(error: BaseException | None) -> bool:
    """True when `error`, or an error it was raised from, says the database could not be
    reached or the connection was lost."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, _UNREACHABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
