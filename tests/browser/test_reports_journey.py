"""Monthly reports in the browser, on the seeded demo: the programme team reviews this
month's report across all forums and releases it; a police lead then finds it, reads it
and downloads its PDF. axe-core runs on every page (docs/reports.md)."""

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.helpers import assert_accessible
from tests.browser.test_recruitment_staff_journey import sign_in

pytestmark = pytest.mark.browser


def test_the_programme_team_releases_a_report_and_a_police_lead_downloads_it(
    page: Any, browser: Any, product: Any
) -> None:
    month = datetime.now(ZoneInfo("Europe/London")).strftime("%B %Y")
    link_name = re.compile(rf"^All forums\s*, {month}$")

    sign_in(page, "programme_admin")
    page.get_by_role("link", name="Monthly reports").click()
    page.wait_for_url(re.compile(r"/reports/$"))
    assert_accessible(page)
    page.get_by_role("link", name=link_name).click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert_accessible(page)
    review = page.locator("main").inner_text()
    assert "Ready for review" in review and "What members told us" in review
    page.get_by_role("button", name="Release to police leads").click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert_accessible(page)
    assert "Report released. Police leads can read it now." in page.locator("main").inner_text()

    context = browser.new_context(base_url=product.url, locale="en-GB", accept_downloads=True)
    try:
        context.set_default_timeout(10_000)
        police = context.new_page()
        sign_in(police, "police_lead")
        police.get_by_role("link", name="Anonymised monthly reports").click()
        police.wait_for_url(re.compile(r"/reports/$"))
        police.get_by_role("link", name=link_name).click()
        police.wait_for_url(re.compile(r"/reports/\d+/$"))
        assert "Release to police leads" not in police.locator("main").inner_text()
        with police.expect_download() as download_info:
            police.get_by_role("link", name="Download the report (PDF)").click()
        download = download_info.value
        assert re.fullmatch(
            r"victim-voice-report-\d{4}-\d{2}-\d+\.pdf", download.suggested_filename
        )
        with open(download.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    finally:
        context.close()
