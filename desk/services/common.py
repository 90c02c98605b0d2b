"""What the desk's services share: the rules in force on a day, a victim's enhanced rights on
a day, and the snapshot a task keeps of its victim and case.

The rules (every time limit row, every closed day: a few dozen rows) are kept in each
process's memory for DESK_REFERENCE_CACHE_SECONDS (60; 0 reads them every time, as the tests
do), so taking in an event reads neither table. desk/services/reference.py empties this
process's copy when a supervisor changes them; another worker sees the change within the
minute. A deadline already set never moves, so a task made in that minute keeps the rules it
was made with, as one made just before the change would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from django.conf import settings
from django.db import transaction

from desk import deadlines
from desk.models import Case, DeskClosure, EnhancedGround, TimeLimit, Victim

# How far ahead of a day the desk's closed days are read: enough for any Code deadline.
CLOSURE_HORIZON_DAYS = 60

T = TypeVar("T")
_rules: dict[str, tuple[float, object]] = {}
_rules_lock = threading.Lock()


def _kept(key: str, load: Callable[[], T]) -> T:
    """`load()`, kept in this process for DESK_REFERENCE_CACHE_SECONDS."""
    seconds = settings.DESK_REFERENCE_CACHE_SECONDS
    if seconds <= 0:
        return load()
    now = time.monotonic()
    with _rules_lock:
        found = _rules.get(key)
    if found is not None and now - found[0] < seconds:
        return found[1]  # type: ignore[return-value]
    value = load()
    with _rules_lock:
        _rules[key] = (now, value)
    return value


def rules_changed() -> None:
    """Forget the rules kept in memory: now, and again once the change is committed (so a
    request reading the old rows meanwhile cannot keep them)."""
    with _rules_lock:
        _rules.clear()
    transaction.on_commit(_forget)


def _forget() -> None:
    with _rules_lock:
        _rules.clear()


def closed_days(start: date) -> frozenset[date]:
    """The desk's closed days from `start` for the next couple of months."""
    end = start + timedelta(days=CLOSURE_HORIZON_DAYS)
    if settings.DESK_REFERENCE_CACHE_SECONDS <= 0:
        return frozenset(
            DeskClosure.objects.filter(day__gte=start, day__lte=end).values_list("day", flat=True)
        )
    every = _kept("closures", lambda: frozenset(DeskClosure.objects.values_list("day", flat=True)))
    return frozenset(day for day in every if start <= day <= end)


def time_limits_on(day: date) -> dict[str, TimeLimit]:
    """The time limit in force on `day` for each code."""
    if settings.DESK_REFERENCE_CACHE_SECONDS <= 0:
        rows = list(TimeLimit.objects.filter(effective_from__lte=day).order_by("effective_from"))
    else:
        every = _kept("time_limits", lambda: list(TimeLimit.objects.order_by("effective_from")))
        rows = [limit for limit in every if limit.effective_from <= day]
    found: dict[str, TimeLimit] = {}
    for limit in rows:
        if limit.effective_to is None or limit.effective_to > day:
            found[limit.code] = limit
    return found


def date_of_birth(victim: Victim) -> date | None:
    return date.fromisoformat(victim.date_of_birth) if victim.date_of_birth else None


def grounds_on(victim: Victim, case: Case, day: date) -> list[str]:
    """The codes of every ground on which `victim` has enhanced rights on `day`: those
    recorded, the offence's, and under 18 worked out from the date of birth."""
    # The grounds prefetched with their ground (event_receive does, for every victim at
    # once), else read here.
    prefetched = getattr(victim, "_prefetched_objects_cache", {}).get("grounds")
    recorded = prefetched if prefetched is not None else victim.grounds.select_related("ground")
    codes = {ground.ground.code for ground in recorded}
    if case.offence_category.most_serious:
        codes.add(EnhancedGround.MOST_SERIOUS_CRIME)
    born = date_of_birth(victim)
    if born is not None and deadlines.is_under_18(born, day):
        codes.add(EnhancedGround.UNDER_18)
    return sorted(codes)


@dataclass(frozen=True)
class Snapshot:
    """What a task keeps of its victim and case, as plain codes."""

    team_id: int
    borough_id: int | None
    enhanced: bool
    grounds: list[str]
    language: str
    age_band: str
    sex: str
    ethnic_group: str

    def fields(self) -> dict[str, object]:
        return {
            "team_id": self.team_id,
            "borough_id": self.borough_id,
            "enhanced": self.enhanced,
            "grounds": self.grounds,
            "language": self.language,
            "age_band": self.age_band,
            "sex": self.sex,
            "ethnic_group": self.ethnic_group,
        }


def snapshot(victim: Victim, case: Case, day: date) -> Snapshot:
    grounds = grounds_on(victim, case, day)
    born = date_of_birth(victim)
    return Snapshot(
        team_id=case.team_id,
        borough_id=case.team.borough_id,
        enhanced=bool(grounds),
        grounds=grounds,
        language=victim.language,
        age_band=deadlines.age_band(deadlines.age_on(born, day)) if born else "",
        sex=victim.sex or "",
        ethnic_group=victim.ethnic_group or "",
    )
