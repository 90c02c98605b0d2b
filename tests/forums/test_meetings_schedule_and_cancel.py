"""Scheduling stays in the future, series step off bank holidays, a meeting that has started
offers no invitations or agenda to publish, and a meeting can be cancelled with a reason
that every invited member is told by their safe channel.

The clock is frozen on 20 November 2026 (a Friday) so that a series crosses Christmas and
the year end the same way on any day the suite runs.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.ical import meeting_calendar
from forums.models import Meeting, Venue
from lib.rules import RuleBroken
from lib.workdays import is_bank_holiday
from notify.models import Message
from privacy.models import AuditEvent
from tests.forums.test_forums_services import forum_b, join

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=LONDON)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def admin(personas: dict[str, Any]) -> Any:
    return personas["programme_admin"]


def _at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


def _form(day: date, time: str = "18:00", **extra: str) -> dict[str, str]:
    return {
        "day-day": str(day.day),
        "day-month": str(day.month),
        "day-year": str(day.year),
        "start_time": time,
        "duration_minutes": "120",
        "format": "online",
        "online_joining": "The joining link is in the invitation",
        **extra,
    }


# Dates in the past ----------------------------------------------------------------------


def test_a_meeting_on_a_past_day_or_earlier_today_is_refused_and_the_answers_are_kept(
    frozen: None, client_as: Any, personas: dict[str, Any]
) -> None:
    forum = forum_b(personas)
    client = client_as("programme_admin")
    url = reverse("forums:meeting_new", args=[forum.pk])
    page = client.post(url, _form(date(2026, 11, 19)))
    text = page.content.decode()
    assert page.status_code == 200
    assert "The date must be today or in the future" in text
    assert 'href="#day-day"' in text  # the error summary links to the date
    assert 'value="19"' in text and "The joining link is in the invitation" in text
    page = client.post(url, _form(date(2026, 11, 20), time="09:30"))
    assert "The start time must be later than now" in page.content.decode()
    assert not Meeting.objects.filter(forum=forum).exists()
    assert client.post(url, _form(date(2026, 11, 20), time="18:00")).status_code == 302


def test_a_meeting_cannot_be_moved_into_the_past_but_a_past_one_can_be_corrected(
    frozen: None, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_b(personas)
    client = client_as("programme_admin")
    coming = services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 12, 2)))
    page = client.post(
        reverse("forums:meeting_edit", args=[coming.pk]), _form(date(2026, 11, 2), format="online")
    )
    assert "The date must be today or in the future" in page.content.decode()
    coming.refresh_from_db()
    assert coming.starts_at == _at(date(2026, 12, 2))
    with pytest.raises(RuleBroken):
        services.meeting_update(actor=admin, meeting=coming, starts_at=_at(date(2026, 11, 2)))
    # A meeting already held keeps its date while its record is corrected.
    held = services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 12, 3)))
    Meeting.objects.filter(pk=held.pk).update(starts_at=_at(date(2026, 11, 10)))
    response = client.post(
        reverse("forums:meeting_edit", args=[held.pk]),
        _form(date(2026, 11, 10), title="Held at short notice"),
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.title == "Held at short notice"


def test_the_services_refuse_a_start_in_the_past_whoever_calls_them(
    frozen: None, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_b(personas)
    with pytest.raises(RuleBroken):
        services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 11, 19)))
    with pytest.raises(RuleBroken):
        services.meeting_series_generate(
            actor=admin, forum=forum, first_starts_at=_at(date(2026, 11, 1)), every_days=42
        )
    assert not Meeting.objects.filter(forum=forum).exists()


# Meetings that have started -------------------------------------------------------------


def test_a_meeting_that_has_started_offers_no_invitations_agenda_or_cancelling(
    frozen: None, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_b(personas)
    join(forum, admin, email="late@example.org")
    meeting = services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 12, 1)))
    services.agenda_item_propose(actor=admin, meeting=meeting, title="Leaflet", detail="")
    client = client_as("programme_admin")
    page = client.get(reverse("forums:meeting", args=[meeting.pk])).content.decode()
    assert "Send invitations" in page and "Publish the agenda" in page
    assert "Cancel the meeting" in page
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=NOW - timedelta(minutes=30))
    meeting.refresh_from_db()
    page = client.get(reverse("forums:meeting", args=[meeting.pk])).content.decode()
    assert "Send invitations" not in page and "Publish the agenda" not in page
    assert "Cancel the meeting" not in page and "Publish it by" not in page
    with pytest.raises(RuleBroken):
        services.meeting_invitations_send(actor=admin, meeting=meeting)
    with pytest.raises(RuleBroken):
        services.agenda_publish(actor=admin, meeting=meeting)
    publish = client.get(reverse("forums:agenda_publish", args=[meeting.pk])).content.decode()
    assert "This meeting has already started." in publish
    assert not re.search(r"<button[^>]*>\s*Publish the agenda\s*</button>", publish)
    client.post(reverse("forums:meeting_invite", args=[meeting.pk]))
    client.post(reverse("forums:agenda_publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is None and meeting.agenda_published_at is None
    assert not Message.objects.filter(template__in=["meeting_invitation", "meeting_agenda"])


# A series and bank holidays ---------------------------------------------------------------


def test_a_series_steps_off_christmas_boxing_day_and_new_year(
    frozen: None, client_as: Any, personas: dict[str, Any]
) -> None:
    forum = forum_b(personas)
    venue = Venue.objects.create(name="Civic Centre (test)")
    response = client_as("programme_admin").post(
        reverse("forums:meeting_series", args=[forum.pk]),
        {
            **_form(date(2026, 12, 4), format="in_person", venue=str(venue.pk)),
            "every_days": "7",
            "until-day": "15",
            "until-month": "1",
            "until-year": "2027",
        },
    )
    assert response.status_code == 302
    days = [
        timezone.localtime(m.starts_at).date()
        for m in Meeting.objects.filter(forum=forum).order_by("starts_at")
    ]
    assert days == [
        date(2026, 12, 4),
        date(2026, 12, 11),
        date(2026, 12, 18),
        date(2026, 12, 29),  # not Friday 25 (Christmas), nor Monday 28 (Boxing Day's substitute)
        date(2027, 1, 4),  # not Friday 1 January
        date(2027, 1, 8),
        date(2027, 1, 15),
    ]
    assert not any(is_bank_holiday(day) for day in days)
    assert all(
        timezone.localtime(m.starts_at).hour == 18 for m in Meeting.objects.filter(forum=forum)
    )


def test_a_series_steps_off_easter_and_keeps_its_rhythm(frozen: None) -> None:
    moments = services.series_dates(_at(date(2027, 3, 12)), every_days=14, until=date(2027, 4, 30))
    days = [timezone.localtime(m).date() for m in moments]
    assert days == [
        date(2027, 3, 12),
        date(2027, 3, 30),  # not Good Friday 26 March, nor Easter Monday
        date(2027, 4, 9),
        date(2027, 4, 23),
    ]
    assert all(timezone.localtime(m).hour == 18 for m in moments)  # across the clock change


# Cancelling -----------------------------------------------------------------------------


def test_cancelling_asks_why_and_to_confirm_then_tells_every_invited_member_safely(
    frozen: None, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_b(personas)
    emailed = join(forum, admin, email="emailed-cancel@example.org")
    texted = join(
        forum,
        admin,
        email="texted-cancel@example.org",
        may_email=False,
        may_text=True,
        phone="07700 900333",
    )
    leaving = join(forum, admin, email="leaving-cancel@example.org")
    meeting = services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 12, 9)))
    assert services.meeting_invitations_send(actor=admin, meeting=meeting) == 3
    services.membership_leave(actor=admin, forum_membership=leaving)
    later = join(forum, admin, email="later-cancel@example.org")  # never invited
    assert later.pk and emailed.pk and texted.pk
    before = Message.objects.count()

    client = client_as("programme_admin")
    url = reverse("forums:meeting_cancel", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Are you sure you want to cancel this meeting?" in page
    assert "Members invited: 3" in page
    page = client.post(url, {"reason": "   "}).content.decode()
    assert "Enter why the meeting is cancelled" in page
    meeting.refresh_from_db()
    assert not meeting.is_cancelled and Message.objects.count() == before

    response = client.post(url, {"reason": "The venue is closed for repairs."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancellation_reason == "The venue is closed for repairs."
    sent = list(Message.objects.order_by("pk")[before:])
    assert [m.template for m in sent] == ["meeting_cancelled"] * 2  # not the one who left
    assert sorted(m.channel for m in sent) == ["email", "sms"]
    email = next(m for m in sent if m.channel == "email")
    assert "The venue is closed for repairs." in email.body and forum.name in email.body
    event = AuditEvent.objects.filter(object_id=str(meeting.pk), note="meeting cancelled").get()
    assert event.actor_id == admin.pk and "cancellation_reason" in event.fields

    page = client.get(reverse("forums:meeting", args=[meeting.pk])).content.decode()
    assert "Cancelled" in page and "The venue is closed for repairs." in page
    assert "Send invitations" not in page and "Cancel the meeting" not in page
    assert b"STATUS:CANCELLED" in meeting_calendar(meeting)
    assert "next one" in next(m for m in sent if m.channel == "sms").body  # no dead end
    # The member reads the reason in their portal too.
    member = client_as("member")
    member.force_login(emailed.user)
    portal = member.get(reverse("portal:meeting", args=[meeting.pk])).content.decode()
    assert "This meeting was cancelled." in portal
    assert "The venue is closed for repairs." in portal
    assert "Send my apologies" not in portal
    # Once is enough: the page and the service both refuse a second time.
    assert client.get(url).status_code == 302
    with pytest.raises(RuleBroken):
        services.meeting_cancel(actor=admin, meeting=meeting, reason="Again")


def test_a_meeting_that_has_started_cannot_be_cancelled_and_only_its_team_may_cancel(
    frozen: None, client_as: Any, personas: dict[str, Any], admin: Any
) -> None:
    forum = forum_b(personas)
    meeting = services.meeting_schedule(actor=admin, forum=forum, starts_at=_at(date(2026, 12, 9)))
    url = reverse("forums:meeting_cancel", args=[meeting.pk])
    assert client_as("facilitator_forum_a").get(url).status_code == 404
    assert client_as("police_lead").get(url).status_code == 403
    assert client_as("member").get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.meeting_cancel(actor=personas["police_lead"], meeting=meeting, reason="No")
    assert client_as("facilitator_partner").get(url).status_code == 200
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=NOW - timedelta(hours=1))
    response = client_as("programme_admin").post(url, {"reason": "Too late"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    with pytest.raises(RuleBroken):
        services.meeting_cancel(actor=admin, meeting=meeting, reason="Too late")
