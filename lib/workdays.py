"""Bank holidays and working days in England and Wales.

The bank holidays come from the maintained `holidays` package (GOV.UK's list, with the
substitute days when a holiday falls at a weekend, and one-off days such as a state
funeral): England's and Wales's together, which are the same days today. Christmas Day
and Boxing Day themselves count as bank holidays even on a weekend, so nothing is
arranged on them. Used by the forums' meeting series and the Victim Focus Desk (the
Victims' Code counts working days).

The working-day functions take `closed`: extra days that are not working days, such as the
desk's closures (a one-off bank holiday announced before the package knows it, a day the
desk is shut). They default to none, so the forums' callers are unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

# The parts of the United Kingdom whose bank holidays apply (ISO 3166-2:GB codes).
SUBDIVISIONS = ("ENG", "WLS")


@lru_cache(maxsize=128)
def _bank_holidays(year: int) -> dict[date, str]:
    found: dict[date, str] = {}
    for subdivision in SUBDIVISIONS:
        found.update(holidays.country_holidays("GB", subdiv=subdivision, years=year))
    return found


def bank_holiday_name(day: date) -> str | None:
    """The English name of the bank holiday on `day` ("Christmas Day"), or None."""
    return _bank_holidays(day.year).get(day)


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England or Wales (including its substitute day)."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date, *, closed: frozenset[date] = frozenset()) -> bool:
    """Monday to Friday, not a bank holiday and not one of the `closed` days."""
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in closed


def next_working_day(day: date, *, closed: frozenset[date] = frozenset()) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day, closed=closed):
        day += timedelta(days=1)
    return day


def working_day_on_or_after(day: date, *, closed: frozenset[date] = frozenset()) -> date:
    """`day` itself when it is a working day, otherwise the next one."""
    return day if is_working_day(day, closed=closed) else next_working_day(day, closed=closed)


def add_working_days(day: date, count: int, *, closed: frozenset[date] = frozenset()) -> date:
    """The working day `count` working days after `day` (`day` itself for 0)."""
    if count < 0:
        raise ValueError("count must not be negative")
    for _step in range(count):
        day = next_working_day(day, closed=closed)
    return day


def _weekdays_before(day: date) -> int:
    """How many Mondays to Fridays there are from 1 January of year 1 (a Monday) up to,
    but not including, `day`."""
    weeks, extra = divmod(day.toordinal() - 1, 7)
    return weeks * 5 + min(extra, 5)


def working_days_between(start: date, end: date, *, closed: frozenset[date] = frozenset()) -> int:
    """How many working days there are after `start` up to and including `end` (0 when `end`
    is not after `start`). Friday to the next Monday is 1; used to say how late something
    was. Counted without walking every day, so a long-open task costs no more."""
    if end <= start:
        return 0
    weekdays = _weekdays_before(end + timedelta(days=1)) - _weekdays_before(
        start + timedelta(days=1)
    )
    days_off = {
        day
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(year)
        if start < day <= end and day.weekday() < 5
    }
    days_off.update(day for day in closed if start < day <= end and day.weekday() < 5)
    return weekdays - len(days_off)
