"""Monthly reports in the browser, on the seeded demo: the programme team sees that this
month's report cannot be released before the month is over, then reviews the report of a
month that is over across all forums and releases it after confirming; a police lead then
finds it, reads it and downloads its PDF. axe-core runs on every page (docs/reports.md)."""

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.browser.helpers import assert_accessible
from tests.browser.test_recruitment_staff_journey import sign_in

pytestmark = pytest.mark.browser


def test_the_programme_team_releases_a_report_and_a_police_lead_downloads_it(
    page: Any, browser: Any, product: Any
) -> None:
    today = datetime.now(ZoneInfo("Europe/London")).date()
    this_month = today.strftime("%B %Y")
    # The demo released last month's reports; the month before has none yet: make it.
    earlier = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    earlier = (earlier - timedelta(days=1)).replace(day=1)
    product.manage("shell", "-c", _GENERATE.format(month=earlier.isoformat()))
    link_name = re.compile(rf"^All forums\s*, {earlier:%B %Y}$")

    sign_in(page, "programme_admin")
    page.get_by_role("link", name="Monthly reports").click()
    page.wait_for_url(re.compile(r"/reports/$"))
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(rf"^All forums\s*, {this_month}$")).click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert "is not over yet" in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Release to police leads").count() == 0
    page.go_back()
    page.get_by_role("link", name=link_name).click()
    page.wait_for_url(re.compile(r"/reports/\d+/$"))
    assert_accessible(page)
    review = page.locator("main").inner_text()
    assert "Ready for review" in review and "What members told us" in review
    page.get_by_role("button", name="Release to police leads").click()
    page.wait_for_url(re.compile(r"/reports/\d+/release/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Yes, release the report").click()
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


_GENERATE = """
from datetime import date
from accounts.models import User
from reports.services import report_build, report_generation_request
admin = User.objects.get(email="programme.admin@example.org")
for report in report_generation_request(actor=admin, month=date.fromisoformat("{month}")):
    report_build(report_id=report.pk)
"""
