"""Signing in: staff with a password and a code from their app, members with a code by
email; no way to learn who has an account; failed attempts limited and audited."""

import re
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from notify.models import Message
from privacy.models import AuditAction, AuditEvent
from tests.govuk import check_govuk_page
from victimvoice.personas import DEMO_PASSWORD, PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
REQUEST_CODE = reverse("account_request_login_code")
CONFIRM_CODE = reverse("account_confirm_login_code")
UNKNOWN_EMAIL = "nobody.here@example.org"


def totp_code(secret: str) -> str:
    """The code the persona's authenticator app shows now."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def password_sign_in(client: Any, email: str, password: str = DEMO_PASSWORD) -> Any:
    return client.post(LOGIN, {"login": email, "password": password})


def signed_in(client: Any) -> bool:
    return "_auth_user_id" in client.session


def reaches_dashboard(client: Any) -> bool:
    """The dashboard answers (or sends on to the person's own dashboard), not sign-in."""
    response = client.get(reverse("accounts:dashboard"))
    return response.status_code == 200 or (
        response.status_code == 302 and response["Location"].startswith("/dashboard/")
    )


def error_text(response: Any) -> str:
    soup = check_govuk_page(response.content)
    summary = soup.find(class_="govuk-error-summary")
    return " ".join(summary.get_text().split()) if summary else ""


def test_staff_sign_in_with_password_and_app_code_reaches_the_dashboard(client, personas):
    persona = PERSONAS_BY_KEY["programme_admin"]
    response = password_sign_in(client, persona.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(response["Location"])
    assert b'autocomplete="one-time-code"' in page.content
    assert not signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(persona.totp_secret)})
    assert response.status_code == 302, error_text(response)
    assert response["Location"] == reverse("accounts:dashboard")
    assert reaches_dashboard(client)
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN, actor=personas["programme_admin"]
    ).exists()


def test_a_wrong_app_code_does_not_sign_staff_in_and_is_audited(client, personas):
    persona = PERSONAS_BY_KEY["analyst"]
    password_sign_in(client, persona.email)
    wrong = "000000" if totp_code(persona.totp_secret) != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert error_text(response)
    assert 'href="#id_code"' in response.content.decode()
    assert not signed_in(client)
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_IN_FAILED, actor=personas["analyst"], note="mfa code"
    ).exists()


def request_code(client: Any, email: str) -> Any:
    return client.post(REQUEST_CODE, {"email": email})


def test_a_member_signs_in_with_a_code_sent_by_email(client, personas):
    member = personas["member"]
    response = request_code(client, member.email)
    assert response.status_code == 302
    assert response["Location"] == CONFIRM_CODE
    assert client.get(CONFIRM_CODE).status_code == 200

    message = Message.objects.get(template="sign_in_code")
    assert message.recipient == member.email
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", message.body)
    assert code, message.body

    response = client.post(CONFIRM_CODE, {"code": code.group(0), "action": "verify"})
    assert response.status_code == 302
    assert reaches_dashboard(client)
    assert AuditEvent.objects.filter(action=AuditAction.SIGN_IN, actor=member).exists()


def test_a_wrong_code_does_not_sign_a_member_in(client, personas):
    request_code(client, personas["member"].email)
    response = client.post(CONFIRM_CODE, {"code": "BBBB-CCCC", "action": "verify"})
    assert response.status_code == 200
    assert 'href="#id_code"' in response.content.decode()
    assert not signed_in(client)


def test_staff_asking_for_a_code_get_nothing_and_see_what_an_unknown_address_sees(client, personas):
    staff_response = request_code(client, personas["programme_admin"].email)
    unknown_response = request_code(client, UNKNOWN_EMAIL)
    assert staff_response.status_code == unknown_response.status_code == 302
    assert staff_response["Location"] == unknown_response["Location"] == CONFIRM_CODE
    assert not Message.objects.exists()
    page = client.get(CONFIRM_CODE).content.decode()
    assert personas["programme_admin"].email not in page
    assert UNKNOWN_EMAIL not in page
    # Whatever is typed next, staff cannot get in with a code.
    response = client.post(CONFIRM_CODE, {"code": "BBBB-CCCC", "action": "verify"})
    assert response.status_code == 200
    assert not signed_in(client)


