"""The data protection officer exports and erases a fictional person's data in the browser."""

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import assert_accessible, fill_password_form, totp_code
from victimvoice.personas import PERSONAS_BY_KEY

pytestmark = pytest.mark.browser

EMAIL = "jamie.fictional@example.org"
MAKE_PERSON = f"""
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from notify.services import message_send
from pages.models import ServiceFeedback
user = User.objects.create_user("{EMAIL}", None, full_name="Jamie Fictional")
RoleAssignment.objects.create(user=user, role=Role.MEMBER)
message_send(template="sign_in_code", to_email=user.email, personalisation={{"code": "Q4W8ZP"}})
ServiceFeedback.objects.create(satisfaction="satisfied", comments="Jamie Fictional was here.")
"""
CHECK_ERASED = f"""
from accounts.models import User
from notify.models import Message
from notify.models import recipient_digest
print(User.objects.filter(email="{EMAIL}").count(),
      User.objects.filter(full_name="Erased person").count(),
      Message.objects.filter(recipient_digest=recipient_digest("{EMAIL}")).count())
"""


def sign_in_as_dpo(page: Any) -> None:
    page.goto("/account/login/")
    fill_password_form(page, "dpo")
    page.wait_for_url(re.compile(r"/account/2fa/authenticate/"))
    code = page.locator("input[name=code]")
    code.fill(totp_code(PERSONAS_BY_KEY["dpo"].totp_secret))
    code.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/"))


def test_the_dpo_exports_and_erases_a_fictional_person(page: Any, product: Any) -> None:
    product.manage("shell", "-c", MAKE_PERSON)
    sign_in_as_dpo(page)

    page.goto("/privacy-team/subjects/")
    assert_accessible(page)
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/subjects/results/"))
    assert EMAIL not in page.url
    assert_accessible(page)

    page.get_by_role("link", name="See all data held about Jamie Fictional").click()
    page.wait_for_url(re.compile(r"/subjects/user-\d+/"))
    assert_accessible(page)

    page.get_by_role("button", name="Export").click()
    page.wait_for_url(re.compile(r"/subjects/exports/\d+/"))
    body = page.locator("main").inner_text()
    assert EMAIL in body and "Q4W8ZP" in body and "Jamie Fictional was here." in body
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as JSON").click()
    document = json.loads(Path(download_info.value.path()).read_text())
    assert {"accounts", "notify", "pages", "privacy"} <= {s["name"] for s in document["providers"]}

    page.get_by_role("link", name="Back", exact=True).click()
    page.wait_for_url(re.compile(r"/subjects/user-\d+/$"))
    page.get_by_role("button", name="Erase").click()
    page.wait_for_url(re.compile(r"/erase/"))
    assert_accessible(page)
    page.get_by_label("Type ERASE to confirm").fill("ERASE")
    page.get_by_role("button", name="Erase data").click()
    page.wait_for_url(re.compile(r"/subjects/receipts/\d+/"))
    assert "Jamie" not in page.locator("main").inner_text()
    assert_accessible(page)

    output = product.manage("shell", "-c", CHECK_ERASED).strip().splitlines()[-1]
    remaining, erased, messages = output.split()
    assert (remaining, messages) == ("0", "0")
    assert int(erased) >= 1
