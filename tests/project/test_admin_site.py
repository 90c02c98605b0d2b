"""Django's admin is only for superusers who passed MFA in this session."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.accounts.test_sign_in import signed_in
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")
SECRET = "JBSWY3DPEHPK3PXP"  # a demo TOTP secret


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser(
        "super.user@example.org", "a-long-superuser-password", full_name="Sue Super"
    )


@pytest.mark.parametrize("name", ["admin:index", "admin:login", "admin:password_change"])
def test_signed_out_people_are_sent_to_the_products_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=/django-admin/")


@pytest.mark.parametrize("name", ["admin:index", "admin:login", "admin:password_change"])
def test_a_programme_admin_is_refused(client_as, name):
    assert client_as("programme_admin").get(reverse(name)).status_code == 403


def test_a_superuser_without_mfa_is_sent_to_set_it_up(client, superuser):
    sign_in(client, superuser, mfa=False)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_superuser_whose_session_skipped_mfa_is_signed_out(client, superuser):
    TOTP.activate(superuser, SECRET)
    sign_in(client, superuser, mfa=False)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)


def test_a_superuser_with_mfa_this_session_gets_in(superuser):
    TOTP.activate(superuser, SECRET)
    client = sign_in(Client(), superuser, mfa=True)  # Django's own pages: not GOV.UK
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert b"Victim Voice (superusers)" in response.content
    assert client.get(reverse("admin:password_change")).status_code == 200