def test_a_member_cannot_sign_in_with_a_password(client, personas):
    member_response = password_sign_in(client, personas["member"].email, "")
    member_response = password_sign_in(client, personas["member"].email, "any-password-at-all")
    assert member_response.status_code == 200
    assert error_text(member_response) == error_text(
        password_sign_in(client, UNKNOWN_EMAIL, "any-password-at-all")
    )


def test_wrong_password_and_unknown_email_get_the_same_answer(client, personas):
    wrong_password = password_sign_in(client, personas["police_lead"].email, "not-the-password")
    unknown_email = password_sign_in(client, UNKNOWN_EMAIL, "not-the-password")
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert error_text(wrong_password)
    assert error_text(wrong_password) == error_text(unknown_email)
    assert 'href="#id_login"' in wrong_password.content.decode()
    assert check_govuk_page(wrong_password.content).title.get_text().startswith("Error:")


def test_a_failed_sign_in_is_audited_without_the_email(client, personas):
    password_sign_in(client, personas["police_lead"].email, "not-the-password")
    event = AuditEvent.objects.get(action=AuditAction.SIGN_IN_FAILED)
    assert event.actor_id is None
    assert "@" not in event.note
    assert "police" not in event.note


def test_the_sixth_failed_sign_in_from_one_address_is_refused_with_429(client, personas):
    for attempt in range(5):
        response = password_sign_in(client, f"guess{attempt}@example.org", "wrong-password")
        assert response.status_code == 200
    response = password_sign_in(client, personas["programme_admin"].email)
    assert response.status_code == 429
    soup = check_govuk_page(response.content)
    assert soup.h1.get_text(strip=True) == "Too many attempts"


def test_signing_out_needs_a_post_and_is_audited(client_as, personas):
    client = client_as("facilitator_forum_a")
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert reaches_dashboard(client)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert not signed_in(client)
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_OUT, actor=personas["facilitator_forum_a"]
    ).exists()


def test_staff_get_a_password_link_and_members_get_nothing(client, personas):
    url = reverse("account_reset_password")
    assert client.get(url).status_code == 200
    staff = client.post(url, {"email": personas["dpo"].email})
    member = client.post(url, {"email": personas["member"].email})
    unknown = client.post(url, {"email": UNKNOWN_EMAIL})
    assert staff["Location"] == member["Location"] == unknown["Location"]
    message = Message.objects.get()
    assert message.template == "password_reset"
    assert message.recipient == personas["dpo"].email
    link = re.search(r"https?://\S+/account/password/reset/key/\S+/", message.body)
    assert link, message.body

    path = link.group(0).split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "a-brand-new-long-passphrase"
    response = client.post(
        form_page.request["PATH_INFO"], {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert password_sign_in(client, personas["dpo"].email, new_password)["Location"] == (
        reverse("mfa_authenticate")
    )


@pytest.mark.parametrize(
    "name", ["account_signup", "account_email", "account_set_password", "account_login"]
)
def test_pages_for_flows_we_do_not_offer_are_not_found(client, name):
    response = client.get(reverse(name))
    assert response.status_code == (200 if name == "account_login" else 404)


def test_a_closed_account_cannot_sign_in(client, personas):
    person = personas["officer"]
    person.is_active = False
    person.save(update_fields=["is_active"])
    response = password_sign_in(client, person.email)
    assert not signed_in(client)
    assert response["Location"] == reverse("account_inactive")
    page = client.get(response["Location"])
    assert "Your account is closed" in page.content.decode()
