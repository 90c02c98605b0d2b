"""An interview for training material needs its own consent before anything is booked:
what the recording is used for, who sees it and until when consent can be withdrawn, kept
as the person was shown it (docs/engagement.md, "Interviews for training material")."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Booking,
    BookingStatus,
    InterviewConsent,
    InvitationStatus,
    Kind,
    Sensitivity,
    SlotMode,
)
from engagement.services.booking import (
    booking_make,
    interview_consent_give,
    interview_consent_withdraw,
)
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.engagement.factories import opportunity
from tests.engagement.test_booking import add_slot, invite, sent

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
USED_FOR = "A training film for call handlers about speaking with victims of burglary."
SEEN_BY = "Call handlers and their trainers at Dyfed-Powys Police only."


def interview(**fields: Any) -> Any:
    values: dict[str, Any] = {
        "kind": Kind.INTERVIEW,
        "sensitivity": Sensitivity.INTERNAL_ONLY,
        "title": "An interview for a training film",
        "recording_used_for": USED_FOR,
        "recording_seen_by": SEEN_BY,
        "withdraw_until": timezone.localdate() + timedelta(days=60),
    }
    values.update(fields)
    return opportunity(**values)


def consent_link(p: dict[str, Any] | None = None, *, agreed: bool = False) -> dict[str, Any]:
    """An interview and a yes to its invitation (with consent given, if asked)."""
    opp = interview()
    add_slot(opp, mode=SlotMode.ONLINE, where="https://meet.example.org/interview")
    invitation, token = invite(opp)
    if agreed:
        interview_consent_give(invitation=invitation)
    return {"token": token}


def test_the_page_shows_what_the_recording_is_for_who_sees_it_and_until_when(client):
    opp = interview(withdraw_until=date(2031, 3, 31))
    _invitation, token = invite(opp)
    page = client.get(reverse("engagement:interview_consent", kwargs={"token": token}))
    text = page.content.decode()
    assert page.status_code == 200
    assert USED_FOR in text and SEEN_BY in text
    assert "31 March 2031" in text
    assert "We never share it with anyone else" in text


def test_booking_an_interview_needs_consent_first(client):
    opp = interview()
    slot = add_slot(opp, mode=SlotMode.ONLINE, where="https://meet.example.org/interview")
    invitation, token = invite(opp)
    response = client.get(reverse("engagement:book", kwargs={"token": token}))
    assert response.status_code == 302
    assert response["Location"] == reverse("engagement:interview_consent", kwargs={"token": token})
    with pytest.raises(RuleBroken) as broken:
        booking_make(invitation=invitation, slot=slot)
    assert broken.value.code == "consent_needed"
    assert not Booking.objects.exists()


def test_agreeing_keeps_what_they_were_shown_and_lets_them_book(client):
    opp = interview()
    slot = add_slot(opp, mode=SlotMode.ONLINE, where="https://meet.example.org/interview")
    invitation, token = invite(opp)
    url = reverse("engagement:interview_consent", kwargs={"token": token})
    assert client.post(url, {}).status_code == 200  # an answer is needed
    response = client.post(url, {"answer": "yes"})
    assert response["Location"] == reverse("engagement:book", kwargs={"token": token})
    consent = InterviewConsent.objects.get(invitation=invitation)
    assert (consent.used_for, consent.who_sees, consent.withdraw_until) == (
        USED_FOR,
        SEEN_BY,
        opp.withdraw_until,
    )
    # A later change to the opportunity does not change what they agreed to.
    opp.recording_used_for = "Something else entirely."
    opp.save(update_fields=["recording_used_for"])
    again = client.get(url).content.decode()
    assert USED_FOR in again and "Something else entirely." not in again
    assert booking_make(invitation=invitation, slot=slot).status == BookingStatus.CONFIRMED
    assert AuditEvent.objects.filter(action="engagement.interview_consent_given").count() == 1


def test_saying_no_records_nothing_and_books_nothing(client):
    opp = interview()
    invitation, token = invite(opp)
    response = client.post(
        reverse("engagement:interview_consent", kwargs={"token": token}), {"answer": "no"}
    )
    assert response.status_code == 200
    assert "not agreed" in response.content.decode()
    assert not InterviewConsent.objects.filter(invitation=invitation).exists()


def test_consent_is_not_asked_before_the_interview_is_ready():
    invitation, _token = invite(interview(recording_used_for=""))
    with pytest.raises(RuleBroken) as broken:
        interview_consent_give(invitation=invitation)
    assert broken.value.code == "not_ready"


def test_consent_is_only_asked_of_someone_who_said_yes():
    invitation, _token = invite(interview(), status=InvitationStatus.INVITED)
    with pytest.raises(RuleBroken):
        interview_consent_give(invitation=invitation)


@pytest.mark.dates
def test_withdrawing_until_the_date_cancels_the_booking_and_the_next_person_gets_it(client):
    with time_machine.travel(datetime(2026, 2, 27, 12, 0, tzinfo=LONDON), tick=False) as clock:
        opp = interview(withdraw_until=date(2026, 2, 28))
        slot = add_slot(
            opp,
            capacity=1,
            mode=SlotMode.ONLINE,
            where="https://meet.example.org/interview",
            starts_at=datetime(2026, 3, 10, 10, 0, tzinfo=LONDON),
        )
        invitation, token = invite(opp)
        interview_consent_give(invitation=invitation)
        booking_make(invitation=invitation, slot=slot)
        waiting, _t = invite(opp)
        interview_consent_give(invitation=waiting)
        next_in_line = booking_make(invitation=waiting, slot=slot)

        clock.move_to(datetime(2026, 2, 28, 23, 30, tzinfo=LONDON))  # the last day
        url = reverse("engagement:interview_consent_withdraw", kwargs={"token": token})
        assert client.get(url).status_code == 200
        assert client.post(url).status_code == 302
    consent = InterviewConsent.objects.get(invitation=invitation)
    assert consent.withdrawn_at is not None
    assert Booking.objects.get(invitation=invitation).status == BookingStatus.CANCELLED
    next_in_line.refresh_from_db()
    assert next_in_line.status == BookingStatus.CONFIRMED
    assert len(sent("engagement_place_offered")) == 1


@pytest.mark.dates
def test_consent_cannot_be_withdrawn_after_the_date(client):
    with time_machine.travel(datetime(2026, 2, 27, 12, 0, tzinfo=LONDON), tick=False) as clock:
        invitation, token = invite(interview(withdraw_until=date(2026, 2, 28)))
        interview_consent_give(invitation=invitation)
        clock.move_to(datetime(2026, 3, 1, 0, 5, tzinfo=LONDON))  # just after midnight
        with pytest.raises(RuleBroken) as broken:
            interview_consent_withdraw(invitation=invitation)
        assert broken.value.code == "too_late"
        page = client.post(
            reverse("engagement:interview_consent_withdraw", kwargs={"token": token})
        )
        assert page.status_code == 400
        assert "28 February 2026" in page.content.decode()
    assert InterviewConsent.objects.get(invitation=invitation).withdrawn_at is None


def test_the_consent_pages_are_only_for_interviews(client):
    _invitation, token = invite(opportunity())
    url = reverse("engagement:interview_consent", kwargs={"token": token})
    assert client.get(url).status_code == 404
