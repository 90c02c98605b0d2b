"""Times to take part and bookings: the team's slots, places and waiting lists (details asked
only once a place is confirmed), cancelling and the next person getting the place, the
calendar file and reminders the day before (docs/engagement.md, "Call testing, group
discussions and interviews")."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from engagement.models import (
    Booking,
    BookingStatus,
    Invitation,
    InvitationStatus,
    Kind,
    Slot,
    SlotMode,
)
from engagement.services.booking import (
    booking_cancel,
    booking_details,
    booking_details_record,
    booking_make,
    booking_remind_due,
    slot_add,
    slot_remove,
)
from engagement.tokens import new_token
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
VENUE = "Carmarthen Library, St Peter's Street, Carmarthen"


# Scenery (also used by tests/engagement/access.py) ------------------------------------------


def session(kind: str = Kind.GROUP_DISCUSSION, **fields: Any) -> Any:
    return opportunity(
        kind=kind,
        title="A group discussion about our letters",
        title_cy="Trafodaeth grŵp am ein llythyrau",
        **fields,
    )


def add_slot(opp: Any, *, capacity: int = 2, mode: str = SlotMode.IN_PERSON, **fields: Any) -> Slot:
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=7))
    return Slot.objects.create(
        opportunity=opp,
        starts_at=starts,
        ends_at=fields.pop("ends_at", starts + timedelta(hours=1, minutes=30)),
        mode=mode,
        capacity=capacity,
        where=fields.pop("where", VENUE if mode == SlotMode.IN_PERSON else ""),
        **fields,
    )


def invite(
    opp: Any, *, status: str = InvitationStatus.ACCEPTED, **person: Any
) -> tuple[Invitation, str]:
    token, digest = new_token(purpose="invitation")
    invitation = Invitation.objects.create(
        opportunity=opp, participant=participant(**person), token_digest=digest, status=status
    )
    return invitation, token


def booking_link(p: dict[str, Any] | None = None, *, booked: bool = False) -> dict[str, Any]:
    """A group discussion with a time and a yes to its invitation (booked, if asked)."""
    opp = session()
    slot = add_slot(opp)
    invitation, token = invite(opp)
    if booked:
        booking_make(invitation=invitation, slot=slot)
    return {"token": token}


def team_session(p: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"opportunity_id": session().pk}


def team_slot(p: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"slot_id": add_slot(session()).pk}


def sent(template: str) -> list[Message]:
    return list(Message.objects.filter(template=template).order_by("id"))


# Slots -------------------------------------------------------------------------------------


def test_the_team_adds_a_time_with_a_venue_kept_encrypted(client_as):
    opp = session()
    day = timezone.localdate() + timedelta(days=10)
    response = client_as("programme_admin").post(
        reverse("engagement:slots", kwargs={"opportunity_id": opp.pk}),
        {
            "date-day": day.day,
            "date-month": day.month,
            "date-year": day.year,
            "start_time": "14:00",
            "end_time": "15:30",
            "mode": "in_person",
            "capacity": "6",
            "where": VENUE,
        },
    )
    assert response.status_code == 302
    slot = Slot.objects.get(opportunity=opp)
    assert timezone.localtime(slot.starts_at).hour == 14
    assert slot.capacity == 6 and slot.where == VENUE
    event = AuditEvent.objects.get(action="engagement.slot_added")
    assert "Carmarthen" not in event.note


def test_a_slot_must_suit_the_kind_of_opportunity(personas):
    admin = personas["programme_admin"]
    start = timezone.now() + timedelta(days=3)
    end = start + timedelta(hours=1)
    with pytest.raises(RuleBroken):  # call testing is by phone or online
        slot_add(
            actor=admin,
            opportunity=session(Kind.CALL_TESTING),
            starts_at=start,
            ends_at=end,
            mode=SlotMode.IN_PERSON,
            capacity=2,
            where=VENUE,
        )
    with pytest.raises(RuleBroken) as broken:  # in person needs a venue
        slot_add(
            actor=admin,
            opportunity=session(),
            starts_at=start,
            ends_at=end,
            mode=SlotMode.IN_PERSON,
            capacity=2,
        )
    assert broken.value.field == "where"
    with pytest.raises(RuleBroken):  # nobody books a time for a survey
        slot_add(
            actor=admin,
            opportunity=opportunity(),
            starts_at=start,
            ends_at=end,
            mode=SlotMode.ONLINE,
            capacity=2,
            where="https://meet.example.org/x",
        )


def test_a_booked_slot_is_not_removed(personas):
    opp = session()
    slot = add_slot(opp)
    invitation, _token = invite(opp)
    booking_make(invitation=invitation, slot=slot)
    with pytest.raises(RuleBroken):
        slot_remove(actor=personas["programme_admin"], slot=slot)
    empty = add_slot(opp)
    slot_remove(actor=personas["programme_admin"], slot=empty)
    assert not Slot.objects.filter(pk=empty.pk).exists()


# Places and the waiting list ---------------------------------------------------------------


def test_places_are_confirmed_until_full_then_people_join_the_waiting_list():
    opp = session()
    slot = add_slot(opp, capacity=2)
    bookings = [booking_make(invitation=invite(opp)[0], slot=slot) for _ in range(4)]
    assert [b.status for b in bookings] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert bookings[0].confirmed_at is not None and bookings[2].confirmed_at is None
    # The venue goes only to people with a place.
    confirmed = sent("engagement_booking_confirmed")
    assert len(confirmed) == 2
    assert all(VENUE in m.body for m in confirmed)
    assert not [
        m
        for m in Message.objects.exclude(template="engagement_booking_confirmed")
        if VENUE in m.body
    ]


def test_the_confirmation_is_in_the_participants_language():
    opp = session()
    booking_make(invitation=invite(opp, language="cy")[0], slot=add_slot(opp))
    (message,) = sent("engagement_booking_confirmed")
    assert message.language == "cy"
    assert "Trafodaeth grŵp" in message.body


def test_nothing_is_asked_of_someone_on_the_waiting_list(client):
    opp = session()
    slot = add_slot(opp, capacity=1)
    booking_make(invitation=invite(opp)[0], slot=slot)
    invitation, token = invite(opp)
    response = client.post(reverse("engagement:book", kwargs={"token": token}), {"slot": slot.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("engagement:book", kwargs={"token": token})
    waiting = Booking.objects.get(invitation=invitation)
    assert waiting.status == BookingStatus.WAITING
    # The details page is not offered to them, and the service refuses details.
    details = client.get(reverse("engagement:booking_details", kwargs={"token": token}))
    assert details.status_code == 302
    with pytest.raises(RuleBroken):
        booking_details_record(invitation=invitation, booking=waiting, phone="07700 900982")
    page = client.get(reverse("engagement:book", kwargs={"token": token})).content.decode()
    assert "waiting list" in page
    assert reverse("engagement:booking_details", kwargs={"token": token}) not in page
    assert not sent("engagement_booking_confirmed")[1:]


def test_a_confirmed_place_is_asked_for_its_details_kept_encrypted(client, client_as):
    opp = session(Kind.CALL_TESTING)
    slot = add_slot(opp, mode=SlotMode.PHONE)
    invitation, token = invite(opp, full_name="Alex Example-Caller")
    response = client.post(reverse("engagement:book", kwargs={"token": token}), {"slot": slot.pk})
    assert response["Location"] == reverse("engagement:booking_details", kwargs={"token": token})
    url = reverse("engagement:booking_details", kwargs={"token": token})
    assert client.get(url).status_code == 200
    missing = client.post(url, {"phone": "", "access": ""})
    assert missing.status_code == 200  # a number to ring is needed for call testing by phone
    saved = client.post(url, {"phone": "07700 900982", "access": "Breaks every 20 minutes"})
    assert saved.status_code == 302
    booking = Booking.objects.get(invitation=invitation)
    assert booking_details(booking) == {
        "phone": "07700 900982",
        "access": "Breaks every 20 minutes",
    }
    raw = Booking.objects.filter(pk=booking.pk).values_list("details", flat=True)
    assert raw  # stored through the encrypted field
    # The team sees who is coming, and that view of their identity is recorded.
    page = client_as("programme_admin").get(reverse("engagement:slot", kwargs={"slot_id": slot.pk}))
    assert "Alex Example-Caller" in page.content.decode()
    assert "07700 900982" in page.content.decode()
    assert AuditEvent.objects.filter(
        action="view_identity", object_id=str(invitation.participant_id)
    ).exists()


def test_one_booking_at_a_time_per_invitation():
    opp = session()
    invitation, _token = invite(opp)
    booking_make(invitation=invitation, slot=add_slot(opp))
    with pytest.raises(RuleBroken) as broken:
        booking_make(invitation=invitation, slot=add_slot(opp))
    assert broken.value.code == "already_booked"


@pytest.mark.parametrize(
    "status",
    [InvitationStatus.INVITED, InvitationStatus.DECLINED, InvitationStatus.WITHDRAWN],
)
def test_only_someone_who_said_yes_can_book(client, status):
    opp = session()
    slot = add_slot(opp)
    invitation, token = invite(opp, status=status)
    with pytest.raises(RuleBroken) as broken:
        booking_make(invitation=invitation, slot=slot)
    assert broken.value.code == "not_accepted"
    page = client.get(reverse("engagement:book", kwargs={"token": token}))
    assert "said yes" in page.content.decode()
    assert (
        client.post(
            reverse("engagement:book", kwargs={"token": token}), {"slot": slot.pk}
        ).status_code
        == 200
    )
    assert not Booking.objects.exists()


def test_a_past_time_cannot_be_booked():
    opp = session()
    slot = add_slot(opp, starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(RuleBroken):
        booking_make(invitation=invite(opp)[0], slot=slot)


def test_when_someone_with_a_place_cancels_the_first_waiting_gets_it_and_is_told(client):
    opp = session()
    slot = add_slot(opp, capacity=1)
    first, token = invite(opp)
    booking_make(invitation=first, slot=slot)
    second, _t2 = invite(opp)
    third, _t3 = invite(opp)
    waiting_second = booking_make(invitation=second, slot=slot)
    waiting_third = booking_make(invitation=third, slot=slot)

    response = client.post(reverse("engagement:booking_cancel", kwargs={"token": token}))
    assert response.status_code == 302
    assert Booking.objects.get(invitation=first).status == BookingStatus.CANCELLED
    waiting_second.refresh_from_db()
    waiting_third.refresh_from_db()
    assert waiting_second.status == BookingStatus.CONFIRMED
    assert waiting_second.confirmed_at is not None
    assert waiting_third.status == BookingStatus.WAITING
    (offered,) = sent("engagement_place_offered")
    assert offered.recipient == second.participant.email
    assert VENUE in offered.body
    event = AuditEvent.objects.get(action="engagement.place_offered")
    assert event.note.endswith("told=yes")


def test_leaving_the_waiting_list_gives_nobody_a_place():
    opp = session()
    slot = add_slot(opp, capacity=1)
    booking_make(invitation=invite(opp)[0], slot=slot)
    waiting_invitation, _token = invite(opp)
    waiting = booking_make(invitation=waiting_invitation, slot=slot)
    later, _t = invite(opp)
    still_waiting = booking_make(invitation=later, slot=slot)
    assert booking_cancel(invitation=waiting_invitation, booking=waiting) is None
    still_waiting.refresh_from_db()
    assert still_waiting.status == BookingStatus.WAITING
    assert not sent("engagement_place_offered")


def test_a_place_offered_when_no_channel_is_safe_is_still_given_but_not_sent():
    opp = session()
    slot = add_slot(opp, capacity=1)
    holder, _token = invite(opp)
    booking_make(invitation=holder, slot=slot)
    unreachable, _t = invite(opp, safe={"may_email": False})
    waiting = booking_make(invitation=unreachable, slot=slot)
    offered = booking_cancel(invitation=holder, booking=Booking.objects.get(invitation=holder))
    assert offered is not None and offered.pk == waiting.pk
    assert not sent("engagement_place_offered")
    event = AuditEvent.objects.get(action="engagement.place_offered")
    assert event.note.endswith("told=no")


def test_someone_elses_booking_cannot_be_cancelled():
    opp = session()
    slot = add_slot(opp)
    mine, _t = invite(opp)
    theirs, _t2 = invite(opp)
    booking = booking_make(invitation=theirs, slot=slot)
    with pytest.raises(RuleBroken):
        booking_cancel(invitation=mine, booking=booking)


def test_the_book_page_shows_places_left_and_full_times(client):
    opp = session()
    open_slot = add_slot(opp, capacity=3)
    full = add_slot(opp, capacity=1, starts_at=timezone.now() + timedelta(days=8))
    booking_make(invitation=invite(opp)[0], slot=full)
    _invitation, token = invite(opp)
    page = client.get(reverse("engagement:book", kwargs={"token": token})).content.decode()
    assert "3 places left" in page
    assert "full: join the waiting list" in page
    assert f'value="{open_slot.pk}"' in page


# The calendar file -------------------------------------------------------------------------


def test_the_calendar_file_holds_the_time_and_venue_and_nothing_about_the_person(client):
    opp = session()
    slot = add_slot(opp)
    invitation, token = invite(opp, full_name="Sam Calendar-Person", email="sam.cal@example.org")
    booking_make(invitation=invitation, slot=slot)
    response = client.get(reverse("engagement:booking_ics", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "Sam" not in body and "example.org" not in body.replace("@127.0.0.1", "")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "A group discussion about our letters"
    assert "Carmarthen Library" in str(event["LOCATION"])
    assert event["DTSTART"].dt == slot.starts_at.replace(microsecond=0)


def test_no_calendar_file_for_the_waiting_list(client):
    opp = session()
    slot = add_slot(opp, capacity=1)
    booking_make(invitation=invite(opp)[0], slot=slot)
    invitation, token = invite(opp)
    booking_make(invitation=invitation, slot=slot)
    assert client.get(reverse("engagement:booking_ics", kwargs={"token": token})).status_code == 404


# Reminders the day before ------------------------------------------------------------------


@pytest.mark.dates
def test_reminders_go_the_day_before_once_each_across_a_month_end():
    evening = datetime(2026, 3, 31, 18, 0, tzinfo=LONDON)
    with time_machine.travel(evening, tick=False):
        opp = session()
        tomorrow = add_slot(opp, starts_at=datetime(2026, 4, 1, 10, 0, tzinfo=LONDON))
        later = add_slot(opp, starts_at=datetime(2026, 4, 3, 10, 0, tzinfo=LONDON))
        due, _t = invite(opp)
        not_due, _t2 = invite(opp)
        booking_make(invitation=due, slot=tomorrow)
        booking_make(invitation=not_due, slot=later)
        assert booking_remind_due() == 1
        assert booking_remind_due() == 0
    (reminder,) = sent("engagement_booking_reminder")
    assert reminder.recipient == due.participant.email
    assert "Wednesday 1 April 2026" in reminder.body


@pytest.mark.dates
def test_a_reminder_waits_for_a_safe_time():
    # Safe to contact only on weekday mornings; it is Monday evening.
    evening = datetime(2026, 3, 30, 19, 0, tzinfo=LONDON)
    safe = {"safe_times": '[{"days": [0, 1, 2, 3, 4], "from": "09:00", "to": "12:00"}]'}
    with time_machine.travel(evening, tick=False) as traveller:
        opp = session()
        slot = add_slot(opp, starts_at=datetime(2026, 3, 31, 14, 0, tzinfo=LONDON))
        invitation, _t = invite(opp, safe=safe)
        booking_make(invitation=invitation, slot=slot)
        Message.objects.all().delete()
        assert booking_remind_due() == 0
        traveller.move_to(datetime(2026, 3, 31, 9, 20, tzinfo=LONDON))
        assert booking_remind_due() == 1
    assert len(sent("engagement_booking_reminder")) == 1


def test_places_are_counted_under_a_lock_on_the_slot():
    """Two people cannot take the last place at once: the slot's row is locked while its
    places are counted (PostgreSQL; SQLite runs one writing transaction at a time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite has no row locks: its IMMEDIATE transactions run one at a time")
    opp = session()
    slot = add_slot(opp, capacity=1)
    with CaptureQueriesContext(connection) as queries:
        booking_make(invitation=invite(opp)[0], slot=slot)
    assert any(
        "FOR UPDATE" in q["sql"] and '"engagement_slot"' in q["sql"].split("FROM", 1)[1][:40]
        for q in queries.captured_queries
    )
