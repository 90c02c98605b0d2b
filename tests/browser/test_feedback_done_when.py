"""Post-contact feedback end to end, in real Chromium with axe-core on every page:

- a new user opens (scans) a seeded officer's QR link on a phone-sized screen and gives
  feedback in Welsh and in Polish; a reviewer releases the Welsh comment with its
  redactions; after the dashboard job runs, the analyst's dashboard counts both responses
  and the officer sees the comment, redacted, on their own page;
- a desk agent sends an SMS invitation; it is in the outbox; its link opens the form once
  and says plainly that it has been used the second time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import AXE
from tests.browser.helpers import assert_accessible
from tests.browser.test_recruitment_staff_journey import last_line, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WELSH_COMMENT = "Roedd y swyddog yn garedig iawn. Ffoniwch fi ar 07700 900123."
POLISH_COMMENT = "Policjant był bardzo miły i cierpliwy."
# The dashboard job counts responses two minutes old (dashboards/services.py LAG): run it
# as it would run a few minutes from now.
REFRESH = (
    "from datetime import timedelta; from django.utils import timezone; "
    "from dashboards.services import rollup_refresh; "
    "print(rollup_refresh(now=timezone.now() + timedelta(minutes=5)))"
)
COMMENT_ID = (
    "from feedback.models import Response; "
    "print(Response.objects.filter(language='cy', comment__isnull=False)"
    ".order_by('-pk').values_list('comment_id', flat=True)[0])"
)
INVITATION_MESSAGE = (
    "from notify.models import Message; "
    "print(Message.objects.filter(template='feedback_invitation').order_by('-pk')[0].pk)"
)


@pytest.fixture
def new_page(browser: Any, product: Any) -> Iterator[Any]:
    """Pages in fresh browser profiles (one person each), with axe-core loaded."""
    contexts: list[Any] = []

    def make(*, phone: bool = False) -> Any:
        context = browser.new_context(
            base_url=product.url, locale="en-GB", viewport=PHONE if phone else None
        )
        context.set_default_timeout(15_000)
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()


def total_responses(page: Any) -> int:
    page.goto("/dashboards/")
    page.wait_for_load_state()
    assert_accessible(page)
    return int(page.locator("#total-responses").inner_text().replace(",", "").strip())


def give_feedback(page: Any, qr_path: str, *, language: str, comment: str) -> None:
    """A person with the QR link, on a phone, in `language`; every page checked."""
    page.goto(qr_path)
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator(f"a[hreflang={language}]").click()
    page.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    assert page.locator(f"div[lang={language}]").count() == 1
    assert_accessible(page)
    page.locator("input[name=overall][value='4']").check()
    page.locator("input[name=respect][value=yes]").check()
    page.locator("textarea[name=comment]").fill(comment)
    page.wait_for_timeout(3200)  # people take longer than the form's minimum to answer
    page.locator("main form button.govuk-button:not(.govuk-button--secondary)").last.click()
    page.wait_for_url(re.compile(r"/give-feedback/about-you/$"))
    assert_accessible(page)
    page.locator("main form button.govuk-button--secondary").click()  # skip
    page.wait_for_url(re.compile(r"/give-feedback/thanks/$"))
    assert_accessible(page)


def test_qr_feedback_in_welsh_and_polish_is_counted_and_an_sms_link_works_once(
    new_page: Any, product: Any
) -> None:
    # The officer shows their QR code.
    officer = new_page()
    sign_in(officer, "officer")
    officer.get_by_role("link", name="Your QR code for victims to give feedback").click()
    officer.wait_for_url(re.compile(r"/feedback/my-code/$"))
    assert_accessible(officer)
    assert "Tell us how we did" in officer.locator("main").inner_text()
    link = re.search(r"https?://\S+(/f/[A-Za-z0-9_-]+/)", officer.locator("main").inner_text())
    assert link, "the card shows the QR code's link"
    qr_path = link.group(1)
    assert officer.locator("main img[src$='qr.svg']").evaluate("img => img.naturalWidth") > 0

    # Before: what the analyst's dashboard counts.
    last_line(product.manage("shell", "-c", REFRESH))
    analyst = new_page()
    sign_in(analyst, "analyst")
    before = total_responses(analyst)

    # Two people scan it on their phones: one answers in Welsh, one in Polish.
    give_feedback(new_page(phone=True), qr_path, language="cy", comment=WELSH_COMMENT)
    give_feedback(new_page(phone=True), qr_path, language="pl", comment=POLISH_COMMENT)

    # The moderation reviewer releases the Welsh comment with its redactions.
    comment_id = last_line(product.manage("shell", "-c", COMMENT_ID))
    reviewer = new_page()
    sign_in(reviewer, "programme_admin")
    reviewer.goto(f"/redaction/{comment_id}/")
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Continue to release").click()
    reviewer.wait_for_url(re.compile(rf"/redaction/{comment_id}/release/$"))
    assert_accessible(reviewer)
    assert "07700 900123" not in reviewer.locator("main").inner_text()
    reviewer.get_by_role("button", name="Release text").click()
    reviewer.wait_for_url(re.compile(r"/redaction/$"))

    # The dashboard job runs; the analyst sees both responses counted.
    last_line(product.manage("shell", "-c", REFRESH))
    assert total_responses(analyst) == before + 2

    # The officer sees the Welsh comment on their own page, redacted, and nothing else of it.
    officer.goto("/dashboards/mine/")
    officer.wait_for_load_state()
    assert_accessible(officer)
    mine = officer.locator("main").inner_text()
    assert "Roedd y swyddog yn garedig iawn. Ffoniwch fi ar [PHONE]." in mine
    assert "07700 900123" not in mine

    # A desk agent sends an SMS invitation for someone they spoke to.
    desk = new_page()
    sign_in(desk, "desk_agent")
    desk.get_by_role("link", name="Send a feedback invitation").click()
    desk.wait_for_url(re.compile(r"/feedback/invitations/new/$"))
    assert_accessible(desk)
    desk.locator("input[name=may_contact][value=yes]").check()
    desk.locator("input[name=channel][value=sms]").check()
    desk.locator("input[name=phone]").fill("07700 900777")
    desk.locator("select[name=crime_type]").select_option(label="Burglary")
    # No team is chosen for the agent: they pick the one the person dealt with.
    desk.get_by_role("button", name="Send invitation").click()
    assert "Choose the team" in desk.locator("main").inner_text()
    desk.locator("select[name=team]").select_option(index=1)
    desk.get_by_role("button", name="Send invitation").click()
    desk.wait_for_url(re.compile(r"/feedback/invitations/new/$"))
    assert "Invitation sent by text message" in desk.locator("main").inner_text()
    assert_accessible(desk)

    # It is in the outbox, with a link that carries nothing personal.
    message_id = last_line(product.manage("shell", "-c", INVITATION_MESSAGE))
    reviewer.goto(f"/messages/outbox/{message_id}/")
    assert_accessible(reviewer)
    body = reviewer.locator("main").inner_text()
    found = re.search(r"https?://\S+(/i/[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}/)", body)
    assert found, body
    invitation_path = found.group(1)
    assert "900777" not in invitation_path

    # The link opens the form once; the second time it says so plainly.
    person = new_page(phone=True)
    person.goto(invitation_path)
    person.wait_for_url(re.compile(r"/give-feedback/questions/$"))
    assert_accessible(person)
    again = new_page(phone=True)
    response = again.goto(invitation_path)
    assert response is not None and response.status == 410
    assert "This link has already been used" in again.locator("h1").inner_text()
    assert again.locator("a[href='/give-feedback/']").count() >= 1
    assert_accessible(again)
