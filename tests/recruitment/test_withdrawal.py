"""Withdrawing an application: the link sent with the receipt (no personal data in it,
works once, asks to confirm), the programme team's action, the audit events, and the
retention rule that deletes a withdrawn application."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notify.models import Message
from privacy.models import AuditEvent
from privacy.purge import purge_expired
from privacy.retention import registry
from recruitment import services as s
from recruitment.models import Application, Outcome, PncCheck
from recruitment.retention import WITHDRAWN_DAYS
from tests.recruitment.journey import new, only_new_rows  # noqa: F401 (a fixture)
from tests.recruitment.staff import make_application, to_vetting

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/apply/withdraw/(\S+)")


def _link_in(message: Message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(0)


def _path(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def _receipt(application: Application) -> Message:
    return new(Message).filter(template="application_received").order_by("-pk").first()


@pytest.mark.parametrize(("may_email", "may_text"), [(True, False), (False, True)])
def test_the_receipt_carries_a_link_to_withdraw_with_no_personal_data(may_email, may_text):
    application = make_application(
        email="robin.withdraw@example.org", may_email=may_email, may_text=may_text
    )
    message = _receipt(application)
    link = _link_in(message)
    token = LINK.search(message.body).group(1)
    for value in (
        application.reference,
        application.reference.replace("-", ""),
        "robin",
        "Robin",
        "example.org",
        "900111",
    ):
        assert value not in token
    assert application.withdraw_token_hash  # only its hash is kept
    assert token not in application.withdraw_token_hash
    assert link.startswith("http")


def test_the_link_asks_to_confirm_then_withdraws_once(client):
    application = make_application(email="robin.once@example.org")
    path = _path(_link_in(_receipt(application)))

    page = client.get(path)  # opening the link (or a mail scanner) changes nothing
    assert page.status_code == 200
    assert "Withdraw your application" in page.content.decode()
    assert "Robin" not in page.content.decode()
    application.refresh_from_db()
    assert application.is_open

    response = client.post(path)
    assert response["Location"] == reverse("recruitment_public:withdrawn")
    done = client.get(response["Location"])
    assert "Application withdrawn" in done.content.decode()
    application.refresh_from_db()
    assert application.outcome == Outcome.WITHDRAWN
    assert application.decided_at is not None
    assert application.withdraw_token_hash == ""

    # Single use: the same link no longer works, and says so without saying whose it was.
    again = client.get(path)
    assert again.status_code == 404
    assert "does not work" in again.content.decode()
    assert client.post(path).status_code == 404

    told = new(Message).filter(template="application_withdrawn").get()
    assert f"within {WITHDRAWN_DAYS} days" in told.body


def test_a_made_up_or_altered_link_does_not_work(client):
    application = make_application(email="robin.altered@example.org")
    path = _path(_link_in(_receipt(application)))
    for bad in (path[:-2] + "xx", path.rsplit(".", 1)[0] + ".", "/apply/withdraw/nothing"):
        assert client.get(bad).status_code == 404
        assert client.post(bad).status_code == 404
    application.refresh_from_db()
    assert application.is_open


def test_a_member_cannot_be_withdrawn_with_the_old_link(client, personas):
    admin = personas["programme_admin"]
    application = to_vetting(make_application(email="robin.member@example.org"), admin)
    path = _path(_link_in(_receipt(application)))
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    s.application_onboard(actor=admin, application=application)
    assert client.get(path).status_code == 404


def test_withdrawing_deletes_any_police_check_at_once_and_is_audited(client, personas):
    admin = personas["programme_admin"]
    application = to_vetting(make_application(email="robin.audit@example.org"), admin)
    s.pnc_check_request(actor=admin, application=application, requested_on=timezone.localdate())
    path = _path(_link_in(_receipt(application)))
    client.post(path)
    assert not PncCheck.objects.filter(application=application).exists()
    events = AuditEvent.objects.filter(
        object_type="recruitment.application", object_id=str(application.pk)
    )
    withdrawn = events.get(note="outcome: withdrawn by the applicant (link)")
    assert withdrawn.actor_id is None
    assert "outcome" in withdrawn.fields
    assert events.filter(action="recruitment.pnc_check_deleted").exists()


def test_the_programme_teams_withdrawal_is_audited_and_ends_the_link(client, personas):
    application = make_application(email="robin.team@example.org")
    path = _path(_link_in(_receipt(application)))
    staff = personas["programme_admin"]
    s.application_withdraw(actor=staff, application=application)
    event = AuditEvent.objects.get(
        object_type="recruitment.application",
        object_id=str(application.pk),
        note="outcome: withdrawn (asked the team)",
    )
    assert event.actor_id == staff.pk
    assert client.get(path).status_code == 404


def test_the_confirmation_page_says_how_to_withdraw(client, settings):
    from tests.recruitment.journey import answer_until, send

    settings.RECRUITMENT_MIN_SECONDS_TO_APPLY = 0
    settings.CONTACT_EMAIL = "forums@example.org"
    answer_until(client)
    send(client)
    page = client.get(reverse("recruitment_public:confirmation")).content.decode()
    assert "withdraw your application at any time" in page
    assert "link in the message we sent you" in page
    assert "mailto:forums@example.org" in page


# Retention ------------------------------------------------------------------------------------


def test_withdrawn_applications_have_their_own_declared_rule():
    rule = registry.get("recruitment.withdrawn_applications")
    assert rule.period_timedelta() == timedelta(days=WITHDRAWN_DAYS)
    unsuccessful = registry.get("recruitment.unsuccessful_applications")
    assert Outcome.WITHDRAWN not in str(unsuccessful.filter_q())


def test_a_withdrawn_application_is_deleted_after_the_declared_period(client):
    application = make_application(email="robin.purge@example.org")
    client.post(_path(_link_in(_receipt(application))))
    now = timezone.now()
    rule = ["recruitment.withdrawn_applications"]
    purge_expired(now=now + timedelta(days=WITHDRAWN_DAYS - 1), rules=rule)
    assert Application.objects.filter(pk=application.pk).exists()
    purge_expired(now=now + timedelta(days=WITHDRAWN_DAYS + 1), rules=rule)
    assert not Application.objects.filter(pk=application.pk).exists()


def test_the_purge_leaves_open_applications_alone():
    application = make_application(email="robin.open@example.org")
    purge_expired(
        now=timezone.now() + timedelta(days=WITHDRAWN_DAYS + 400),
        rules=["recruitment.withdrawn_applications"],
    )
    assert Application.objects.filter(pk=application.pk).exists()
