"""An application's safe contact: made with the application from the applicant's answers,
read by safe_channel, shown on the staff page, exported and erased with the application."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from privacy.subjects import SubjectQuery, registry
from safecontact.models import ChannelHold, SafeContact
from safecontact.services import channel_hold_create, safe_contact_update
from tests.recruitment.staff import make_application

pytestmark = pytest.mark.django_db


def test_the_application_is_made_with_its_safe_contact_and_safe_channel_reads_it(
    personas,
) -> None:
    application = make_application(email="reads.through@example.org", may_text=True)
    safe = application.safe_contact
    assert (safe.may_email, safe.may_text, safe.may_phone) == (True, True, True)
    assert safe.times_to_avoid == "Before 9am"
    assert application.safe_channel == "email"
    safe_contact_update(actor=personas["programme_admin"], contact=safe, may_email=False)
    application.refresh_from_db()
    assert application.safe_channel == "sms"
    safe_contact_update(actor=personas["programme_admin"], contact=safe, may_text=False)
    application.refresh_from_db()
    assert application.safe_channel == ""


def test_the_staff_page_shows_the_safe_ways_and_times_to_avoid(client_as, personas) -> None:
    application = make_application(email="staff.page@example.org")
    safe_contact_update(
        actor=personas["programme_admin"], contact=application.safe_contact, may_letter=True
    )
    page = client_as("programme_admin").get(
        reverse("recruitment_staff:application", args=[application.pk])
    )
    text = page.content.decode()
    assert "email, phone call, letter" in text
    assert "Before 9am" in text


def test_the_export_carries_the_safe_contact_and_erasure_deletes_it(personas) -> None:
    application = make_application(email="export.safe@example.org")
    safe = application.safe_contact
    safe_contact_update(
        actor=personas["programme_admin"],
        contact=safe,
        safe_times=json.dumps([{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}]),
    )
    channel_hold_create(
        actor=personas["programme_admin"], contact=safe, channel="phone", reason="asked"
    )
    provider = registry.provider("recruitment")
    (match,) = provider.find(SubjectQuery(email="export.safe@example.org"))
    fields = dict(provider.export(match).fields)
    assert fields["Safe to email"] == "Yes"
    assert fields["Safe to send a letter"] == "No"
    assert fields["Times to avoid"] == "Before 9am"
    assert fields["Safe times"] == "Monday to Friday, 10:00 to 15:00"
    assert fields["Channel"] == "Phone call"
    provider.erase(match)
    assert not SafeContact.objects.filter(pk=safe.pk).exists()
    assert not ChannelHold.objects.filter(safe_contact_id=safe.pk).exists()
