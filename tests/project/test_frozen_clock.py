"""The frozen clock `make test` runs the `dates` tests under (VV_FROZEN_CLOCK, read in
tests/conftest.py; docs/testing.md): it starts before the database and the cast are built,
and reads a time without an offset as Europe/London, whatever the season."""

import os
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from tests.conftest import frozen_clock_instant

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# A session of the `dates` tests takes minutes, not hours.
SESSION = timedelta(hours=2)


def test_a_time_without_an_offset_is_london_time_in_winter_and_in_summer() -> None:
    assert frozen_clock_instant("2027-03-01T00:30") == datetime(2027, 3, 1, 0, 30, tzinfo=UTC)
    # Summer time: still the 31st of March in UTC.
    assert frozen_clock_instant("2027-04-01T00:30") == datetime(2027, 3, 31, 23, 30, tzinfo=UTC)
    # The clocks go back: 01:30 happens twice, the first (BST) is taken.
    assert frozen_clock_instant("2027-10-31T01:30") == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)
    assert frozen_clock_instant("2027-03-01T00:30+00:00") == datetime(2027, 3, 1, 0, 30, tzinfo=UTC)


def test_the_clock_and_the_cast_are_at_the_instant_asked_for(personas: dict[str, User]) -> None:
    value = os.environ.get("VV_FROZEN_CLOCK", "").strip()
    start = frozen_clock_instant(value) if value else None
    now = timezone.now()
    if start is None:
        # No frozen clock: the real one, which is after the instants make test uses.
        assert now > datetime(2026, 1, 1, tzinfo=UTC)
        return
    assert start <= now < start + SESSION
    # The cast was built after the clock was set, so its dates are the frozen day's.
    joined = personas["programme_admin"].date_joined
    assert start <= joined < start + SESSION
