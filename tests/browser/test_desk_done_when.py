"""The Victim Focus Desk end to end, in real Chromium with axe-core on every page, on a
phone-sized and a desktop screen (issue 13's "done when"):

an "arrested" event for a victim with enhanced rights (domestic abuse) happens on Friday
30 April 2027, before the Early May bank holiday, and reaches the desk through the API on
Tuesday 4 May → the update is due by the end of Tuesday, the next working day → a desk
agent claims it from the queue, agrees safe times with the victim, is refused when logging a
call outside them, logs the call within them as reached with Right 6 delivered, and refers
the victim to a support service from the directory with their explicit consent → the
supervisor's compliance figures count the update as on time.

The product runs with its clock started on that Tuesday (tests/browser/clocked_manage.py).
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import urllib.request
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import Any

import pytest

from tests.browser.conftest import AXE, Product, running_product
from tests.browser.helpers import assert_accessible, fill_password_form, totp_code
from tests.browser.test_recruitment_staff_journey import last_line
from victimvoice.personas import PERSONAS_BY_KEY

pytestmark = pytest.mark.browser

CLOCK = "2027-05-04T13:30"
ARRESTED_AT = "2027-04-30T16:40:00+01:00"  # Friday, before Monday's bank holiday
DUE_AT = "2027-05-04T23:00:00Z"  # the end of Tuesday in London
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
TOKEN = (
    "from accounts.models import User; from feedback.services.invitations import "
    "integration_create; admin = User.objects.get(email='programme.admin@example.org'); "
    "print(integration_create(actor=admin, name='Crime recording system (journey)', "
    "organisation=admin.organisation, scopes=['desk'])[1])"
)


@pytest.fixture(scope="module")
def desk_product(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Product]:
    with running_product(tmp_path_factory.mktemp("desk"), clock=CLOCK) as product:
        yield product


@pytest.fixture(scope="module")
def token(desk_product: Product) -> str:
    return last_line(desk_product.manage("shell", "-c", TOKEN))


def clock_offset(product: Product) -> float:
    """How far the product's clock is ahead of ours, from its Date header."""
    with urllib.request.urlopen(f"{product.url}/healthz", timeout=10) as response:  # noqa: S310
        theirs = parsedate_to_datetime(response.headers["Date"]).timestamp()
    return theirs - time.time()


def sign_in(page: Any, product: Product, key: str) -> None:
    """Sign a staff persona in, their authenticator app's code worked out at the product's
    time (its clock is on another day)."""
    page.goto("/account/login/")
    fill_password_form(page, key)
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    code = page.locator("input[name=code]")
    code.fill(totp_code(PERSONAS_BY_KEY[key].totp_secret, clock_offset=clock_offset(product)))
    code.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/"))


