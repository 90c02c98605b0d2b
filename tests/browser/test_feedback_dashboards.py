"""The feedback dashboards in the browser, on the seeded demo: an analyst opens the
dashboard, filters it to a borough and compares it with another; the officer reads their
own feedback. axe-core runs on every page, with and without filters."""

import re
from typing import Any

import pytest

from tests.browser.helpers import assert_accessible
from tests.browser.test_recruitment_staff_journey import sign_in

pytestmark = pytest.mark.browser


def test_an_analyst_filters_the_dashboard_and_compares_two_boroughs(page: Any) -> None:
    sign_in(page, "analyst")
    page.get_by_role("link", name="Post-contact feedback dashboard").click()
    page.wait_for_url(re.compile(r"/dashboards/$"))
    assert_accessible(page)
    main = page.locator("main")
    assert main.get_by_role("heading", name="Responses and ratings by month").is_visible()
    assert main.locator("#table-by-month").is_visible()

    page.get_by_label("Borough", exact=True).select_option(label="Camden")
    page.get_by_label("Compare with", exact=True).select_option(label="Hackney")
    page.get_by_label("Channel", exact=True).select_option(label="QR code")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/dashboards/\?.*borough=camden"))
    assert "compare=hackney" in page.url and "channel=qr" in page.url
    assert_accessible(page)
    text = main.inner_text()
    assert "Responses and ratings by team" in text
    assert "Comparison between areas" in text
    # Every figure is either a number, a percentage, or hidden in words: never a small count.
    for cell in main.locator("#table-by-team td").all_inner_texts():
        assert re.fullmatch(r"[\d,]+|\d+(\.\d)?%?|fewer than 5|not shown", cell.strip()), cell

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("as a spreadsheet")).click()
    assert download_info.value.suggested_filename.endswith(".csv")


def test_the_officer_reads_their_own_feedback(page: Any) -> None:
    sign_in(page, "officer")
    page.get_by_role("link", name="Your feedback, added together").click()
    page.wait_for_url(re.compile(r"/dashboards/mine/$"))
    assert_accessible(page)
    text = page.locator("main").inner_text()
    assert "Your ratings" in text
    assert "Comments" in text
