"""A small fixed-window rate limit on Django's "ratelimit" cache, for public forms.

    if not ratelimit_hit("apply-submit", *request_identities(request), limit=5, period=3600):
        ... refuse with a 429 page ...

A hit counts against each identity given (the client's address, its browser session, its
account, an API integration): it is allowed only while every one is within the limit, so a
client that changes its address is still counted by its session. Keys are hashed, so no
IP address is written to the cache in clear. The window starts at
the first hit and lasts `period` seconds; within it at most `limit` hits are allowed.

The counters live in their own cache alias, RATELIMIT_CACHE_ALIAS, never in PostgreSQL:
Redis in production (RATELIMIT_CACHE_URL, shared by every worker), a per-process memory
cache in development and tests (docs/deployment.md). A hit is one `add` (and an `incr`
after the first), so it costs the request no database statement or commit.
"""

from __future__ import annotations

from django.core.cache import BaseCache, caches
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

RATELIMIT_CACHE_ALIAS = "ratelimit"


def _cache() -> BaseCache:
    return caches[RATELIMIT_CACHE_ALIAS]


def request_ip(request: HttpRequest) -> str:
    """The client's address, read as django-allauth reads it for its own rate limits: so
    ALLAUTH_TRUSTED_PROXY_COUNT (X-Forwarded-For) or ALLAUTH_TRUSTED_CLIENT_IP_HEADER,
    when set for the proxies in front of the service, apply here too; else REMOTE_ADDR."""
    from allauth.core.internal.httpkit import get_client_ip

    return get_client_ip(request) or "unknown"


def request_identities(request: HttpRequest) -> tuple[str, ...]:
    """The client as the limits see it: its address, and its browser session and account
    when it has them."""
    identities = [f"ip:{request_ip(request)}"]
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if session_key:
        identities.append(f"session:{session_key}")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        identities.append(f"user:{user.pk}")
    return tuple(identities)


def _key(scope: str, identity: str) -> str:
    digest = salted_hmac("lib.ratelimit", f"{scope}:{identity}").hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def ratelimit_hit(scope: str, *identities: str, limit: int, period: int) -> bool:
    """Count one hit for each of `identities` in `scope`; True while every one is within
    `limit` per `period`."""
    allowed = [_hit(_key(scope, identity), limit=limit, period=period) for identity in identities]
    return bool(allowed) and all(allowed)


def _hit(key: str, *, limit: int, period: int) -> bool:
    cache = _cache()
    if cache.add(key, 1, timeout=period):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period)
        count = 1
    return count <= limit


def ratelimit_clear() -> None:
    """Forget every counter (tests start each case with none)."""
    _cache().clear()