def api(product: Product, token: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - the product under test, on loopback
        f"{product.url}/api/v1/desk/{path}",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 202
        return dict(json.load(response))


def new_page(browser: Any, product: Product, viewport: dict[str, int]) -> Any:
    context = browser.new_context(base_url=product.url, locale="en-GB", viewport=viewport)
    context.set_default_timeout(15_000)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
    return page


def checked(page: Any, viewport: dict[str, int]) -> None:
    page.wait_for_load_state()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= max(viewport["width"], 1280)


def arrested_figures(page: Any) -> tuple[int, int]:
    """(owed, done on time) for "Suspect arrested" in the compliance download's first table."""
    response = page.request.get("/desk/compliance/download.csv")
    assert response.status == 200
    rows = list(csv.reader(io.StringIO(response.text())))
    header = next(row for row in rows if "Done on time" in row)
    arrested = next(row for row in rows if row and row[0].startswith("Suspect arrested"))
    return int(arrested[header.index("Owed")]), int(arrested[header.index("Done on time")])


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_an_update_owed_after_a_bank_holiday_weekend_is_given_on_time(
    screen: str, browser: Any, desk_product: Product, token: str
) -> None:
    viewport = VIEWPORTS[screen]
    reference = "7012345/27" if screen == "phone" else "7012346/27"
    supervisor = new_page(browser, desk_product, viewport)
    sign_in(supervisor, desk_product, "desk_supervisor")
    supervisor.goto("/desk/compliance/")
    checked(supervisor, viewport)
    owed_before, on_time_before = arrested_figures(supervisor)

    # The crime recording system sends the case, then the arrest.
    case = api(
        desk_product,
        token,
        "cases",
        {
            "source_event_id": f"journey-case-{screen}",
            "crime_reference": reference,
            "offence_category": "domestic-abuse",
            "team_code": "camden-response-team-a",
            "victims": [
                {
                    "victim_ref": "V1",
                    "name": "Robin Journey",
                    "date_of_birth": "1984-02-11",
                    "postcode": "NW1 9ZZ",
                    "safe_contact": {
                        "may_phone": True,
                        "may_voicemail": False,
                        "may_text": True,
                        "may_email": False,
                        "may_letter": False,
                        "phone": "07700 900777",
                    },
                }
            ],
        },
    )
    event = api(
        desk_product,
        token,
        "events",
        {
            "source_event_id": f"journey-arrest-{screen}",
            "crime_reference": reference,
            "kind": "arrested",
            "occurred_at": ARRESTED_AT,
        },
    )
    assert [task["due_at"] for task in event["tasks"]] == [DUE_AT]
    case_number = case["case_id"]

    # A desk agent claims it from today's queue: due today, by the end of Tuesday.
    agent = new_page(browser, desk_product, viewport)
    sign_in(agent, desk_product, "desk_agent")
    agent.goto("/desk/")
    checked(agent, viewport)
    agent.get_by_label("Team").select_option(label="Camden response team A")
    agent.get_by_label("Enhanced rights").select_option(index=1)
    agent.get_by_role("button", name="Apply filters").click()
    checked(agent, viewport)
    row = agent.locator(
        "tr", has=agent.get_by_role("link", name=re.compile(f"Case {case_number}\\b"))
    )
    assert "Robin" not in agent.content()
    row.get_by_role("button", name=f"Claim case {case_number}").click()
    checked(agent, viewport)
    assert (
        "You are working on this until" in agent.locator(".govuk-notification-banner").inner_text()
    )

    # The case: agree safe times (weekdays, 10:00 to 16:00).
    agent.goto(f"/desk/cases/{case_number}/")
    checked(agent, viewport)
    assert "Robin Journey" in agent.content()
    agent.get_by_role("link", name="Change their safe contact").click()
    checked(agent, viewport)
    for day in range(5):
        agent.locator(f"input[name=days_0][value='{day}']").check()
    agent.locator("input[name=from_0]").fill("10:00")
    agent.locator("input[name=to_0]").fill("16:00")
    agent.get_by_role("button", name=re.compile("Save")).click()
    checked(agent, viewport)

    # A call logged at 08:30 is refused: outside the safe times.
    agent.goto(f"/desk/cases/{case_number}/")
    agent.get_by_role("link", name="Log a contact").click()
    checked(agent, viewport)
    agent.get_by_label("Reached").check()
    agent.get_by_label("Time of the contact, today").fill("08:30")
    agent.get_by_role("button", name=re.compile("Log")).click()
    checked(agent, viewport)
    assert (
        "outside the times they said are safe" in agent.locator(".govuk-error-summary").inner_text()
    )

    # Within them: reached, and the arrest update given with reasons.
    agent.get_by_label("Reached").check()
    agent.get_by_label("Time of the contact, today").fill("13:15")
    agent.get_by_label("Suspect arrested").check()
    agent.get_by_label(re.compile("I told them the reasons")).check()
    agent.get_by_label("Summary").fill("Told them about the arrest and the bail conditions.")
    agent.get_by_role("button", name=re.compile("Log")).click()
    checked(agent, viewport)
    assert "Contact logged" in agent.locator(".govuk-notification-banner").inner_text()

    # A referral to a service in the directory, with the victim's explicit consent.
    agent.get_by_role("link", name="Refer them to a support service").click()
    checked(agent, viewport)
    service = agent.locator("select[name=service] option", has_text="Practical and emotional")
    agent.get_by_label("Support service").select_option(value=service.first.get_attribute("value"))
    agent.get_by_role("button", name=re.compile("Continue")).click()
    checked(agent, viewport)
    agent.get_by_label(re.compile("explicit consent")).check()
    agent.get_by_label("I read this to the victim and they agreed").check()
    agent.locator("input[name=shared][value=contact]").check()
    agent.get_by_role(
        "button", name=re.compile("Send the referral|Make the referral|Refer")
    ).click()
    checked(agent, viewport)
    assert "referral" in agent.locator(".govuk-notification-banner").inner_text().lower()

    # The compliance figures count the update, on time.
    supervisor.goto("/desk/compliance/")
    checked(supervisor, viewport)
    assert arrested_figures(supervisor) == (owed_before + 1, on_time_before + 1)
