"""The fair selection lottery: pure functions, no database, no writes (docs/engagement.md,
"Fair selection").

When more people say yes than there are places, the places are drawn by a stratified
lottery: each category chosen for balancing (age, sex, ethnic group, area, ...) has a
minimum and a maximum number of places for each of its values, and the draw picks people
at random within those quotas. The algorithm is the Sortition Foundation's
`sortition-algorithms` package, its "legacy" algorithm (the greedy stratified lottery:
it fills first the value whose minimum is hardest to reach from those left, choosing a
person in it uniformly at random, and sets aside everyone in a value once its maximum is
reached; an attempt that ends outside the quotas is retried). Its default, "maximin",
gives fairer chances but takes minutes for a pool of hundreds, against a target of two
seconds for 2,000 (docs/engagement.md says more).

Quotas (`default_quotas`): for a value with a Census share s and P places, the target is
s x P; min = floor(0.7 x target), max = ceil(1.3 x target). The band of 30% either side
keeps a small panel from being impossible to fill from a volunteer pool while still
stopping any group being left out or taking over: with 12 places and a share of 13.5%
(London's Black population) a panel has 1 to 3 such people. "Prefer not to say", "Not
given" and "Outside the area" are never constrained (0 to P), nor is a value with no
Census figure (disability: set by hand).

The same inputs and the same seed give the same result: the pool is given to the
algorithm in the order of its ids, the categories in the order asked, and the package's
random numbers come from Python's `random` seeded with the seed. The package seeds the
module-level `random`, so a draw holds a lock and puts the module's state back afterwards
(nothing else in the process sees a seeded `random`).

Reserves are drawn after the panel, from the people not chosen: a second stratified draw of
R people with the panel's quotas scaled to R places (minimums rounded down, maximums up),
or a plain random draw when those cannot be met. They are ranked by a shuffle seeded from
the same seed. When someone with a place withdraws, `pick_replacement` offers the place to
the best-ranked reserve whose arrival breaks the fewest quotas of the panel as it then is:
so the first reserve, unless a later one keeps a quota the first would break.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from engagement import census
from lib.rules import RuleBroken

# {"feature": {"value": {"min": n, "max": m}}}: the shape of Selection.quotas.
Quotas = dict[str, dict[str, dict[str, int]]]

PACKAGE = "sortition-algorithms"
ALGORITHM = "legacy"
MIN_FACTOR = 0.7
MAX_FACTOR = 1.3
MAX_ATTEMPTS = 100
SIMPLE = "simple random draw (no categories to balance)"

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Person:
    """Someone in the pool: an id (the invitation's) and their value in each category."""

    id: int
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Draw:
    chosen: list[int]  # the places, by id
    reserves: list[int]  # the reserves in rank order (first called first)
    algorithm: str


def package_version() -> str:
    from importlib.metadata import version

    return version(PACKAGE)


def algorithm_name() -> str:
    return f"{PACKAGE} {package_version()} {ALGORITHM}"


def new_seed() -> int:
    """A fresh seed from the operating system's secure random source (never 0: the
    package treats 0 as "no seed")."""
    import secrets

    return secrets.randbelow(10**12 - 1) + 1


def parse_seed(text: str | int) -> int:
    try:
        seed = int(str(text).strip())
    except ValueError:
        raise RuleBroken(_("Enter the seed as a whole number"), field="seed", code="seed") from None
    if not 1 <= seed < 10**18:
        raise RuleBroken(
            _("Enter the seed as a whole number above 0"), field="seed", code="seed"
        ) from None
    return seed


def _derived(seed: int, purpose: str) -> int:
    digest = hashlib.sha256(f"{seed}:{purpose}".encode()).hexdigest()
    return int(digest[:15], 16) or 1


# Quotas -------------------------------------------------------------------------------------


def quota_for(share: float | None, places: int) -> dict[str, int]:
    """The default quota of a value with Census share `share` (see the module)."""
    if share is None:
        return {"min": 0, "max": places}
    target = share * places
    return {
        "min": math.floor(target * MIN_FACTOR),
        "max": min(places, math.ceil(target * MAX_FACTOR)),
    }


def default_quotas(categories: Sequence[str], places: int) -> Quotas:
    """Quotas from the Census for each category in `categories` (all their values)."""
    return {
        category: {
            value.code: quota_for(value.share if value.constrained else None, places)
            for value in census.values_for(category)
        }
        for category in categories
    }


def _complete(quotas: Quotas, pool: Sequence[Person], places: int) -> Quotas:
    """The quotas with every value someone in the pool has (unconstrained when missing)."""
    full: Quotas = {}
    for category, values in quotas.items():
        full[category] = {value: dict(limits) for value, limits in values.items()}
        for person in pool:
            value = person.values.get(category, census.NOT_GIVEN)
            full[category].setdefault(value, {"min": 0, "max": places})
    return full


def _named(category: str, value: str) -> dict[str, str]:
    return {"category": census.field_label(category), "value": census.label_of(category, value)}


def check_feasible(pool: Sequence[Person], quotas: Quotas, places: int) -> None:
    """RuleBroken naming the category when the quotas cannot be met from this pool."""
    for category, values in quotas.items():
        counts = Counter(p.values.get(category, census.NOT_GIVEN) for p in pool)
        for value, limits in values.items():
            if limits["min"] > limits["max"]:
                raise RuleBroken(
                    _("%(category)s, %(value)s: the minimum is more than the maximum")
                    % _named(category, value),
                    field="quotas",
                    code="min_over_max",
                )
            if limits["min"] > counts[value]:
                raise RuleBroken(
                    _(
                        "%(category)s, %(value)s: the quota asks for at least %(min)s, but "
                        "only %(have)s of the people who said yes gave that answer. Lower "
                        "the minimum."
                    )
                    % {**_named(category, value), "min": limits["min"], "have": counts[value]},
                    field="quotas",
                    code="not_enough_people",
                )
        total_min = sum(limits["min"] for limits in values.values())
        if total_min > places:
            raise RuleBroken(
                _(
                    "%(category)s: the minimums add up to %(total)s, more than the "
                    "%(places)s places. Lower some minimums."
                )
                % {"category": census.field_label(category), "total": total_min, "places": places},
                field="quotas",
                code="minimums_over_places",
            )
        reachable = sum(min(limits["max"], counts[v]) for v, limits in values.items())
        if reachable < places:
            raise RuleBroken(
                _(
                    "%(category)s: the maximums allow only %(total)s of the people who said "
                    "yes, fewer than the %(places)s places. Raise some maximums."
                )
                % {"category": census.field_label(category), "total": reachable, "places": places},
                field="quotas",
                code="maximums_under_places",
            )


# The draw -------------------------------------------------------------------------------------


def _stratified(pool: Sequence[Person], quotas: Quotas, places: int, seed: int) -> list[int]:
    """One stratified draw by the package's legacy algorithm (RuleBroken when it fails)."""
    from sortition_algorithms import Settings, run_stratification
    from sortition_algorithms.features import FeatureCollection, FeatureValueMinMax
    from sortition_algorithms.people import People
    from sortition_algorithms.utils import set_log_level

    # Its progress lines ("Trial number: 1") go to standard output: errors only.
    set_log_level(logging.ERROR)
    features: FeatureCollection = {
        category: {
            value: FeatureValueMinMax(min=limits["min"], max=limits["max"])
            for value, limits in values.items()
        }
        for category, values in quotas.items()
    }
    people = People(columns_to_keep=[])
    for row, person in enumerate(sorted(pool, key=lambda p: p.id)):
        data = {c: person.values.get(c, census.NOT_GIVEN) for c in quotas}
        people.add(str(person.id), data, features, row)
    settings = Settings(
        id_column="id",
        columns_to_keep=[],
        selection_algorithm=ALGORITHM,
        random_number_seed=seed,
        max_attempts=MAX_ATTEMPTS,
    )
    with _LOCK:
        state = random.getstate()
        try:
            ok, panels, _report = run_stratification(features, people, places, settings)
        finally:
            random.setstate(state)
    if not ok or not panels:
        raise RuleBroken(
            _(
                "These quotas could not all be met together from the people who said yes. "
                "Lower some minimums or raise some maximums, or balance fewer categories."
            ),
            field="quotas",
            code="infeasible",
        )
    return sorted(int(key) for key in panels[0])


def _simple(pool: Sequence[Person], places: int, seed: int) -> list[int]:
    ids = sorted(p.id for p in pool)
    return sorted(random.Random(seed).sample(ids, places))  # noqa: S311 - a seeded lottery


def scaled_quotas(quotas: Quotas, places: int, size: int) -> Quotas:
    """The panel's quotas scaled to `size` places (minimums down, maximums up)."""
    return {
        category: {
            value: {
                "min": math.floor(limits["min"] * size / places),
                "max": min(size, math.ceil(limits["max"] * size / places)),
            }
            for value, limits in values.items()
        }
        for category, values in quotas.items()
    }


def _reserves(
    rest: Sequence[Person], quotas: Quotas, places: int, count: int, seed: int
) -> list[int]:
    count = min(count, len(rest))
    if count <= 0:
        return []
    if count == len(rest):
        ids = sorted(p.id for p in rest)
    else:
        ids = []
        if quotas:
            wanted = _complete(scaled_quotas(quotas, places, count), rest, count)
            try:
                check_feasible(rest, wanted, count)
                ids = _stratified(rest, wanted, count, _derived(seed, "reserves"))
            except RuleBroken:
                ids = []
        if not ids:
            ids = _simple(rest, count, _derived(seed, "reserves"))
    random.Random(_derived(seed, "reserve order")).shuffle(ids)  # noqa: S311
    return ids


def draw(*, pool: Sequence[Person], places: int, reserves: int, quotas: Quotas, seed: int) -> Draw:
    """Choose `places` people from `pool` within `quotas`, then `reserves` reserves in rank
    order. Same inputs and seed, same result. RuleBroken (naming the category where one is
    to blame) when the quotas cannot be met."""
    if places <= 0:
        raise RuleBroken(_("There are no places to fill"), code="no_places")
    if len(pool) <= places:
        raise RuleBroken(
            _("A draw is only needed when more people said yes than there are places"),
            code="not_needed",
        )
    # In a fixed order: the package's draw follows the order of categories and values, and a
    # draw's quotas come back from the database in another (PostgreSQL's jsonb sorts keys).
    quotas = {
        category: {value: quotas[category][value] for value in sorted(quotas[category])}
        for category in sorted(quotas)
        if quotas[category]
    }
    if quotas:
        full = _complete(quotas, pool, places)
        check_feasible(pool, full, places)
        chosen = _stratified(pool, full, places, seed)
        algorithm = algorithm_name()
    else:
        full = {}
        chosen = _simple(pool, places, seed)
        algorithm = SIMPLE
    chosen_set = set(chosen)
    rest = [p for p in pool if p.id not in chosen_set]
    return Draw(
        chosen=chosen,
        reserves=_reserves(rest, full, places, reserves, seed),
        algorithm=algorithm,
    )


# Replacing someone who withdrew -------------------------------------------------------------


def quota_breaks(panel: Sequence[Person], quotas: Quotas) -> int:
    """How far `panel` is outside `quotas`: places over each maximum and under each
    minimum, added up (0 when every quota is met)."""
    total = 0
    for category, values in quotas.items():
        counts = Counter(p.values.get(category, census.NOT_GIVEN) for p in panel)
        for value, limits in values.items():
            total += max(0, counts[value] - limits["max"]) + max(0, limits["min"] - counts[value])
    return total


def pick_replacement(
    *, panel: Sequence[Person], reserves: Sequence[Person], quotas: Quotas
) -> Person | None:
    """The reserve to offer a free place to: of `reserves` (in rank order), the first whose
    arrival leaves the panel the fewest quota breaks. None when there are none."""
    best: Person | None = None
    best_breaks = 0
    for person in reserves:
        breaks = quota_breaks([*panel, person], quotas)
        if best is None or breaks < best_breaks:
            best, best_breaks = person, breaks
            if breaks == 0:
                break
    return best


def outcome_counts(
    people: Sequence[Person], categories: Sequence[str]
) -> dict[str, dict[str, int]]:
    """{category: {value: how many}} of `people` (for the page: counts, never who)."""
    return {
        category: dict(Counter(p.values.get(category, census.NOT_GIVEN) for p in people))
        for category in categories
    }
