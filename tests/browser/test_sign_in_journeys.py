import re

import pytest

from tests.browser.helpers import (
    assert_accessible,
    fill_password_form,
    read_totp_secret,
    totp_code,
)
from victimvoice.personas import DEMO_PASSWORD, PERSONAS_BY_KEY

pytestmark = pytest.mark.browser

DASHBOARD = re.compile(r"/dashboard/")
MFA_AUTHENTICATE = re.compile(r"/account/2fa/authenticate/")
MFA_SET_UP = re.compile(r"/account/2fa/")


def test_programme_admin_signs_in_with_password_and_code_and_reaches_the_dashboard(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/login/"))
    assert_accessible(page)

    fill_password_form(page, "programme_admin")
    page.wait_for_url(MFA_AUTHENTICATE)
    assert_accessible(page)

    code = page.locator("input[name=code]")
    code.fill(totp_code(PERSONAS_BY_KEY["programme_admin"].totp_secret))
    code.press("Enter")
    page.wait_for_url(DASHBOARD)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_staff_without_mfa_lands_on_mfa_set_up_and_can_complete_it(page) -> None:
    page.goto("/account/login/")
    fill_password_form(page, "staff_without_mfa")
    page.wait_for_url(MFA_SET_UP)
    assert_accessible(page)

    # Any staff page sends them back to set-up until it is done.
    page.goto("/dashboard/")
    assert MFA_SET_UP.search(page.url), page.url
    if "/totp/activate/" not in page.url:
        page.goto("/account/2fa/totp/activate/")

    secret = read_totp_secret(page)
    code = page.locator("input[name=code]")
    code.fill(totp_code(secret))
    code.press("Enter")
    page.wait_for_url(lambda url: "/totp/activate/" not in url)

    page.goto("/dashboard/")
    assert DASHBOARD.search(page.url), page.url


def test_a_keyboard_user_reaches_the_sign_in_form_from_the_skip_link(page) -> None:
    page.goto("/account/login/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govuk-skip-link')")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=login]")
    page.keyboard.type(PERSONAS_BY_KEY["dpo"].email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(MFA_AUTHENTICATE)

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    tab_to(page, "input[name=code]")
    page.keyboard.type(totp_code(PERSONAS_BY_KEY["dpo"].totp_secret))
    page.keyboard.press("Enter")
    page.wait_for_url(DASHBOARD)


def tab_to(page, selector: str, limit: int = 15) -> None:
    """Press Tab until the element matching `selector` has focus (fail after `limit`)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab on {page.url}")


def test_a_member_signs_in_with_the_code_make_code_prints(page, product) -> None:
    member = PERSONAS_BY_KEY["member"]
    page.goto("/account/login/")
    page.get_by_role("link", name=re.compile("sign-in code by email")).click()
    page.wait_for_url(re.compile(r"/account/login/code/"))
    assert_accessible(page)
    email = page.locator("input[name=email]")
    email.fill(member.email)
    email.press("Enter")
    page.wait_for_url(re.compile(r"/account/login/code/confirm/"))
    assert_accessible(page)

    code = page.locator("input[name=code]")
    code.fill(product.manage("demo_code", member.email).strip())
    code.press("Enter")
    page.wait_for_url(DASHBOARD)
    assert_accessible(page)
