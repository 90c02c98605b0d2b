"""The member's part of a forum, on a phone-sized screen: sign in with an emailed code,
open the next meeting, suggest an agenda item, send apologies, claim an expense with a
receipt, take a break and come back. axe-core runs on every page."""

import re

import pytest

from tests.browser.helpers import assert_accessible
from victimvoice.personas import PERSONAS_BY_KEY

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def _sign_in_with_emailed_code(page, product) -> None:
    member = PERSONAS_BY_KEY["member"]
    page.goto("/account/login/")
    page.get_by_role("link", name=re.compile("sign-in code by email")).click()
    page.wait_for_url(re.compile(r"/account/login/code/"))
    email = page.locator("input[name=email]")
    email.fill(member.email)
    email.press("Enter")
    page.wait_for_url(re.compile(r"/account/login/code/confirm/"))
    code = page.locator("input[name=code]")
    code.fill(product.manage("demo_code", member.email).strip())
    code.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/"))


def test_a_member_does_their_part_from_the_portal_on_a_phone(page, product) -> None:
    page.set_viewport_size(PHONE)
    _sign_in_with_emailed_code(page, product)
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Go to your forum")).click()
    page.wait_for_url(re.compile(r"/portal/$"))
    assert_accessible(page)
    page.locator("main a[href*='/portal/meetings/']").first.click()
    page.wait_for_url(re.compile(r"/portal/meetings/\d+/$"))
    meeting_url = page.url
    assert_accessible(page)
    assert page.get_by_role("link", name="Find support services").is_visible()

    # Suggest an item, by keyboard.
    page.get_by_role("link", name="Suggest something for the agenda").click()
    assert_accessible(page)
    page.get_by_label("What would you like the forum to talk about?").fill(
        "Letters that arrive without warning"
    )
    page.get_by_label("Content note (optional)").fill("Mentions a court date.")
    page.keyboard.press("Tab")
    page.get_by_role("button", name="Send my suggestion").press("Enter")
    page.wait_for_url(meeting_url)
    assert_accessible(page)
    assert page.get_by_text("Letters that arrive without warning").is_visible()

    # Apologies.
    page.get_by_role("button", name="Send my apologies").click()
    page.wait_for_url(meeting_url)
    assert page.get_by_text("You sent your apologies").is_visible()
    assert_accessible(page)

    # An expense with a receipt.
    page.goto("/expenses/")
    assert_accessible(page)
    page.get_by_role("button", name="Make a claim").click()
    page.wait_for_url(re.compile(r"/expenses/new/"))
    assert_accessible(page)
    page.get_by_label("Travel").check()
    page.get_by_label("How much, in pounds?").fill("6.20")
    page.get_by_label("Receipt (optional)").set_input_files(
        {"name": "ticket.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\nticket\n"}
    )
    page.get_by_role("button", name="Send my claim").click()
    another = page.get_by_label("Yes, this is another journey")
    if another.count():  # the demo's member already claimed travel for this meeting
        assert page.get_by_text("ticket.pdf").first.is_visible()  # the receipt was kept
        assert_accessible(page)
        another.check()
        page.get_by_role("button", name="Send my claim").click()
    page.wait_for_url(re.compile(r"/expenses/$"))
    assert page.get_by_text("£6.20").first.is_visible()
    assert_accessible(page)

    # Take a break, then come back.
    page.goto("/portal/taking-a-break/")
    assert_accessible(page)
    page.get_by_role("button", name="Take a break").click()
    page.wait_for_url(re.compile(r"/portal/$"))
    assert page.get_by_text("You are taking a break").first.is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Come back to meetings").click()
    page.get_by_role("button", name="Come back to meetings").click()
    page.wait_for_url(re.compile(r"/portal/$"))
    assert page.get_by_text("Welcome back").is_visible()
    assert_accessible(page)
