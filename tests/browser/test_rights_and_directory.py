"""Rights and support on a phone: the rights index, one right (in English and Welsh), the
support directory searched with filters, and a service page, each checked with axe-core."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_visitor_reads_their_rights_on_a_phone_in_english_and_welsh(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Know your rights as a victim of crime").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your rights as a victim of crime"
    assert page.locator("main ol li").count() == 12
    fits(page)
    assert_accessible(page)

    page.get_by_role("link", name="To make a Victim Personal Statement").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "To make a Victim Personal Statement"
    assert page.get_by_text("Who to ask").is_visible()
    assert page.locator("[data-module=govuk-exit-this-page]").count() == 1
    fits(page)
    assert_accessible(page)

    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Gwneud Datganiad Personol Dioddefwr"
    assert page.get_by_text("Pwy i ofyn").is_visible()
    fits(page)
    assert_accessible(page)


def test_a_visitor_searches_the_directory_with_filters_and_opens_a_service(page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Get support").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Find support"
    fits(page)
    assert_accessible(page)

    page.get_by_text("Search and filter").click()  # folded away on a phone
    page.get_by_label("Postcode or area").fill("E1 6AN")
    page.get_by_label("Who can use it").select_option("young-people")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    query = parse_qs(urlsplit(page.url).query)
    assert query["postcode"] == ["E1 6AN"] and query["group"] == ["young-people"]
    heading = page.locator("#results").inner_text()
    assert "Tower Hamlets" in heading
    assert page.get_by_role("link", name="Support for young victims of crime").is_visible()
    fits(page)
    assert_accessible(page)

    page.get_by_role("link", name="Support for young victims of crime").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Support for young victims of crime"
    assert page.get_by_text("How to get this service").is_visible()
    assert page.locator("a[href^='tel:']").count() >= 1
    fits(page)
    assert_accessible(page)
