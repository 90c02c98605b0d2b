"""Rate limits (lib/ratelimit.py): counted per address, session and account, and shared by
every web node through Redis in production."""

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from lib import ratelimit
from lib.ratelimit import ratelimit_hit, request_identities

REDIS_URL = os.environ.get("VV_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_a_hit_counts_against_every_identity_and_any_one_over_the_limit_refuses() -> None:
    assert ratelimit_hit("test-all", "ip:a", "session:s", limit=2, period=60)
    assert ratelimit_hit("test-all", "ip:b", "session:s", limit=2, period=60)
    # A new address, but the same session: its third hit is refused.
    assert not ratelimit_hit("test-all", "ip:c", "session:s", limit=2, period=60)
    # Another session at a fresh address is counted on its own.
    assert ratelimit_hit("test-all", "ip:d", "session:t", limit=2, period=60)
    assert not ratelimit_hit("test-all", limit=2, period=60)  # no identity: never allowed


def test_the_client_is_its_address_session_and_account() -> None:
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    request.user = AnonymousUser()
    assert request_identities(request) == ("ip:203.0.113.7",)

    class Session:
        session_key = "abc"

    class User:
        pk = 42
        is_authenticated = True

    request.session = Session()  # type: ignore[assignment]
    request.user = User()  # type: ignore[assignment]
    assert request_identities(request) == ("ip:203.0.113.7", "session:abc", "user:42")


@pytest.fixture
def two_nodes() -> Iterator[list[RedisCache]]:
    """Two web nodes' rate-limit caches: separate clients of one real Redis server."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        if os.environ.get("VV_REQUIRE_SERVERS") == "1":
            raise
        pytest.skip(f"No Redis at {REDIS_URL}")
    prefix = f"vv-test-{uuid.uuid4().hex}"
    nodes = [RedisCache(REDIS_URL, {"KEY_PREFIX": prefix}) for _ in range(2)]
    yield nodes
    nodes[0].clear()


def test_two_web_nodes_share_one_count_through_redis(
    two_nodes: list[RedisCache], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = two_nodes
    results = []
    for n in range(6):
        node = first if n % 2 == 0 else second
        monkeypatch.setattr(ratelimit, "_cache", lambda node=node: node)
        results.append(
            ratelimit_hit("test-nodes", f"ip:198.51.100.{n}", "session:x", limit=5, period=60)
        )
    assert results == [True] * 5 + [False]
    # The key is hashed: no address or session is stored in clear.
    server = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    keys = [str(key) for key in server.keys(f"*{first.key_prefix}*")]
    assert keys and not any("198.51.100" in key or "session:x" in key for key in keys)
