"""Working days with the desk's closed days, and counting the working days between two dates
(lib/workdays.py): across weekends, bank holidays, Christmas, a year end and closures. Every
expected value was checked against the `holidays` package's England and Wales bank holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lib.workdays import (
    add_working_days,
    is_bank_holiday,
    is_working_day,
    next_working_day,
    working_day_on_or_after,
    working_days_between,
)

# Wednesday 3 June 2026, an ordinary working day, and Monday 1 February 2027.
CLOSED = frozenset({date(2026, 6, 3), date(2027, 2, 1)})


def test_a_closed_day_is_not_a_working_day_but_stays_out_of_the_bank_holidays() -> None:
    assert is_working_day(date(2026, 6, 3))
    assert not is_working_day(date(2026, 6, 3), closed=CLOSED)
    assert not is_bank_holiday(date(2026, 6, 3))
    assert is_working_day(date(2026, 6, 4), closed=CLOSED)


def test_the_next_working_day_skips_a_closed_day() -> None:
    assert next_working_day(date(2026, 6, 2), closed=CLOSED) == date(2026, 6, 4)
    # Friday 29 January 2027 to Tuesday: the weekend, then the closed Monday.
    assert next_working_day(date(2027, 1, 29), closed=CLOSED) == date(2027, 2, 2)
    assert working_day_on_or_after(date(2027, 1, 30), closed=CLOSED) == date(2027, 2, 2)
    assert working_day_on_or_after(date(2026, 6, 3), closed=CLOSED) == date(2026, 6, 4)


def test_a_closure_next_to_a_bank_holiday_pushes_past_both() -> None:
    # Friday 22 May 2026; Monday 25th is the Spring bank holiday and Tuesday 26th is closed.
    closed = frozenset({date(2026, 5, 26)})
    assert next_working_day(date(2026, 5, 22), closed=closed) == date(2026, 5, 27)
    assert add_working_days(date(2026, 5, 22), 2, closed=closed) == date(2026, 5, 28)


def test_adding_working_days_skips_closed_days() -> None:
    assert add_working_days(date(2026, 6, 1), 2) == date(2026, 6, 3)
    assert add_working_days(date(2026, 6, 1), 2, closed=CLOSED) == date(2026, 6, 4)
    # A closed day at the start does not move the start: day 0 need not be a working day.
    assert add_working_days(date(2026, 6, 3), 0, closed=CLOSED) == date(2026, 6, 3)
    assert add_working_days(date(2026, 6, 3), 1, closed=CLOSED) == date(2026, 6, 4)


def test_closures_as_a_frozenset_leave_positional_callers_unchanged() -> None:
    # The forums call these with a date alone.
    assert next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)
    assert working_day_on_or_after(date(2027, 1, 1)) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 23), 5) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # Same day, or end before start: nothing.
        (date(2026, 6, 3), date(2026, 6, 3), 0),
        (date(2026, 6, 3), date(2026, 6, 1), 0),
        # Ordinary week: Monday to Tuesday is 1, Monday to Friday 4.
        (date(2026, 6, 1), date(2026, 6, 2), 1),
        (date(2026, 6, 1), date(2026, 6, 5), 4),
        # Weekends: Friday to Saturday or Sunday is 0, to Monday 1.
        (date(2026, 6, 5), date(2026, 6, 6), 0),
        (date(2026, 6, 5), date(2026, 6, 7), 0),
        (date(2026, 6, 5), date(2026, 6, 8), 1),
        # Saturday to Monday is 1.
        (date(2026, 6, 6), date(2026, 6, 8), 1),
        # Spring bank holiday Monday 25 May 2026: Friday to Monday 0, to Tuesday 1.
        (date(2026, 5, 22), date(2026, 5, 25), 0),
        (date(2026, 5, 22), date(2026, 5, 26), 1),
        # Christmas 2026: Fri 25, Mon 28 (Boxing Day observed), Fri 1 Jan 2027 are holidays.
        (date(2026, 12, 24), date(2026, 12, 29), 1),
        (date(2026, 12, 24), date(2027, 1, 4), 4),  # 29, 30, 31 Dec and 4 Jan
        (date(2026, 12, 23), date(2027, 1, 4), 5),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (date(2027, 3, 25), date(2027, 3, 30), 1),
        # Christmas 2027 falls at a weekend: Mon 27, Tue 28 Dec observed; Mon 3 Jan 2028.
        (date(2027, 12, 24), date(2027, 12, 29), 1),
        (date(2027, 12, 24), date(2028, 1, 4), 4),  # 29, 30, 31 Dec and 4 Jan
        # A whole year: 2025's 261 weekdays less 1 Jan, plus Thu 1 Jan 2026; 8 holidays.
        (date(2025, 1, 1), date(2026, 1, 1), 253),
    ],
)
def test_working_days_between_two_dates(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_working_days_between_leaves_out_closed_days() -> None:
    # Monday 1 to Monday 8 June 2026 is 5; closing Wednesday 3rd makes it 4, and a closed
    # Saturday changes nothing.
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 8)) == 5
    closed = frozenset({date(2026, 6, 3), date(2026, 6, 6)})
    assert working_days_between(date(2026, 6, 1), date(2026, 6, 8), closed=closed) == 4
    # A closure on a bank holiday is not taken off twice.
    christmas = frozenset({date(2026, 12, 25), date(2026, 12, 29)})
    assert working_days_between(date(2026, 12, 24), date(2027, 1, 4), closed=christmas) == 3
    # A closure outside the span, or on the start day itself, does not count.
    assert working_days_between(date(2026, 6, 3), date(2026, 6, 5), closed=CLOSED) == 2


def test_working_days_between_agrees_with_adding_working_days() -> None:
    """From every day over two years that cross Christmas and Easter, n working days on is
    exactly n working days between, and the day before it is n - 1."""
    closed = frozenset({date(2026, 6, 3), date(2027, 2, 1), date(2027, 12, 29)})
    day = date(2026, 1, 1)
    while day < date(2028, 1, 31):
        for count in (1, 2, 5, 20):
            due = add_working_days(day, count, closed=closed)
            assert working_days_between(day, due, closed=closed) == count
            assert working_days_between(day, due - timedelta(days=1), closed=closed) == count - 1
        day += timedelta(days=1)
