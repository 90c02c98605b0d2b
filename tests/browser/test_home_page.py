from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_the_home_page_has_no_serious_accessibility_problems(page) -> None:
    page.goto("/")
    assert page.locator("h1").inner_text() == "Victim Voice"
    assert_accessible(page)


def test_the_home_page_runs_govuk_frontend_javascript_under_the_content_security_policy(
    page,
) -> None:
    page.goto("/")
    # GOV.UK Frontend adds this class only when its module script ran (CSP allowed it).
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    assert page.locator("[data-module=govuk-exit-this-page]").count() == 1


def test_a_visitor_can_switch_the_home_page_to_welsh(page) -> None:
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("button", name="English").is_visible()
    assert urlsplit(page.url).path == "/"  # still on the home page
    assert_accessible(page)


def test_the_home_page_fits_a_phone_screen(page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.locator("h1").is_visible()
    assert (
        page.get_by_role("link", name="Sign in").is_visible()
        or page.get_by_role("button", name="Menu").is_visible()
    )
    assert_accessible(page)
