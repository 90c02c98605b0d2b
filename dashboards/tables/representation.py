"""Younger and minority ethnic respondents compared with Census 2021."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from dashboards.census import (
    AGE_SOURCE,
    ETHNIC_SOURCE,
    MINORITY_GROUPS,
    YOUNGER_AGE_BANDS,
    census_shares,
)
from dashboards.models import AGE_BANDS, ETHNIC_GROUPS
from dashboards.tables.base import Bar, Row, Table, Value, cell_value, not_shown, percent, share
from lib.suppression import SuppressedCounts, suppress_count


def representation_table(
    totals: Mapping[str, int],
    age: SuppressedCounts,
    ethnic: SuppressedCounts,
    *,
    k: int,
) -> Table:
    """Respondents under 25 and from minority ethnic groups, against the Census."""
    census = census_shares()
    band_index = {b: i for i, b in enumerate(AGE_BANDS)}
    group_index = {g: i for i, g in enumerate(ETHNIC_GROUPS)}
    not_answered_age, not_answered_ethnic = len(AGE_BANDS), len(ETHNIC_GROUPS)

    def figure(
        counts: SuppressedCounts,
        parts: Sequence[int],
        left_out: Sequence[int],
        part_total: int,
        whole: int,
    ) -> tuple[Value, Value]:
        """The count of `parts` and its share of those who answered (the total less
        `left_out`), shown only when every count they are made of is shown."""
        used = [*parts, *left_out]
        if (
            counts.total is None
            or counts.total.suppressed
            or any(counts[i].suppressed for i in used)
        ):
            return not_shown(), not_shown()
        count = suppress_count(part_total, k=k)
        return cell_value(count), percent(share(part_total, whole, k))

    younger = sum(totals[f"age_{b}"] for b in YOUNGER_AGE_BANDS)
    gave_age = sum(totals[f"age_{b}"] for b in AGE_BANDS if b != "prefer_not")
    minority = sum(totals[f"ethnic_{g}"] for g in MINORITY_GROUPS)
    gave_ethnic = sum(totals[f"ethnic_{g}"] for g in ETHNIC_GROUPS if g != "prefer_not")
    young_count, young_share = figure(
        age,
        [band_index[b] for b in YOUNGER_AGE_BANDS],
        [band_index["prefer_not"], not_answered_age],
        younger,
        gave_age,
    )
    minority_count, minority_share = figure(
        ethnic,
        [group_index[g] for g in MINORITY_GROUPS],
        [group_index["prefer_not"], not_answered_ethnic],
        minority,
        gave_ethnic,
    )
    rows = [
        Row(_("Aged under 25"), [young_count, young_share, percent(census.younger)]),
        Row(
            _("From a minority ethnic group (Asian, Black, Mixed or Other)"),
            [minority_count, minority_share, percent(census.minority)],
        ),
    ]
    return Table(
        slug="representation",
        title=_("Younger and minority ethnic respondents compared with Census 2021"),
        corner=_("Group"),
        columns=[
            _("Respondents"),
            _("Share of those who answered"),
            _("Census 2021: %(area)s") % {"area": census.area},
        ],
        rows=rows,
        bars=[
            Bar(_("Under 25: respondents"), _num(young_share), young_share.text),
            Bar(_("Under 25: Census 2021"), census.younger, percent(census.younger).text),
            Bar(_("Minority ethnic: respondents"), _num(minority_share), minority_share.text),
            Bar(_("Minority ethnic: Census 2021"), census.minority, percent(census.minority).text),
        ],
        bar_title=_("Share"),
        notes=[
            _(
                "Under 25 is compared with people aged 15 to 24 among those aged 15 and over, "
                "the nearest bands the Census publishes."
            ),
            _("Sources: %(age)s; %(ethnic)s.") % {"age": AGE_SOURCE, "ethnic": ETHNIC_SOURCE},
        ],
    )


def _num(value: Value) -> float | None:
    return float(value.number) if value.number is not None else None
