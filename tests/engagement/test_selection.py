"""The fair selection lottery and the Census figures it balances against (engagement.selection,
engagement.census): pure functions, no database."""

from __future__ import annotations

import random
from typing import Any

import pytest

from engagement import census
from engagement.selection import (
    Person,
    default_quotas,
    draw,
    pick_replacement,
    quota_breaks,
    quota_for,
)
from lib.rules import RuleBroken

PNTS = census.PREFER_NOT_TO_SAY


def pool(size: int, seed: int = 7, **weights: dict[str, float]) -> list[Person]:
    """`size` people, each category's value drawn with `weights`."""
    rng = random.Random(seed)
    people = []
    for i in range(1, size + 1):
        values = {
            category: rng.choices(list(w), weights=list(w.values()))[0]
            for category, w in weights.items()
        }
        people.append(Person(id=i * 3, values=values))
    return people


SKEWED: dict[str, Any] = {
    "sex": {"female": 0.8, "male": 0.15, PNTS: 0.05},
    "ethnic_group": {"white": 0.7, "black": 0.1, "asian": 0.12, "mixed": 0.08},
    "age_band": {"65_plus": 0.4, "50_64": 0.25, "35_49": 0.15, "25_34": 0.1, "16_24": 0.1},
}


# The Census ------------------------------------------------------------------------------


def test_london_shares_come_from_the_census_files_and_add_up_to_one(settings: Any) -> None:
    settings.ENGAGEMENT_AREA = "london"
    ethnic = {v.code: v.share for v in census.values_for("ethnic_group")}
    assert ethnic["black"] == pytest.approx(0.135, abs=0.001)
    assert ethnic["white"] == pytest.approx(0.5376, abs=0.001)
    for field in ("age_band", "sex", "ethnic_group", "area", "sexual_orientation"):
        shares = [v.share for v in census.values_for(field) if v.share is not None]
        assert sum(shares) == pytest.approx(1.0)
    assert len([v for v in census.values_for("area") if v.constrained]) == 33


def test_dyfed_powys_shares_come_from_the_welsh_file(settings: Any) -> None:
    settings.ENGAGEMENT_AREA = "dyfed_powys"
    ethnic = {v.code: v.share for v in census.values_for("ethnic_group")}
    assert ethnic["white"] == pytest.approx(501963 / (515899), abs=0.001)
    areas = {v.code: v.share for v in census.values_for("area") if v.constrained}
    assert set(areas) == {"W06000010", "W06000008", "W06000009", "W06000023"}
    assert areas["W06000010"] == pytest.approx(187900 / 516000, abs=0.001)
    ages = {v.code: v.share for v in census.values_for("age_band") if v.share is not None}
    assert ages["65_plus"] > ages["16_24"]  # an older population than London's
    assert sum(ages.values()) == pytest.approx(1.0)


def test_prefer_not_to_say_and_not_given_are_their_own_values_with_no_share() -> None:
    values = {v.code: v for v in census.values_for("sexual_orientation")}
    assert values[PNTS].share is None and not values[PNTS].constrained
    assert values[census.NOT_GIVEN].share is None and not values[census.NOT_GIVEN].constrained
    assert census.category_of("sexual_orientation", PNTS) == PNTS
    assert census.category_of("sexual_orientation", "") == census.NOT_GIVEN


def test_stored_answers_map_to_census_categories(settings: Any) -> None:
    settings.ENGAGEMENT_AREA = "london"
    assert census.category_of("ethnic_group", "black_african") == "black"
    assert census.category_of("ethnic_group", "asian") == "asian"
    assert census.category_of("area", "E09000007") == "E09000007"
    assert census.category_of("area", "W06000023") == census.OUTSIDE_AREA
    assert census.category_of("age_band", "16_24") == "16_24"


def test_disability_has_no_census_figure_so_its_quotas_are_open_unless_set_by_hand() -> None:
    quotas = default_quotas(["disability"], 12)
    assert all(q == {"min": 0, "max": 12} for q in quotas["disability"].values())


# Quotas -----------------------------------------------------------------------------------


def test_default_quota_is_thirty_percent_either_side_of_the_census_share() -> None:
    assert quota_for(0.135, 12) == {"min": 1, "max": 3}
    assert quota_for(0.5376, 12) == {"min": 4, "max": 9}
    assert quota_for(0.03, 12) == {"min": 0, "max": 1}
    assert quota_for(None, 12) == {"min": 0, "max": 12}


def test_prefer_not_to_say_is_never_constrained_by_default_quotas() -> None:
    quotas = default_quotas(["ethnic_group"], 12)
    assert quotas["ethnic_group"][PNTS] == {"min": 0, "max": 12}
    assert quotas["ethnic_group"][census.NOT_GIVEN] == {"min": 0, "max": 12}


# The draw ---------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_panel_and_reserves() -> None:
    people = pool(60, **SKEWED)
    quotas = default_quotas(["sex", "ethnic_group", "age_band"], 12)
    first = draw(pool=people, places=12, reserves=4, quotas=quotas, seed=424242)
    again = draw(pool=list(reversed(people)), places=12, reserves=4, quotas=quotas, seed=424242)
    assert first == again
    other = draw(pool=people, places=12, reserves=4, quotas=quotas, seed=424243)
    assert other.chosen != first.chosen


def test_a_draw_leaves_the_rest_of_the_process_random_untouched() -> None:
    random.seed(99)
    expected = random.random()
    random.seed(99)
    draw(pool=pool(30, **SKEWED), places=6, reserves=2, quotas=default_quotas(["sex"], 6), seed=5)
    assert random.random() == expected


