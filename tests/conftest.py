import os
import time
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.test import Client
from django.utils import translation

from accounts.models import User
from tests.govuk import check_govuk_page
from victimvoice.cast import build_cast
from victimvoice.personas import PERSONAS

PERSONA_KEYS = [p.key for p in PERSONAS]

# VV_FROZEN_CLOCK=2027-03-01T00:30 runs the whole session with the clock started at that
# instant (Europe/London unless it carries an offset) and ticking on, before the database
# and cast are built. `make test` runs the `dates` tests this way on awkward days
# (docs/testing.md).
_frozen_clock: Any = None


def frozen_clock_instant(value: str) -> datetime:
    """The instant VV_FROZEN_CLOCK names, in UTC: ISO 8601, read in Europe/London unless it
    has an offset (a time the clocks skip is read before the change, a repeated one as its
    first occurrence)."""
    instant = datetime.fromisoformat(value)
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=ZoneInfo("Europe/London"))
    return instant.astimezone(UTC)


def pytest_configure(config: pytest.Config) -> None:
    global _frozen_clock
    value = os.environ.get("VV_FROZEN_CLOCK", "").strip()
    if value and _frozen_clock is None:
        _frozen_clock = time_machine.travel(frozen_clock_instant(value), tick=True)
        _frozen_clock.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _frozen_clock
    if _frozen_clock is not None:
        _frozen_clock.stop()
        _frozen_clock = None


def pytest_report_header(config: pytest.Config) -> str | None:
    value = os.environ.get("VV_FROZEN_CLOCK", "").strip()
    if not value:
        return None
    return f"frozen clock: VV_FROZEN_CLOCK={value} ({frozen_clock_instant(value).isoformat()})"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The demo's cast (victimvoice/cast.py) is built once, after migrations, and every test
    reuses it: the police lead represents the police in every forum, the member persona is a
    member and co-chair of forum A, as in `make run`.

    Tests run inside transactions that roll back, so the cast stays as built. No test may
    use `transactional_db`: the audit table refuses TRUNCATE (see docs/testing.md).
    """
    with django_db_blocker.unblock():
        build_cast()
        # The member persona's application sent them messages (received, onboarding,
        # welcome) and its police check result was deleted with a receipt. They are the
        # cast's history, not any test's: tests count their own.
        from notify.models import Message
        from privacy.models import RetentionReceipt

        Message.objects.all().delete()
        RetentionReceipt.objects.all().delete()


@pytest.fixture(autouse=True)
def _fresh_process_caches() -> None:
    """Rate-limit counters (lib/ratelimit.py) and the feedback form's reference data
    (feedback/form_text.py) live in process memory, which no rollback resets: each test
    starts with them empty."""
    from feedback.form_text import reference_cache_clear
    from lib.ratelimit import ratelimit_clear

    ratelimit_clear()
    reference_cache_clear()


@pytest.fixture(autouse=True)
def _english_unless_asked() -> Any:
    """Each test starts in English and leaves no language active for the next one."""
    translation.activate("en")
    yield
    translation.deactivate()


class CheckedClient(Client):
    """A test client that checks every HTML page it fetches as a GOV.UK page."""

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        is_page = content_type.startswith("text/html") and not getattr(response, "streaming", False)
        if is_page and response.status_code in (200, 400, 403, 404, 429, 500) and response.content:
            check_govuk_page(response.content, url=request.get("PATH_INFO", ""))
        return response


def sign_in(client: Client, user: User, *, mfa: bool = True) -> Client:
    """Sign `user` in; staff sessions are marked as having passed MFA, as after a real sign-in."""
    client.force_login(user)
    if mfa:
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
    return client


@pytest.fixture
def client() -> CheckedClient:
    return CheckedClient()


@pytest.fixture
def personas(db: Any) -> dict[str, User]:
    return {p.key: User.objects.get(email=p.email) for p in PERSONAS}


@pytest.fixture
def client_as(db: Any, personas: dict[str, User]) -> Any:
    """client_as("facilitator_forum_a") -> a CheckedClient signed in as that persona."""

    def make(key: str) -> CheckedClient:
        client = CheckedClient()
        if key == "anonymous":
            return client
        persona = next(p for p in PERSONAS if p.key == key)
        return sign_in(client, personas[key], mfa=persona.mfa)  # type: ignore[return-value]

    return make
