"""When the desk owes a victim something, and how late it was (docs/desk.md §1, "How a
deadline is computed").

Pure functions, no database: the callers pass the desk's closed days (`DeskClosure` rows) as
`closed`. Dates are Europe/London dates whatever the server's or the user's time zone; times
are aware datetimes, returned in UTC.

- Day 0 is the London date the event happened, not the day we heard of it, and need not be a
  working day.
- The due date is n working days after day 0 (lib/workdays.py: weekends, bank holidays in
  England and Wales, closures).
- A task is on time when done before 00:00 London time at the start of the day after its due
  date ("by the end of Tuesday 26 May"). UK clocks change at 01:00 UTC, so that midnight always
  exists and is never repeated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from feedback.models import AgeBand
from lib.workdays import add_working_days, working_day_on_or_after, working_days_between

LONDON = ZoneInfo("Europe/London")

# The age at which someone stops being a child, for the enhanced right (under 18).
ADULT_AGE = 18

# The upper age of each band in feedback.models.AgeBand, youngest first; 65 and over after.
_AGE_BANDS: tuple[tuple[int, AgeBand], ...] = (
    (17, AgeBand.UNDER_18),
    (24, AgeBand.AGE_18_24),
    (34, AgeBand.AGE_25_34),
    (44, AgeBand.AGE_35_44),
    (54, AgeBand.AGE_45_54),
    (64, AgeBand.AGE_55_64),
)


def _require_aware(value: datetime) -> None:
    if timezone.is_naive(value):
        raise ValueError("a deadline needs an aware datetime")


def day_zero(occurred_at: datetime) -> date:
    """The London date of `occurred_at`: Thursday 23:30 UTC in summer is Friday."""
    _require_aware(occurred_at)
    return timezone.localdate(occurred_at, LONDON)


def due_date(
    occurred_at: datetime, working_days: int, *, closed: frozenset[date] = frozenset()
) -> date:
    """The date a time limit of `working_days` runs out, counted from day 0."""
    return add_working_days(day_zero(occurred_at), working_days, closed=closed)


def end_of_day(day: date) -> datetime:
    """00:00 London time at the start of the day after `day`, in UTC: something done on `day`
    is on time if and only if it is done before this."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON)
    return midnight.astimezone(UTC)


def due_at(
    occurred_at: datetime, working_days: int, *, closed: frozenset[date] = frozenset()
) -> datetime:
    """The end of the due date of a time limit of `working_days` from `occurred_at`."""
    return end_of_day(due_date(occurred_at, working_days, closed=closed))


def late_working_days(
    due: date, done_at: datetime, *, closed: frozenset[date] = frozenset()
) -> int:
    """How many working days late something due on `due` was when done at `done_at`: 0 if done
    by the end of the due date, 1 if done on the next working day, and so on. Done on a day
    that is not a working day, it counts as done on the next working day."""
    done_on = day_zero(done_at)
    if done_on <= due:
        return 0
    return working_days_between(due, working_day_on_or_after(done_on, closed=closed), closed=closed)


def periodic_due_at(
    last_reached_at: datetime, every_days: int, *, closed: frozenset[date] = frozenset()
) -> datetime:
    """A periodic update agreed every `every_days` days: due at the end of the day that many
    calendar days after the London date of the last contact that reached the victim, or of the
    next working day if that is not one."""
    if every_days < 1:
        raise ValueError("every_days must be at least 1")
    day = day_zero(last_reached_at) + timedelta(days=every_days)
    return end_of_day(working_day_on_or_after(day, closed=closed))


def hours_due_at(routed_at: datetime, hours: int) -> datetime:
    """`hours` real hours after `routed_at`, over nights, weekends and clock changes (a
    safeguarding comment routed at 23:30 BST before the clocks go back is due at 02:30 GMT)."""
    _require_aware(routed_at)
    return routed_at.astimezone(UTC) + timedelta(hours=hours)


def working_days_due_at(at: datetime, n: int, *, closed: frozenset[date] = frozenset()) -> datetime:
    """A routed complaint: due at the end of the day `n` working days after `at`'s London date."""
    return due_at(at, n, closed=closed)


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February has their birthday on
    1 March in a year that is not a leap year."""
    if day < date_of_birth:
        raise ValueError("day is before the date of birth")
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def age_band(age: int) -> str:
    """The code of the `feedback.models.AgeBand` band that `age` falls in."""
    if age < 0:
        raise ValueError("age must not be negative")
    for upper, band in _AGE_BANDS:
        if age <= upper:
            return str(band.value)
    return str(AgeBand.AGE_65_PLUS.value)


def is_under_18(date_of_birth: date, day: date) -> bool:
    """True if the person is still a child on `day`: on their 18th birthday they are not."""
    return age_on(date_of_birth, day) < ADULT_AGE
