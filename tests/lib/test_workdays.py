"""Bank holidays and working days in England and Wales (lib/workdays.py), from the
`holidays` package: Christmas and Boxing Day with their substitute days, Easter, a year end."""

from __future__ import annotations

from datetime import date

import pytest

from lib.workdays import (
    add_working_days,
    bank_holiday_name,
    is_bank_holiday,
    is_working_day,
    next_working_day,
    working_day_on_or_after,
)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 12, 25),  # Christmas Day, a Friday
        date(2026, 12, 28),  # Boxing Day (substitute day), Monday
        date(2027, 1, 1),  # New Year's Day
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 12, 25),  # Christmas Day on a Saturday still counts
        date(2027, 12, 27),  # and its substitute Monday
        date(2022, 9, 19),  # a one-off: the state funeral of Queen Elizabeth II
    ],
)
def test_these_are_bank_holidays_in_england_and_wales(day: date) -> None:
    assert is_bank_holiday(day)
    assert not is_working_day(day)
    assert bank_holiday_name(day)


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 24), date(2027, 3, 25), date(2027, 3, 30), date(2027, 1, 18)],
)
def test_these_weekdays_are_working_days(day: date) -> None:
    assert not is_bank_holiday(day) and is_working_day(day)
    assert bank_holiday_name(day) is None


def test_st_andrews_day_and_the_twelfth_of_july_are_not_bank_holidays_here() -> None:
    assert not is_bank_holiday(date(2026, 11, 30))  # Scotland only
    assert not is_bank_holiday(date(2026, 7, 13))  # Northern Ireland only (substitute day)


def test_the_next_working_day_crosses_christmas_and_the_year_end() -> None:
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)  # Fri 25, Sat, Sun, Mon 28
    assert next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)  # Fri 1 Jan, weekend
    assert working_day_on_or_after(date(2027, 1, 1)) == date(2027, 1, 4)
    assert working_day_on_or_after(date(2027, 1, 4)) == date(2027, 1, 4)


def test_the_next_working_day_crosses_easter() -> None:
    assert next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)  # Good Friday to Tuesday


def test_working_days_are_counted_past_weekends_and_bank_holidays() -> None:
    assert add_working_days(date(2027, 3, 24), 0) == date(2027, 3, 24)
    assert add_working_days(date(2027, 3, 24), 5) == date(2027, 4, 2)  # Easter in between
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)
    with pytest.raises(ValueError):
        add_working_days(date(2027, 3, 24), -1)
