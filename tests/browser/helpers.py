"""What the browser journeys share: axe-core checks, authenticator codes, sign-in steps."""

import re
import time
from typing import Any

import pytest
from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.browser.conftest import AXE
from victimvoice.personas import DEMO_PASSWORD, PERSONAS_BY_KEY

SERIOUS = {"serious", "critical"}


def assert_accessible(page: Any) -> None:
    """Run axe-core on the page; fail on any serious or critical violation, listing them."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm devDependency axe-core)")
    results = None
    for attempt in range(3):
        # A click that navigates returns before the next page is there: axe may start on
        # the page being left. Wait for the page to load, and run again if it was torn down.
        page.wait_for_load_state("load")
        try:
            results = page.evaluate("async () => await axe.run(document)")
            break
        except Exception as error:  # playwright's Error, raised mid-navigation
            if attempt == 2 or not any(
                text in str(error) for text in ("documentElement", "context was destroyed")
            ):
                raise
            page.wait_for_timeout(200)
    assert results is not None
    problems = [v for v in results["violations"] if v["impact"] in SERIOUS]
    report = "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ("
        + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        + ")"
        for v in problems
    )
    assert not problems, f"axe-core found serious problems on {page.url}:\n{report}"


# The last time step whose code each secret gave out: the product refuses a code that was
# already used, as a real authenticator's user would find, so a second sign-in as the same
# person within one period waits for the next code.
_last_counter: dict[tuple[str, int], int] = {}


def totp_code(secret: str, *, clock_offset: float = 0.0) -> str:
    """The code an authenticator app shows now, waiting out the last seconds of a period
    and any period whose code this test run has already used. `clock_offset`: seconds the
    product's clock is ahead of ours (a product started at another time)."""
    period = app_settings.TOTP_PERIOD

    def now() -> float:
        return time.time() + clock_offset

    # Codes used are remembered per secret and per clock: a product on another day has
    # counters of its own, which must not hold up a product on today's clock.
    key = (secret, round(clock_offset / 3600))
    if period - now() % period < 3:
        time.sleep(period - now() % period + 0.2)
    while int(now()) // period <= _last_counter.get(key, -1):
        time.sleep(period - now() % period + 0.2)
    counter = int(now()) // period
    _last_counter[key] = counter
    return format_hotp_value(hotp_value(secret, counter))


def fill_password_form(page: Any, persona_key: str) -> None:
    """On the sign-in page: enter a staff persona's email and password, press Enter."""
    persona = PERSONAS_BY_KEY[persona_key]
    page.locator("input[name=login]").fill(persona.email)
    password = page.locator("input[name=password]")
    password.fill(DEMO_PASSWORD)
    password.press("Enter")


def read_totp_secret(page: Any) -> str:
    """The authenticator secret the MFA set-up page shows, as a person who cannot scan the
    QR code reads it: open the details ("I cannot scan the QR code") and read the key."""
    for summary in page.locator("details:not([open]) > summary").all():
        summary.click()
    texts = page.evaluate(
        """() => [document.body.innerText,
                  ...Array.from(document.querySelectorAll('input, textarea'), e => e.value),
                  ...Array.from(document.querySelectorAll('[href], [data-secret]'),
                                e => e.getAttribute('href') + ' ' + (e.dataset.secret || ''))]"""
    )
    joined = "\n".join(t for t in texts if t)
    match = re.search(r"secret=([A-Z2-7]+)", joined)
    if match:
        return match.group(1)
    for candidate in re.findall(r"[A-Z2-7]{4}(?:[ -]?[A-Z2-7]{4}){3,}", joined):
        secret = re.sub(r"[ -]", "", candidate)
        if len(secret) >= 16:
            return secret
    raise AssertionError(f"No authenticator secret found on {page.url}")
