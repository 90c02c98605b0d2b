"""Giving feedback from an officer's QR link in real Chromium, on a phone-sized screen, with
axe-core on the form, the equality page and the thanks page: in Welsh, and in Arabic (right
to left). No font is downloaded (the form is meant for poor connections)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def officer_code(product: Any) -> str:
    from victimvoice.personas import PERSONAS

    email = next(p.email for p in PERSONAS if p.key == "officer")
    out = product.manage(
        "shell",
        "-c",
        "from feedback.models import FeedbackCode; "
        f"print(FeedbackCode.objects.get(officer__email={email!r}, active=True).code)",
    )
    return out.strip().splitlines()[-1]


def check_page(page: Any) -> None:
    assert_accessible(page)
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def watch_fonts(page: Any) -> list[str]:
    fonts: list[str] = []
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    return fonts


def submit(page: Any) -> None:
    page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()
    page.wait_for_load_state()


def test_feedback_in_welsh_on_a_phone(page: Any, officer_code: str) -> None:
    page.set_viewport_size(PHONE)
    fonts = watch_fonts(page)
    page.goto(f"/f/{officer_code}/")
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    assert officer_code not in page.url
    assert page.locator("[data-module=govuk-exit-this-page]").count() == 1
    page.locator("a[hreflang=cy]").click()
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    assert page.locator("div[lang=cy]").count() == 1
    assert "Dywedwch wrthym sut wnaeth yr heddlu ddelio â chi" in page.locator("h1").inner_text()
    check_page(page)

    submit(page)  # nothing chosen: the error summary, checked by axe too
    assert page.locator(".govuk-error-summary").is_visible()
    check_page(page)
    page.locator("input[name=overall][value='4']").check()
    page.locator("input[name=respect][value=yes]").check()
    page.locator("input[name=kept_informed][value=no]").check()
    page.locator("textarea[name=comment]").fill("Roedd y swyddog yn garedig iawn.")
    submit(page)

    page.wait_for_url(re.compile(r"/give-feedback/about-you/$"))
    check_page(page)
    names = page.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")
    assert names[0] == "age_band"
    page.locator("input[name=age_band][value='18_24']").check()
    page.locator("input[name=disabled][value=no]").check()
    submit(page)

    page.wait_for_url(re.compile(r"/give-feedback/thanks/$"))
    check_page(page)
    assert "Diolch am eich adborth" in page.locator("h1").inner_text()
    assert page.locator("a[href='/your-rights/']").count() == 1
    assert page.locator("a[href^='/support/?borough=']").count() == 1
    assert fonts == []


def test_feedback_in_arabic_reads_right_to_left(page: Any, officer_code: str) -> None:
    page.set_viewport_size(PHONE)
    fonts = watch_fonts(page)
    page.goto(f"/f/{officer_code}/")
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    page.locator("a[hreflang=ar]").click()
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    content = page.locator("div[lang=ar][dir=rtl]")
    assert content.count() == 1
    assert "هل عاملتك الشرطة باحترام؟" in content.inner_text()
    check_page(page)
    # The radio's circle sits on the right of its label, next to it, as Arabic reads.
    radio = page.locator("input[name=overall][value='5']").bounding_box()
    label = page.locator("label[for=overall]").bounding_box()
    circle = page.evaluate(
        "getComputedStyle(document.querySelector('label[for=overall]'), '::before').right"
    )
    assert radio["x"] > label["x"]
    assert radio["x"] - (label["x"] + label["width"]) < 5
    assert circle == "0px"

    page.locator("input[name=overall][value='5']").check()
    submit(page)
    page.wait_for_url(re.compile(r"/give-feedback/about-you/$"))
    check_page(page)
    page.locator("main form button.govuk-button--secondary").click()  # skip
    page.wait_for_url(re.compile(r"/give-feedback/thanks/$"))
    check_page(page)
    assert "شكرًا لك على رأيك" in page.locator("h1").inner_text()
    assert fonts == []
