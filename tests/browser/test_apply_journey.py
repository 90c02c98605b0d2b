"""Applying to join a forum in real Chromium: on a phone-sized screen with axe-core on
every page, by keyboard alone for the first pages, and in Welsh."""

import os
import re
import time
from typing import Any

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
REFERENCE = re.compile(r"VVF-[0-9A-Z]{4}-[0-9A-Z]{2}")
# The product's minimum time from the first question to sending (settings default).
MIN_SECONDS = int(os.environ.get("RECRUITMENT_MIN_SECONDS_TO_APPLY", "15"))


def continue_(page: Any) -> None:
    page.locator("main form button.govuk-button").click()
    page.wait_for_load_state()


def check_page(page: Any) -> None:
    """Every page: no serious axe-core problem, one h1, nothing wider than the phone."""
    assert_accessible(page)
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def walk_the_questions(page: Any, *, check_each_page: bool = True) -> float:
    """From the first question to Check your answers; returns when the questions began."""
    began = time.monotonic()

    def step(slug: str, fill: Any) -> None:
        page.wait_for_url(re.compile(rf"/apply/{slug}$"))
        if check_each_page:
            check_page(page)
        fill()
        continue_(page)

    def radio(name: str, value: str) -> Any:
        return lambda: page.locator(f"input[name={name}][value='{value}']").check()

    def boxes(name: str, *values: str) -> Any:
        def fill() -> None:
            for value in values:
                page.locator(f"input[name={name}][value='{value}']").check()

        return fill

    def contact() -> None:
        page.locator("input[name=full_name]").fill("Jordan Example")
        page.locator("input[name=email]").fill("jordan@example.org")
        page.locator("input[name=phone]").fill("07700 900457")

    def safe_contact() -> None:
        page.locator("input[name=channels][value=email]").check()
        page.locator("textarea[name=times_to_avoid]").fill("Weekday evenings")

    step("age", radio("answer", "yes"))
    step("area", boxes("area", "live"))
    step("victim", radio("answer", "yes"))
    step("forums", boxes("cohorts", "general", "lgbtq-victims"))
    step("contact", contact)
    step("safe-contact", safe_contact)
    step("access-needs", lambda: page.locator("textarea[name=access_needs]").fill("Large print"))
    step("equality", radio("answer", "yes"))
    step("ethnic-group", radio("answer", "mixed"))
    step("ethnic-background", radio("answer", "mixed_white_asian"))
    step("disability", radio("answer", "prefer_not_to_say"))
    step("sexual-orientation", radio("answer", "bisexual"))
    step("gender-identity", radio("answer", "same"))
    step("age-band", radio("answer", "35_49"))
    step("borough", lambda: page.locator("select[name=answer]").select_option("E09000012"))
    step("pnc-check", radio("answer", "yes"))
    step("agreement", radio("answer", "yes"))
    step("privacy", lambda: None)
    page.wait_for_url(re.compile(r"/apply/check-your-answers$"))
    return began


def send(page: Any, began: float) -> str:
    """Wait out the minimum time a person takes, send, and return the reference shown."""
    remaining = MIN_SECONDS + 1 - (time.monotonic() - began)
    if remaining > 0:
        page.wait_for_timeout(remaining * 1000)
    continue_(page)
    page.wait_for_url(re.compile(r"/apply/application-sent$"))
    panel = page.locator(".govuk-panel").inner_text()
    match = REFERENCE.search(panel)
    assert match, panel
    return match.group(0)


def test_a_new_user_applies_on_a_phone_with_no_serious_accessibility_problems(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Apply to join a Victim Voice Forum").click()
    page.wait_for_url(re.compile(r"/apply/$"))
    check_page(page)
    assert page.locator("[data-module=govuk-exit-this-page]").count() == 1

    page.locator("a.govuk-button--start").click()
    page.wait_for_url(re.compile(r"/apply/age$"))
    continue_(page)  # nothing chosen: the error summary, checked by axe too
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error:")
    check_page(page)
    page.locator(".govuk-error-summary a").click()  # the link moves focus to the field
    assert page.evaluate("document.activeElement.name") == "answer"

    began = walk_the_questions(page)
    check_page(page)
    assert "Jordan Example" in page.locator("main").inner_text()

    # A change link goes to the question and back to Check your answers.
    page.locator(".govuk-summary-list__actions a[href='/apply/access-needs?return=check']").click()
    page.wait_for_url(re.compile(r"/apply/access-needs\?return=check$"))
    page.locator("textarea[name=access_needs]").fill("Large print and a hearing loop")
    continue_(page)
    page.wait_for_url(re.compile(r"/apply/check-your-answers$"))
    assert "hearing loop" in page.locator("main").inner_text()

    reference = send(page, began)
    check_page(page)
    assert "What happens next" in page.locator("main").inner_text()
    assert reference not in page.url


def test_someone_not_eligible_is_told_why_and_pointed_to_support(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/apply/age")
    page.locator("input[name=answer][value=no]").check()
    continue_(page)
    page.wait_for_url(re.compile(r"/apply/you-cannot-apply$"))
    check_page(page)
    assert "16 or older" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Find support services").is_visible()


def test_a_keyboard_user_starts_an_application_and_answers_the_first_questions(page) -> None:
    page.goto("/apply/")
    tab_to(page, "a.govuk-button--start")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/age$"))

    tab_to(page, "input[name=answer][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, "main form button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/area$"))

    tab_to(page, "input[name=area][value=live]")
    page.keyboard.press("Space")
    tab_to(page, "main form button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/victim$"))

    tab_to(page, "input[name=answer][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, "main form button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/forums$"))

    tab_to(page, "input[name=cohorts]")
    page.keyboard.press("Space")
    tab_to(page, "main form button.govuk-button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/apply/contact$"))
    tab_to(page, "input[name=full_name]")
    assert_accessible(page)


def test_the_same_journey_works_in_welsh(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/apply/")
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "cy"
    check_page(page)
    page.locator("a.govuk-button--start").click()
    began = walk_the_questions(page, check_each_page=False)
    assert page.locator("html").get_attribute("lang") == "cy"
    send(page, began)
    assert page.locator("html").get_attribute("lang") == "cy"
    check_page(page)


def tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching `selector` has focus (fail after `limit`)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab on {page.url}")
