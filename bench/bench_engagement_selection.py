"""Benchmark: fair selection (docs/engagement.md, "Fair selection"): a stratified lottery of
12 places and 6 reserves from 2,000 people who said yes, balanced on five categories (age
band, sex, ethnic group, area, disability) with the default quotas from London's Census 2021
figures (disability: by hand, at least 2 disabled people, at most 9 not disabled).

The lottery is pure (engagement.selection.draw), so no database is needed: the pool is
generated, each person's answers drawn with the Census shares (a tenth "Prefer not to say"
or not given). Each run checks that the quotas are met and that the seed gives the same draw
again.

Line (`bench NAME: VALUE UNIT`):

- engagement_selection_seconds (target at most 2 s): the median of 5 draws with different
  seeds, panel and reserves; the first draw (which also imports the sortition package) beside.

Run: `make bench`, or DJANGO_ENV=test .venv/bin/python bench/bench_engagement_selection.py.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimvoice.settings")
os.environ.setdefault("DJANGO_ENV", "test")

import django  # noqa: E402

django.setup()

from django.test.utils import override_settings  # noqa: E402

from engagement import census  # noqa: E402
from engagement.selection import Person, default_quotas, draw, quota_breaks  # noqa: E402

POOL = 2000
PLACES = 12
RESERVES = 6
CATEGORIES = ("age_band", "sex", "ethnic_group", "area", "disability")
TARGET_SECONDS = 2.0
RUNS = 5


def pool(rng: random.Random) -> list[Person]:
    weights = {}
    for category in CATEGORIES:
        values = [v for v in census.values_for(category) if v.constrained]
        shares = [v.share if v.share is not None else 1.0 / len(values) for v in values]
        weights[category] = ([v.code for v in values], shares)
    people = []
    for i in range(1, POOL + 1):
        answers = {}
        for category, (codes, shares) in weights.items():
            roll = rng.random()
            if roll < 0.05:
                answers[category] = census.PREFER_NOT_TO_SAY
            elif roll < 0.10:
                answers[category] = census.NOT_GIVEN
            else:
                answers[category] = rng.choices(codes, weights=shares)[0]
        people.append(Person(id=i, values=answers))
    return people


def main() -> None:
    with override_settings(ENGAGEMENT_AREA="london"):
        people = pool(random.Random(2021))
        quotas = default_quotas(CATEGORIES, PLACES)
        quotas["disability"].update(
            {
                "limited_a_lot": {"min": 1, "max": PLACES},
                "limited_a_little": {"min": 1, "max": PLACES},
                "no": {"min": 0, "max": 9},
            }
        )
        times = []
        for seed in range(1, RUNS + 1):
            start = time.perf_counter()
            result = draw(pool=people, places=PLACES, reserves=RESERVES, quotas=quotas, seed=seed)
            times.append(time.perf_counter() - start)
            chosen = [p for p in people if p.id in set(result.chosen)]
            assert len(chosen) == PLACES and len(result.reserves) == RESERVES
            assert quota_breaks(chosen, quotas) == 0, "quotas not met"
            again = draw(pool=people, places=PLACES, reserves=RESERVES, quotas=quotas, seed=seed)
            assert again == result, "the same seed gave a different draw"
    median = statistics.median(times)
    print(
        f"bench engagement_selection_seconds: {median:.2f} s (target <= {TARGET_SECONDS:.0f} s)"
        f" [{PLACES} places and {RESERVES} reserves from {POOL:,} on {len(CATEGORIES)}"
        f" categories, median of {RUNS}; first draw {times[0]:.2f} s with the package's import;"
        f" {result.algorithm}]"
    )


if __name__ == "__main__":
    main()
