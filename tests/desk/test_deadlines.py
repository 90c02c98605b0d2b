"""The desk's deadlines (desk/deadlines.py): every row of the edge-case table in docs/desk.md
§1, closures, the clock changes, lateness, periodic updates, routed feedback and ages.

Pure functions on fixed dates, so no clock is frozen. Every expected date was checked against
the `holidays` package's England and Wales bank holidays: Spring bank holiday Mon 25 May 2026,
Late Summer Mon 31 Aug 2026, Christmas Fri 25 Dec 2026 with Boxing Day observed Mon 28 Dec,
New Year's Day Fri 1 Jan 2027, Good Friday 26 Mar and Easter Monday 29 Mar 2027. The clocks go
forward on Sun 29 Mar 2026 and Sun 28 Mar 2027, and back on Sun 25 Oct 2026, at 01:00 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk.deadlines import (
    age_band,
    age_on,
    day_zero,
    due_at,
    due_date,
    end_of_day,
    hours_due_at,
    is_under_18,
    late_working_days,
    periodic_due_at,
    working_days_due_at,
)
from feedback.models import AgeBand

pytestmark = pytest.mark.dates

LONDON = ZoneInfo("Europe/London")


def london(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# docs/desk.md §1, "Edge cases": event, working days, due date, and the end of the due date.
EDGE_CASES = [
    pytest.param(
        london(2026, 5, 22), 1, date(2026, 5, 26), utc(2026, 5, 26, 23), id="spring-bank-holiday"
    ),
    pytest.param(london(2026, 5, 22), 5, date(2026, 6, 1), utc(2026, 6, 1, 23), id="five-days"),
    pytest.param(
        utc(2026, 5, 21, 23, 30), 1, date(2026, 5, 26), utc(2026, 5, 26, 23), id="london-date"
    ),
    pytest.param(london(2026, 12, 24), 1, date(2026, 12, 29), utc(2026, 12, 30), id="christmas"),
    pytest.param(london(2026, 12, 23), 5, date(2027, 1, 4), utc(2027, 1, 5), id="new-year"),
    pytest.param(london(2026, 12, 31), 1, date(2027, 1, 4), utc(2027, 1, 5), id="year-end"),
    pytest.param(
        london(2027, 3, 26), 1, date(2027, 3, 30), utc(2027, 3, 30, 23), id="good-friday-bst"
    ),
]


@pytest.mark.parametrize(("occurred_at", "working_days", "due", "end"), EDGE_CASES)
def test_the_edge_cases_in_the_design(
    occurred_at: datetime, working_days: int, due: date, end: datetime
) -> None:
    assert due_date(occurred_at, working_days) == due
    assert due_at(occurred_at, working_days) == end
    assert working_days_due_at(occurred_at, working_days) == end


def test_the_edge_case_safeguarding_four_real_hours_as_the_clocks_go_back() -> None:
    # Routed Sat 24 Oct 2026 23:30 BST (22:30 UTC); the clocks go back at 02:00 BST.
    due = hours_due_at(london(2026, 10, 24, 23, 30), 4)
    assert due == utc(2026, 10, 25, 2, 30)
    assert due.astimezone(LONDON).strftime("%H:%M %Z") == "02:30 GMT"


def test_day_zero_is_the_london_date() -> None:
    # 23:30 UTC in summer is the next day in London; in winter it is the same day.
    assert day_zero(utc(2026, 5, 21, 23, 30)) == date(2026, 5, 22)
    assert day_zero(utc(2026, 12, 21, 23, 30)) == date(2026, 12, 21)
    assert day_zero(london(2026, 5, 22, 0, 0)) == date(2026, 5, 22)
    with pytest.raises(ValueError):
        day_zero(datetime(2026, 5, 22, 9, 0))  # noqa: DTZ001 - a naive datetime is refused


def test_a_saturday_event_with_one_working_day_is_due_on_monday() -> None:
    assert due_date(london(2026, 6, 6), 1) == date(2026, 6, 8)
    assert due_date(london(2026, 6, 6), 0) == date(2026, 6, 6)  # day 0 need not be working


def test_closures_move_deadlines() -> None:
    # The desk is closed on Tuesday 26 May 2026, the day after the Spring bank holiday.
    closed = frozenset({date(2026, 5, 26)})
    assert due_date(london(2026, 5, 22), 1, closed=closed) == date(2026, 5, 27)
    assert due_at(london(2026, 5, 22), 1, closed=closed) == utc(2026, 5, 27, 23)
    assert due_date(london(2026, 5, 22), 5, closed=closed) == date(2026, 6, 2)
    assert working_days_due_at(london(2026, 5, 22), 2, closed=closed) == utc(2026, 5, 28, 23)
    # A closure before the event or on day 0 itself moves nothing.
    assert due_date(london(2026, 5, 26), 1, closed=closed) == date(2026, 5, 27)
    assert due_date(london(2026, 5, 27), 1, closed=closed) == date(2026, 5, 28)


@pytest.mark.parametrize(
    ("day", "end"),
    [
        # Spring 2026: Friday 27 March ends at 00:00 GMT (00:00 UTC); the clocks go forward
        # on Sunday 29th, so Monday 30 March ends at 00:00 BST (23:00 UTC).
        (date(2026, 3, 27), utc(2026, 3, 28)),
        (date(2026, 3, 28), utc(2026, 3, 29)),
        (date(2026, 3, 29), utc(2026, 3, 29, 23)),
        (date(2026, 3, 30), utc(2026, 3, 30, 23)),
        # Autumn 2026: Friday 23 October ends at 00:00 BST (23:00 UTC); the clocks go back on
        # Sunday 25th, so Monday 26 October ends at 00:00 GMT (00:00 UTC).
        (date(2026, 10, 23), utc(2026, 10, 23, 23)),
        (date(2026, 10, 24), utc(2026, 10, 24, 23)),
        (date(2026, 10, 25), utc(2026, 10, 26)),
        (date(2026, 10, 26), utc(2026, 10, 27)),
    ],
)
def test_the_end_of_a_day_across_both_clock_changes(day: date, end: datetime) -> None:
    assert end_of_day(day) == end
    assert end.tzinfo is UTC
    local = end.astimezone(LONDON)
    assert (local.date(), local.hour, local.minute) == (day + timedelta(days=1), 0, 0)


@pytest.mark.parametrize(
    ("occurred_at", "end"),
    [
        (london(2026, 3, 26), utc(2026, 3, 28)),  # due Fri 27 March, GMT
        (london(2026, 3, 27), utc(2026, 3, 30, 23)),  # due Mon 30 March, BST
        (london(2026, 10, 22), utc(2026, 10, 23, 23)),  # due Fri 23 October, BST
        (london(2026, 10, 23), utc(2026, 10, 27)),  # due Mon 26 October, GMT
    ],
)
def test_due_at_across_both_clock_changes(occurred_at: datetime, end: datetime) -> None:
    assert due_at(occurred_at, 1) == end


def test_on_time_means_done_before_the_end_of_the_due_date() -> None:
    end = due_at(london(2026, 5, 22), 1)  # Tue 26 May 2026, 00:00 BST on the 27th
    just_in_time = end - timedelta(seconds=1)
    assert just_in_time.astimezone(LONDON).date() == date(2026, 5, 26)
    assert late_working_days(date(2026, 5, 26), just_in_time) == 0
    assert late_working_days(date(2026, 5, 26), end) == 1


@pytest.mark.parametrize(
    ("due", "done_at", "late"),
    [
        # On time: earlier, and the last minute of the due date.
        pytest.param(date(2026, 5, 26), london(2026, 5, 22, 15), 0, id="early"),
        pytest.param(date(2026, 5, 26), london(2026, 5, 26, 23, 59), 0, id="last-minute"),
        # A minute after midnight at the end of the due date is one working day late.
        pytest.param(date(2026, 5, 26), london(2026, 5, 27, 0, 1), 1, id="a-minute-after"),
        pytest.param(date(2026, 5, 26), london(2026, 5, 28, 10), 2, id="two-days"),
        # Over a weekend: due Fri 5 June 2026; Saturday and Sunday count as Monday.
        pytest.param(date(2026, 6, 5), london(2026, 6, 6, 10), 1, id="saturday"),
        pytest.param(date(2026, 6, 5), london(2026, 6, 7, 10), 1, id="sunday"),
        pytest.param(date(2026, 6, 5), london(2026, 6, 8, 10), 1, id="monday"),
        pytest.param(date(2026, 6, 5), london(2026, 6, 9, 10), 2, id="tuesday"),
        # Due Fri 22 May 2026 and the Monday is the Spring bank holiday.
        pytest.param(date(2026, 5, 22), london(2026, 5, 25, 10), 1, id="bank-holiday"),
        pytest.param(date(2026, 5, 22), london(2026, 5, 26, 10), 1, id="after-bank-holiday"),
        pytest.param(date(2026, 5, 22), london(2026, 5, 27, 10), 2, id="wednesday"),
        # Over Christmas: due Thu 24 Dec 2026; 25, 26, 27, 28 Dec are not working days.
        pytest.param(date(2026, 12, 24), london(2026, 12, 25, 10), 1, id="christmas-day"),
        pytest.param(date(2026, 12, 24), london(2026, 12, 28, 10), 1, id="boxing-observed"),
        pytest.param(date(2026, 12, 24), london(2026, 12, 29, 10), 1, id="tuesday-29th"),
        pytest.param(date(2026, 12, 24), london(2027, 1, 1, 10), 4, id="new-years-day"),
        pytest.param(date(2026, 12, 24), london(2027, 1, 4, 10), 4, id="monday-4th"),
        pytest.param(date(2026, 12, 24), london(2027, 1, 5, 10), 5, id="tuesday-5th"),
    ],
)
def test_late_working_days(due: date, done_at: datetime, late: int) -> None:
    assert late_working_days(due, done_at) == late


def test_late_working_days_reads_the_london_date_of_done_at() -> None:
    # Due Fri 23 Oct 2026 (BST): 23:30 UTC that evening is already Saturday in London.
    assert late_working_days(date(2026, 10, 23), utc(2026, 10, 23, 22, 59)) == 0
    assert late_working_days(date(2026, 10, 23), utc(2026, 10, 23, 23, 30)) == 1
    # Due Fri 18 Dec 2026 (GMT): 23:30 UTC is still Friday.
    assert late_working_days(date(2026, 12, 18), utc(2026, 12, 18, 23, 30)) == 0


def test_late_working_days_leave_out_closed_days() -> None:
    # Due Tue 2 June 2026, the desk closed on Wednesday 3rd: Thursday is one day late, and
    # something done on the closed day counts as done on Thursday.
    closed = frozenset({date(2026, 6, 3)})
    assert late_working_days(date(2026, 6, 2), london(2026, 6, 4, 10), closed=closed) == 1
    assert late_working_days(date(2026, 6, 2), london(2026, 6, 3, 10), closed=closed) == 1
    assert late_working_days(date(2026, 6, 2), london(2026, 6, 5, 10), closed=closed) == 2
    assert late_working_days(date(2026, 6, 2), london(2026, 6, 5, 10)) == 3


def test_periodic_updates_are_calendar_days_then_the_next_working_day() -> None:
    # 28 days after Fri 31 Jul 2026 is Fri 28 Aug, a working day.
    assert periodic_due_at(london(2026, 7, 31, 16), 28) == utc(2026, 8, 28, 23)
    # 28 days after Mon 3 Aug 2026 is Mon 31 Aug, the Late Summer bank holiday: Tuesday.
    assert periodic_due_at(london(2026, 8, 3, 11), 28) == utc(2026, 9, 1, 23)
    # 28 days after Mon 30 Nov 2026 is Mon 28 Dec, Boxing Day observed: Tuesday 29th, GMT.
    assert periodic_due_at(london(2026, 11, 30, 11), 28) == utc(2026, 12, 30)
    # Counted from the London date: 23:30 UTC on Thu 30 Jul 2026 is Friday 31st in London.
    assert periodic_due_at(utc(2026, 7, 30, 23, 30), 28) == utc(2026, 8, 28, 23)
    # 28 days landing on a Saturday move to Monday; a closure moves it again.
    assert periodic_due_at(london(2026, 6, 6), 28) == utc(2026, 7, 6, 23)
    closed = frozenset({date(2026, 7, 6)})
    assert periodic_due_at(london(2026, 6, 6), 28, closed=closed) == utc(2026, 7, 7, 23)
    with pytest.raises(ValueError):
        periodic_due_at(london(2026, 6, 6), 0)


def test_safeguarding_is_four_real_hours_across_both_clock_changes() -> None:
    # Autumn, from London time: 22:30 UTC + 4 h = 02:30 UTC, not the 03:30 a wall clock gives.
    routed = london(2026, 10, 24, 23, 30)
    assert hours_due_at(routed, 4) - routed == timedelta(hours=4)
    assert hours_due_at(routed, 4) == utc(2026, 10, 25, 2, 30)
    # Spring: Sat 28 Mar 2026 23:30 GMT + 4 h = 03:30 UTC, 04:30 BST.
    routed = london(2026, 3, 28, 23, 30)
    assert hours_due_at(routed, 4) == utc(2026, 3, 29, 3, 30)
    assert hours_due_at(routed, 4).astimezone(LONDON).hour == 4
    # Over a weekend it is still 4 hours.
    assert hours_due_at(utc(2026, 6, 5, 22), 4) == utc(2026, 6, 6, 2)
    assert hours_due_at(routed, 4).tzinfo is UTC


def test_routed_complaints_count_working_days() -> None:
    # Friday 22 May 2026, 2 working days: Wednesday 27th (Monday is a bank holiday).
    assert working_days_due_at(london(2026, 5, 22, 17), 2) == utc(2026, 5, 27, 23)


@pytest.mark.parametrize(
    ("date_of_birth", "day", "age", "under_18"),
    [
        pytest.param(date(2008, 6, 10), date(2026, 6, 9), 17, True, id="day-before-18th"),
        pytest.param(date(2008, 6, 10), date(2026, 6, 10), 18, False, id="18th-birthday"),
        pytest.param(date(2008, 6, 10), date(2026, 6, 11), 18, False, id="day-after-18th"),
        pytest.param(date(2008, 12, 31), date(2026, 12, 30), 17, True, id="new-years-eve-child"),
        pytest.param(date(2008, 12, 31), date(2026, 12, 31), 18, False, id="new-years-eve-18"),
        # Born 29 February 2008: 18 on 1 March 2026, not 28 February (2026 is not a leap year).
        pytest.param(date(2008, 2, 29), date(2026, 2, 28), 17, True, id="leapling-28-feb"),
        pytest.param(date(2008, 2, 29), date(2026, 3, 1), 18, False, id="leapling-1-mar"),
        # In a leap year the birthday is 29 February itself.
        pytest.param(date(2008, 2, 29), date(2024, 2, 28), 15, True, id="leap-year-28-feb"),
        pytest.param(date(2008, 2, 29), date(2024, 2, 29), 16, True, id="leap-year-29-feb"),
        pytest.param(date(2010, 2, 28), date(2028, 2, 28), 18, False, id="born-28-feb"),
        pytest.param(date(2026, 5, 22), date(2026, 5, 22), 0, True, id="born-today"),
    ],
)
def test_age_and_under_18(date_of_birth: date, day: date, age: int, under_18: bool) -> None:
    assert age_on(date_of_birth, day) == age
    assert is_under_18(date_of_birth, day) is under_18


def test_an_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(date(2026, 5, 22), date(2026, 5, 21))


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, AgeBand.UNDER_18),
        (15, AgeBand.UNDER_18),
        (17, AgeBand.UNDER_18),
        (18, AgeBand.AGE_18_24),
        (24, AgeBand.AGE_18_24),
        (25, AgeBand.AGE_25_34),
        (34, AgeBand.AGE_25_34),
        (35, AgeBand.AGE_35_44),
        (44, AgeBand.AGE_35_44),
        (45, AgeBand.AGE_45_54),
        (54, AgeBand.AGE_45_54),
        (55, AgeBand.AGE_55_64),
        (64, AgeBand.AGE_55_64),
        (65, AgeBand.AGE_65_PLUS),
        (101, AgeBand.AGE_65_PLUS),
    ],
)
def test_age_bands_are_the_feedback_forms_codes(age: int, band: AgeBand) -> None:
    code = age_band(age)
    assert code == band.value
    assert type(code) is str
    assert code in AgeBand.values


def test_the_age_band_on_an_18th_birthday_is_no_longer_under_18() -> None:
    assert age_band(age_on(date(2008, 2, 29), date(2026, 2, 28))) == "under_18"
    assert age_band(age_on(date(2008, 2, 29), date(2026, 3, 1))) == "18_24"
    with pytest.raises(ValueError):
        age_band(-1)
