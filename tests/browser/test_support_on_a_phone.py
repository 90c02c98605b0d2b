"""The support directory on a phone: the results start on the first screen of a 375 x 812
phone, with the filters folded away behind one control ("Search and filter") that opens
with or without JavaScript; on a wide screen the filters start open beside the results."""

from typing import Any

import pytest

from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}


def first_result_top(page: Any) -> float:
    box = page.locator(".vv-results li").first.bounding_box()
    assert box is not None, "no result is shown"
    return float(box["y"])


def test_the_results_start_on_the_first_screen_of_a_phone(page: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/support/")
    assert page.locator("h1").inner_text() == "Find support"
    assert page.locator(".vv-results li").count() > 1
    top = first_result_top(page)
    print(f"first support result on a 375 x 812 phone: {top:.0f} px from the top")
    assert top < PHONE["height"]
    # The filters are folded away behind one control.
    assert not page.get_by_label("Postcode or area").is_visible()
    assert page.get_by_text("Search and filter").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.get_by_text("Search and filter").click()
    page.get_by_label("Postcode or area").fill("E1 6AN")
    page.get_by_label("Who can use it").select_option("young-people")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert "Tower Hamlets" in page.locator("#results").inner_text()
    # After a search the results still start on the first screen.
    assert first_result_top(page) < PHONE["height"]
    assert page.get_by_role("link", name="Support for young victims of crime").is_visible()
    assert_accessible(page)


def test_the_filters_open_without_javascript(browser: Any, product: Any) -> None:
    context = browser.new_context(base_url=product.url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.set_viewport_size(PHONE)
        page.goto("/support/")
        assert first_result_top(page) < PHONE["height"]
        assert not page.get_by_label("Postcode or area").is_visible()
        page.get_by_text("Search and filter").click()
        assert page.get_by_label("Postcode or area").is_visible()
        page.get_by_label("Name or keyword").fill("court")
        page.get_by_role("button", name="Search").click()
        page.wait_for_load_state()
        assert "court" in page.url
        assert first_result_top(page) < PHONE["height"]
    finally:
        context.close()


def test_on_a_wide_screen_the_filters_start_open_beside_the_results(page: Any) -> None:
    page.set_viewport_size(WIDE)
    page.goto("/support/")
    postcode = page.get_by_label("Postcode or area")
    assert postcode.is_visible()
    filters = page.locator("[data-vv-filters]").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters is not None and results is not None
    assert filters["x"] + filters["width"] <= results["x"]  # side by side, not above
    assert_accessible(page)


def test_a_postcode_to_fix_opens_the_filters_on_a_phone(page: Any) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/support/?postcode=ZZ9")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_label("Postcode or area").is_visible()
    assert_accessible(page)
