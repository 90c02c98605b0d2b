"""A programme admin takes an application through to membership in the browser, with a
disclosure going to the 3-way panel (three panel sign-ins); afterwards no table holds
any trace of the disclosure. axe-core runs on every staff page."""

import re
from typing import Any

import pytest

from tests.browser.conftest import AXE
from tests.browser.helpers import assert_accessible, fill_password_form, totp_code
from victimvoice.personas import PERSONAS_BY_KEY

pytestmark = pytest.mark.browser

DISCLOSURE = "Caution for shoplifting, Croydon, 2019 - Zebrafinch-4471"
EMAIL = "sky.fictional@example.org"
MAKE_APPLICATION = f"""
from django.utils import timezone
from recruitment.services import ApplicationAnswers, application_submit
now = timezone.now()
a = application_submit(answers=ApplicationAnswers(
    cohort_slugs=["disabled-victims"], full_name="Sky Fictional", email="{EMAIL}",
    lives_in_area=True, may_email=True, pnc_check_consent_at=now, terms_agreed_at=now,
    privacy_notice_seen_at=now))
print(a.reference)
"""
TRACES = """
from tests.recruitment.test_panel import traces_of_the_disclosure
from recruitment.models import Application
a = Application.objects.get(reference="{reference}")
print(len(traces_of_the_disclosure()), a.stage, a.outcome, a.vetting_result.outcome)
"""


def sign_in(page: Any, key: str) -> None:
    page.goto("/account/login/")
    fill_password_form(page, key)
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    code = page.locator("input[name=code]")
    code.fill(totp_code(PERSONAS_BY_KEY[key].totp_secret))
    code.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/"))


def fill_date(page: Any, prefix: str, day: int = 1, month: int = 1, year: int = 2026) -> None:
    page.locator(f"input[name='{prefix}-day']").fill(str(day))
    page.locator(f"input[name='{prefix}-month']").fill(str(month))
    page.locator(f"input[name='{prefix}-year']").fill(str(year))


def last_line(output: str) -> str:
    """What the shell script printed (after Django's own "objects imported" line)."""
    return output.strip().splitlines()[-1]


def today_parts(product: Any) -> tuple[int, int, int]:
    out = last_line(
        product.manage(
            "shell",
            "-c",
            "from django.utils import timezone; d = timezone.localdate(); "
            "print(d.day, d.month, d.year)",
        )
    )
    day, month, year = (int(x) for x in out.split())
    return day, month, year


def move(page: Any, link: str, button: str) -> None:
    page.get_by_role("link", name=link).click()
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/recruitment/applications/\d+/$"))


def test_an_application_goes_through_the_panel_to_membership(
    page: Any, browser: Any, product: Any
) -> None:
    reference = last_line(product.manage("shell", "-c", MAKE_APPLICATION))
    day, month, year = today_parts(product)

    sign_in(page, "programme_admin")
    page.goto("/recruitment/applications/")
    assert_accessible(page)
    page.get_by_role("link", name=reference).click()
    page.wait_for_url(re.compile(r"/recruitment/applications/\d+/$"))
    assert "Sky Fictional" in page.locator("main").inner_text()
    assert_accessible(page)

    move(page, "Start screening", "Start screening")
    move(page, "Invite to an onboarding conversation", "Send the invitation")

    page.get_by_role("link", name="Record the onboarding conversation").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record the conversation").click()  # empty: errors
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    fill_date(page, "held_on", day, month, year)
    page.locator("#id_trained_professional").check()
    page.locator("#id_outcome").check()  # ready
    page.get_by_label("Support needs (optional)").fill("A quiet room to take a break")
    page.get_by_role("button", name="Record the conversation").click()
    page.wait_for_url(re.compile(r"/recruitment/applications/\d+/$"))

    page.get_by_role("link", name="Record that the police check was asked for").click()
    assert_accessible(page)
    fill_date(page, "requested_on", day, month, year)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/recruitment/applications/\d+/$"))

    page.get_by_role("link", name="Record the police check result").click()
    assert_accessible(page)
    fill_date(page, "received_on", day, month, year)
    page.get_by_label("Disclosure").check()
    page.get_by_label("What the check disclosed").fill(DISCLOSURE)
    page.get_by_role("button", name="Save the result").click()
    page.wait_for_url(re.compile(r"/recruitment/applications/\d+/$"))
    body = page.locator("main").inner_text()
    assert "There is a disclosure" in body and "Zebrafinch" not in body
    application_url = page.url

    for n, key in enumerate(("panel_oversight", "panel_police", "panel_facilitator")):
        context = browser.new_context(base_url=product.url, locale="en-GB")
        context.add_init_script(path=str(AXE))
        panel = context.new_page()
        sign_in(panel, key)
        panel.goto("/recruitment/panel/")
        assert_accessible(panel)
        panel.get_by_role("link", name=reference).click()
        assert DISCLOSURE in panel.locator("main").inner_text()
        assert_accessible(panel)
        panel.locator("#id_conflict-2").check()  # no conflict
        panel.get_by_label("Accept the application", exact=True).check()
        panel.get_by_role("button", name="Record my view").click()
        panel.wait_for_url(re.compile(r"/recruitment/panel/\d+/$"))
        assert_accessible(panel)
        if n == 2:
            panel.get_by_role("button", name="Record the decision").click()
            panel.wait_for_url(re.compile(r"/recruitment/panel/$"))
            assert "have been deleted" in panel.locator("main").inner_text()
            assert_accessible(panel)
        context.close()

    traces, stage, outcome, vetting = last_line(
        product.manage("shell", "-c", TRACES.format(reference=reference))
    ).split()
    assert (traces, stage, outcome, vetting) == ("0", "decided", "accepted", "accepted")

    page.goto(application_url)
    assert "The check result was deleted" in page.locator("main").inner_text()
    move(page, "Make them a member", "Make them a member")
    assert "They are now a member" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/recruitment/representativeness/")
    assert_accessible(page)
