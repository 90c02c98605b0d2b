from io import StringIO
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accounts.models import User
from victimvoice.personas import DEMO_PASSWORD, PERSONAS, PERSONAS_BY_KEY

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def run(*args: Any) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_demo_prints_a_summary_and_can_run_again_without_duplicating_people() -> None:
    before = User.objects.count()
    first = run("seed_demo")
    second = run("seed_demo")
    assert first.startswith("Demo data ready:")
    assert f"{len(PERSONAS)} people" in first
    assert first == second
    assert User.objects.count() == before
    for persona in PERSONAS:
        assert User.objects.filter(email=persona.email).count() == 1


@override_settings(PRODUCTION=True)
def test_seed_demo_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="production"):
        run("seed_demo")


def test_demo_code_prints_the_current_authenticator_code_of_a_staff_persona() -> None:
    persona = PERSONAS_BY_KEY["programme_admin"]
    code = run("demo_code", persona.email).strip()
    assert len(code) == 6 and code.isdigit()
    assert validate_totp_code(persona.totp_secret, code)
    assert not validate_totp_code(PERSONAS_BY_KEY["dpo"].totp_secret, code)


def test_demo_code_accepts_the_email_in_any_case() -> None:
    persona = PERSONAS_BY_KEY["dpo"]
    code = run("demo_code", persona.email.upper()).strip()
    assert validate_totp_code(persona.totp_secret, code)


def test_demo_code_refuses_an_email_that_is_not_a_demo_persona() -> None:
    User.objects.create_user("someone.real@example.com", "a-long-password-123")
    with pytest.raises(CommandError, match="not one of the demo people"):
        run("demo_code", "someone.real@example.com")


def test_demo_code_says_what_to_do_for_staff_without_an_authenticator() -> None:
    with pytest.raises(CommandError, match="set one up"):
        run("demo_code", PERSONAS_BY_KEY["staff_without_mfa"].email)


@override_settings(PRODUCTION=True)
def test_demo_code_refuses_to_run_in_production() -> None:
    with pytest.raises(CommandError, match="production"):
        run("demo_code", PERSONAS_BY_KEY["programme_admin"].email)


def test_demo_personas_lists_every_persona_with_how_to_sign_in() -> None:
    out = run("demo_personas", "--port", "8123")
    assert "http://127.0.0.1:8123/" in out
    assert DEMO_PASSWORD in out
    assert "make code EMAIL=" in out
    assert "manage.py demo_code" in out
    assert "get a sign-in code by" in out
    assert "/messages/outbox/" in out
    for persona in PERSONAS:
        assert persona.email in out
    assert "Programme admin" in out
    assert "Data protection officer" in out


def test_demo_code_prints_the_sign_in_code_a_member_was_just_sent(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    member = PERSONAS_BY_KEY["member"]
    with pytest.raises(CommandError, match="No sign-in code yet"):
        run("demo_code", member.email)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/login/code/", {"email": member.email})

    code = run("demo_code", member.email).strip()

    response = client.post("/account/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(email=member.email).pk)