@pytest.mark.parametrize("seed", range(1, 21))
def test_quotas_are_met_whatever_the_seed_even_from_a_skewed_pool(seed: int) -> None:
    people = pool(80, **SKEWED)
    quotas = default_quotas(["sex", "ethnic_group", "age_band"], 12)
    result = draw(pool=people, places=12, reserves=5, quotas=quotas, seed=seed)
    chosen = [p for p in people if p.id in set(result.chosen)]
    assert len(chosen) == 12
    assert quota_breaks(chosen, quotas) == 0
    # The pool is 80% women; London is 51%: the quota holds women to at most 9 of 12.
    assert sum(p.values["sex"] == "female" for p in chosen) <= quotas["sex"]["female"]["max"]
    assert len(result.reserves) == 5
    assert not set(result.reserves) & set(result.chosen)
    assert set(result.reserves) <= {p.id for p in people}


def test_an_impossible_quota_is_refused_naming_the_category() -> None:
    people = pool(40, **SKEWED)
    quotas = default_quotas(["sex", "ethnic_group"], 12)
    quotas["ethnic_group"]["other"] = {"min": 2, "max": 4}  # nobody in the pool is "other"
    with pytest.raises(RuleBroken) as refused:
        draw(pool=people, places=12, reserves=0, quotas=quotas, seed=1)
    assert refused.value.code == "not_enough_people"
    assert "Ethnic group" in str(refused.value.message)
    assert "Other ethnic group" in str(refused.value.message)


def test_maximums_that_cannot_fill_the_places_are_refused_naming_the_category() -> None:
    people = [Person(id=i, values={"sex": "female"}) for i in range(1, 21)]
    quotas = {"sex": {"female": {"min": 0, "max": 5}, "male": {"min": 0, "max": 7}}}
    with pytest.raises(RuleBroken) as refused:
        draw(pool=people, places=12, reserves=0, quotas=quotas, seed=1)
    assert refused.value.code == "maximums_under_places"
    assert "Sex" in str(refused.value.message)


def test_with_no_category_to_balance_it_is_a_plain_seeded_lottery() -> None:
    people = [Person(id=i) for i in range(1, 31)]
    first = draw(pool=people, places=5, reserves=3, quotas={}, seed=77)
    assert first == draw(pool=people, places=5, reserves=3, quotas={}, seed=77)
    assert len(first.chosen) == 5 and len(first.reserves) == 3
    assert "simple" in first.algorithm


def test_a_draw_is_refused_when_everyone_can_have_a_place() -> None:
    with pytest.raises(RuleBroken) as refused:
        draw(pool=pool(5, **SKEWED), places=5, reserves=0, quotas={}, seed=1)
    assert refused.value.code == "not_needed"


def test_the_algorithm_and_package_version_are_named() -> None:
    result = draw(
        pool=pool(30, **SKEWED), places=6, reserves=0, quotas=default_quotas(["sex"], 6), seed=3
    )
    assert result.algorithm.startswith("sortition-algorithms ")
    assert result.algorithm.endswith(" legacy")


# Replacing someone who withdrew -------------------------------------------------------------


def test_a_free_place_goes_to_the_first_reserve_when_the_quotas_allow() -> None:
    quotas = {"sex": {"female": {"min": 1, "max": 2}, "male": {"min": 1, "max": 2}}}
    panel = [Person(1, {"sex": "female"}), Person(2, {"sex": "male"})]
    reserves = [Person(5, {"sex": "female"}), Person(6, {"sex": "male"})]
    assert pick_replacement(panel=panel, reserves=reserves, quotas=quotas) == reserves[0]


def test_a_free_place_skips_a_reserve_who_would_break_a_quota() -> None:
    quotas = {"sex": {"female": {"min": 1, "max": 2}, "male": {"min": 1, "max": 2}}}
    # A man withdrew: two women remain; a third woman would break the women's maximum and
    # leave the men's minimum unmet.
    panel = [Person(1, {"sex": "female"}), Person(2, {"sex": "female"})]
    reserves = [Person(5, {"sex": "female"}), Person(6, {"sex": "male"})]
    assert pick_replacement(panel=panel, reserves=reserves, quotas=quotas) == reserves[1]


def test_with_no_reserve_that_keeps_the_quotas_the_first_reserve_is_offered() -> None:
    quotas = {"sex": {"female": {"min": 1, "max": 2}, "male": {"min": 1, "max": 2}}}
    panel = [Person(1, {"sex": "female"}), Person(2, {"sex": "female"})]
    reserves = [Person(5, {"sex": "female"}), Person(7, {"sex": "female"})]
    assert pick_replacement(panel=panel, reserves=reserves, quotas=quotas) == reserves[0]
    assert pick_replacement(panel=panel, reserves=[], quotas=quotas) is None


def test_the_same_draw_whatever_order_the_quotas_come_in() -> None:
    """A draw's quotas come back from PostgreSQL's jsonb with their keys in another order:
    checking a draw must still give the same places."""
    chance = random.Random(7)
    pool = [
        Person(
            id=i,
            values={
                "sex": chance.choice(["female", "male", "prefer_not_to_say"]),
                "age_band": chance.choice(["18_24", "25_34", "35_44", "65_plus"]),
            },
        )
        for i in range(1, 41)
    ]
    quotas = {
        "sex": {
            "female": {"min": 2, "max": 5},
            "male": {"min": 2, "max": 4},
            "prefer_not_to_say": {"min": 0, "max": 6},
        },
        "age_band": {v: {"min": 0, "max": 3} for v in ["18_24", "25_34", "35_44", "65_plus"]},
    }
    reordered = {
        category: dict(reversed(list(values.items())))
        for category, values in reversed(list(quotas.items()))
    }
    first = draw(pool=pool, places=8, reserves=2, quotas=quotas, seed=31337)
    second = draw(pool=pool, places=8, reserves=2, quotas=reordered, seed=31337)
    assert first == second
