"""Session rules: signed out after 30 minutes doing nothing (everyone) and 12 hours after
signing in (staff), told why. Time is moved by editing the session's timestamps."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from privacy.models import AuditAction, AuditEvent
from tests.accounts.test_sign_in import reaches_dashboard, signed_in
from tests.govuk import check_govuk_page

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("accounts:dashboard")


def move_back(client, *, last_seen: float = 0, signed_in_at: float = 0) -> None:
    """Pretend the last request was `last_seen` seconds ago and sign-in `signed_in_at` ago."""
    session = client.session
    now = time.time()
    session[LAST_SEEN_AT] = now - last_seen
    session[SIGNED_IN_AT] = now - signed_in_at
    session.save()


def test_signing_in_starts_both_clocks(client_as):
    client = client_as("member")
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60
    assert abs(client.session[LAST_SEEN_AT] - time.time()) < 60


@pytest.mark.parametrize("persona", ["member", "programme_admin"])
def test_anyone_idle_for_more_than_30_minutes_is_signed_out_and_told_why(
    client_as, personas, persona
):
    client = client_as(persona)
    move_back(client, last_seen=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={DASHBOARD}"
    assert not signed_in(client)
    page = client.get(response["Location"])
    banner = check_govuk_page(page.content).find(class_="govuk-notification-banner")
    assert "You were signed out because you did nothing for 30 minutes" in banner.get_text()
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_OUT, actor=personas[persona], note="idle"
    ).exists()


def test_anyone_active_within_30_minutes_stays_signed_in(client_as):
    client = client_as("member")
    move_back(client, last_seen=settings.SESSION_IDLE_TIMEOUT - 60)
    assert reaches_dashboard(client)
    assert signed_in(client)
    # The visit counts as activity: the idle clock starts again.
    assert time.time() - client.session[LAST_SEEN_AT] < 60


def test_staff_are_signed_out_12_hours_after_signing_in_even_when_active(client_as):
    client = client_as("analyst")
    move_back(client, last_seen=60, signed_in_at=settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)
    page = client.get(response["Location"])
    assert "signed in for 12 hours" in page.content.decode()


def test_staff_within_12_hours_stay_signed_in(client_as):
    client = client_as("analyst")
    move_back(client, last_seen=60, signed_in_at=settings.SESSION_ABSOLUTE_TIMEOUT - 60)
    assert reaches_dashboard(client)


def test_members_have_no_12_hour_limit(client_as):
    client = client_as("member")
    move_back(client, last_seen=60, signed_in_at=settings.SESSION_ABSOLUTE_TIMEOUT + 1)
    assert reaches_dashboard(client)


def test_a_timed_out_post_sends_to_sign_in_without_a_next_page(client_as):
    client = client_as("member")
    move_back(client, last_seen=settings.SESSION_IDLE_TIMEOUT + 1)
    response = client.post(reverse("account_logout"))
    assert response["Location"] == reverse("account_login")


def test_staff_can_see_where_they_are_signed_in(client_as):
    response = client_as("programme_admin").get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert "This device" in response.content.decode()
