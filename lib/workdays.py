"""Bank holidays and working days in England and Wales.

The bank holidays come from the maintained `holidays` package (GOV.UK's list, with the
substitute days when a holiday falls at a weekend, and one-off days such as a state
funeral): England's and Wales's together, which are the same days today. Christmas Day
and Boxing Day themselves count as bank holidays even on a weekend, so nothing is
arranged on them. Used by the forums' meeting series and, next, the Victim Focus Desk
(the Victims' Code counts working days).
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


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def working_day_on_or_after(day: date) -> date:
    """`day` itself when it is a working day, otherwise the next one."""
    return day if is_working_day(day) else next_working_day(day)


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (`day` itself for 0)."""
    if count < 0:
        raise ValueError("count must not be negative")
    for _step in range(count):
        day = next_working_day(day)
    return day
