"""safecontact.rules.check_attempt: every refusal, inbound contacts, holds, the desk's hours
when no safe times are agreed, a clocks-change day and windows that run past midnight."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import override_settings

from lib.rules import RuleBroken
from safecontact.models import Channel, ChannelHold, HoldReason, Outcome, SafeContact
from safecontact.rules import check_attempt, safe_windows_text
from safecontact.services import safe_contact_for_application
from tests.recruitment.staff import make_application

WEEKDAYS_10_TO_15 = json.dumps([{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}])

# Wednesday 10 June 2026, British Summer Time (UTC+1).
WED_NOON_BST = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)
WED_0930_BST = datetime(2026, 6, 10, 8, 30, tzinfo=UTC)
SAT_NOON_BST = datetime(2026, 6, 13, 11, 0, tzinfo=UTC)


def contact(**fields: object) -> SafeContact:
    values: dict[str, object] = {
        "may_phone": True,
        "may_text": True,
        "may_email": True,
        "may_letter": True,
        "phone": "07700 900123",
        "email": "safe@example.org",
        "address": "1 Example Road, London",
        "safe_times": WEEKDAYS_10_TO_15,
    }
    values.update(fields)
    return SafeContact(**values)


def code_of(**kwargs: object) -> str:
    target = kwargs.pop("target")
    with pytest.raises(RuleBroken) as raised:
        check_attempt(target, **kwargs)  # type: ignore[arg-type]
    return raised.value.code


def test_a_safe_channel_at_a_safe_time_is_allowed() -> None:
    for channel in Channel:
        check_attempt(contact(), channel=channel, at=WED_NOON_BST)


@pytest.mark.parametrize(
    ("channel", "field"),
    [
        ("phone", "may_phone"),
        ("text", "may_text"),
        ("email", "may_email"),
        ("letter", "may_letter"),
    ],
)
def test_a_channel_they_did_not_say_is_safe_is_ruled_out(channel: str, field: str) -> None:
    error = pytest.raises(
        RuleBroken, check_attempt, contact(**{field: False}), channel=channel, at=WED_NOON_BST
    ).value
    assert error.code == "channel_ruled_out"
    assert error.field == "channel"


@pytest.mark.parametrize(
    ("channel", "field"),
    [("phone", "phone"), ("text", "phone"), ("email", "email"), ("letter", "address")],
)
def test_a_safe_channel_with_nowhere_to_reach_them_is_ruled_out(channel: str, field: str) -> None:
    assert code_of(target=contact(**{field: ""}), channel=channel, at=WED_NOON_BST) == (
        "channel_ruled_out"
    )


def test_in_person_is_never_ruled_out_by_channel_but_keeps_to_the_safe_times() -> None:
    nothing = contact(may_phone=False, may_text=False, may_email=False, may_letter=False)
    check_attempt(nothing, channel=Channel.IN_PERSON, at=WED_NOON_BST)
    check_attempt(None, channel=Channel.IN_PERSON, at=WED_NOON_BST)
    assert code_of(target=nothing, channel="in_person", at=SAT_NOON_BST) == "outside_safe_times"


def test_with_no_safe_contact_every_written_or_phoned_channel_is_ruled_out() -> None:
    for channel in ("phone", "text", "email", "letter"):
        assert code_of(target=None, channel=channel, at=WED_NOON_BST) == "channel_ruled_out"


def test_a_voicemail_needs_their_say_so_but_a_message_by_text_email_or_letter_does_not() -> None:
    error = pytest.raises(
        RuleBroken,
        check_attempt,
        contact(may_voicemail=False),
        channel="phone",
        at=WED_NOON_BST,
        outcome=Outcome.MESSAGE_LEFT,
    ).value
    assert (error.code, error.field) == ("voicemail_not_allowed", "outcome")
    check_attempt(
        contact(may_voicemail=True), channel="phone", at=WED_NOON_BST, outcome="message_left"
    )
    for channel in ("text", "email", "letter"):
        check_attempt(
            contact(may_voicemail=False), channel=channel, at=WED_NOON_BST, outcome="message_left"
        )
    check_attempt(
        contact(may_voicemail=False), channel="phone", at=WED_NOON_BST, outcome="no_answer"
    )


def test_outside_the_agreed_times_is_refused() -> None:
    error = pytest.raises(
        RuleBroken, check_attempt, contact(), channel="phone", at=WED_0930_BST
    ).value
    assert (error.code, error.field) == ("outside_safe_times", "at")
    assert "Monday to Friday, 10:00 to 15:00" in str(error)
    assert code_of(target=contact(), channel="phone", at=SAT_NOON_BST) == "outside_safe_times"
    # The end is not inside: 15:00 BST is 14:00 UTC.
    assert (
        code_of(target=contact(), channel="email", at=datetime(2026, 6, 10, 14, 0, tzinfo=UTC))
        == "outside_safe_times"
    )
    check_attempt(contact(), channel="email", at=datetime(2026, 6, 10, 13, 59, tzinfo=UTC))


def test_with_no_safe_times_agreed_only_the_desks_hours_count_on_any_day() -> None:
    none_agreed = contact(safe_times="")
    # Saturday 08:00 and 19:59 London (BST) are inside; 07:59 and 20:00 are not.
    check_attempt(none_agreed, channel="phone", at=datetime(2026, 6, 13, 7, 0, tzinfo=UTC))
    check_attempt(none_agreed, channel="phone", at=datetime(2026, 6, 13, 18, 59, tzinfo=UTC))
    for at in (datetime(2026, 6, 13, 6, 59, tzinfo=UTC), datetime(2026, 6, 13, 19, 0, tzinfo=UTC)):
        error = pytest.raises(RuleBroken, check_attempt, none_agreed, channel="phone", at=at).value
        assert error.code == "outside_safe_times"
        assert "No safe times are agreed" in str(error)
    assert (
        safe_windows_text(none_agreed)
        == "None agreed (the desk's hours: Every day, 08:00 to 20:00)"
    )


@override_settings(DESK_OPEN_HOURS=("09:00", "17:00"))
def test_the_desks_hours_come_from_the_settings() -> None:
    at = datetime(2026, 6, 10, 7, 30, tzinfo=UTC)  # 08:30 BST
    assert code_of(target=contact(safe_times=""), channel="phone", at=at) == "outside_safe_times"


def test_safe_times_are_london_wall_time_on_the_day_the_clocks_go_forward() -> None:
    # Sunday 29 March 2026: at 01:00 GMT the clocks go forward to 02:00 BST.
    sunday_morning = contact(safe_times=json.dumps([{"days": [6], "from": "10:00", "to": "11:00"}]))
    # 09:30 UTC is 10:30 BST that Sunday: safe.
    check_attempt(sunday_morning, channel="phone", at=datetime(2026, 3, 29, 9, 30, tzinfo=UTC))
    # 10:30 UTC is 11:30 BST: not, though it would be 10:30 on the Sunday before (GMT).
    assert (
        code_of(
            target=sunday_morning, channel="phone", at=datetime(2026, 3, 29, 10, 30, tzinfo=UTC)
        )
        == "outside_safe_times"
    )
    check_attempt(sunday_morning, channel="phone", at=datetime(2026, 3, 22, 10, 30, tzinfo=UTC))
    # Sunday 25 October 2026, clocks go back: 10:30 UTC is 10:30 GMT, safe again.
    check_attempt(sunday_morning, channel="phone", at=datetime(2026, 10, 25, 10, 30, tzinfo=UTC))


def test_a_window_that_runs_past_midnight_covers_the_next_mornings_small_hours() -> None:
    friday_night = contact(safe_times=json.dumps([{"days": [4], "from": "22:00", "to": "02:00"}]))
    # Friday 12 June 2026 23:30 BST and Saturday 01:30 BST are inside.
    check_attempt(friday_night, channel="text", at=datetime(2026, 6, 12, 22, 30, tzinfo=UTC))
    check_attempt(friday_night, channel="text", at=datetime(2026, 6, 13, 0, 30, tzinfo=UTC))
    # Saturday 02:00 BST is the end; Saturday 23:00 and Friday 01:00 are other nights.
    for at in (
        datetime(2026, 6, 13, 1, 0, tzinfo=UTC),
        datetime(2026, 6, 13, 22, 0, tzinfo=UTC),
        datetime(2026, 6, 12, 0, 0, tzinfo=UTC),
    ):
        assert code_of(target=friday_night, channel="text", at=at) == "outside_safe_times"
    assert safe_windows_text(friday_night) == "Friday, 22:00 to 02:00 the next day"


def test_several_windows_over_several_days() -> None:
    windows = contact(
        safe_times=json.dumps(
            [
                {"days": [0, 2, 4], "from": "09:00", "to": "10:00"},
                {"days": [5, 6], "from": "14:00", "to": "16:00"},
            ]
        )
    )
    check_attempt(windows, channel="phone", at=datetime(2026, 6, 8, 8, 15, tzinfo=UTC))  # Mon 09:15
    check_attempt(
        windows, channel="phone", at=datetime(2026, 6, 14, 14, 0, tzinfo=UTC)
    )  # Sun 15:00
    assert (
        code_of(target=windows, channel="phone", at=datetime(2026, 6, 9, 8, 15, tzinfo=UTC))
        == "outside_safe_times"
    )  # Tuesday
    assert safe_windows_text(windows) == (
        "Monday, Wednesday and Friday, 09:00 to 10:00; Saturday and Sunday, 14:00 to 16:00"
    )


def test_inbound_contact_skips_the_safe_times_and_the_ruled_out_channels() -> None:
    nothing = contact(may_phone=False, may_text=False, may_voicemail=False, phone="")
    check_attempt(nothing, channel="phone", at=SAT_NOON_BST, direction="in")
    check_attempt(nothing, channel="text", at=WED_0930_BST, direction="in")
    check_attempt(None, channel="email", at=SAT_NOON_BST, direction="in")
    # A message they left us is not a voicemail of ours.
    check_attempt(nothing, channel="phone", at=SAT_NOON_BST, outcome="message_left", direction="in")


@pytest.mark.django_db
def test_a_channel_on_hold_is_refused_until_reviewed_even_inbound() -> None:
    application = make_application(phone="07700 900222")
    safe = safe_contact_for_application(application)
    SafeContact.objects.filter(pk=safe.pk).update(may_phone=True, may_text=True, safe_times="")
    safe.refresh_from_db()
    hold = ChannelHold.objects.create(
        safe_contact=safe, channel=Channel.PHONE, reason=HoldReason.UNSAFE_ABANDONED
    )
    for direction in ("out", "in"):
        error = pytest.raises(
            RuleBroken, check_attempt, safe, channel="phone", at=WED_NOON_BST, direction=direction
        ).value
        assert (error.code, error.field) == ("channel_on_hold", "channel")
    # Only that channel: texts still go (the application's own number is the safe one).
    check_attempt(safe, channel="text", at=WED_NOON_BST)
    # A reviewed hold no longer stops it.
    hold.decision = "reinstate"
    hold.save()
    check_attempt(safe, channel="phone", at=WED_NOON_BST)


def test_a_contact_that_is_not_saved_has_no_holds_to_look_up() -> None:
    check_attempt(contact(), channel="phone", at=WED_NOON_BST)


def test_safe_times_that_cannot_be_read_count_as_none_agreed() -> None:
    assert contact(safe_times="not json").windows == []
    assert (
        contact(safe_times=json.dumps([{"days": [7], "from": "10:00", "to": "11:00"}])).windows
        == []
    )
