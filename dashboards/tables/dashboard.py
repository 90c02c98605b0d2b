"""The analysts' dashboard: every table of the page, suppressed in one pass
(lib.suppression.suppress_page), or nothing at all when fewer than k responses match."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dashboards.models import AGE_BANDS, ETHNIC_GROUPS
from dashboards.selectors import DashboardCounts
from dashboards.tables.base import (
    CHANNEL_LABELS,
    Table,
    Value,
    area_scope,
    cell_value,
    distribution_table,
    month_label,
    rating_table,
)
from dashboards.tables.comment_themes import themes_table
from dashboards.tables.comparison import comparison_table
from dashboards.tables.invitations import invitations_table
from dashboards.tables.questions import questions_table
from dashboards.tables.representation import representation_table
from lib.suppression import TOTAL, PageSuppression, default_k, suppress_count, suppress_page


@dataclass
class Dashboard:
    k: int
    enough: bool
    total: Value
    tables: list[Table]
    comments_read: Value | None = None


def build_dashboard(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    themes: Sequence[tuple[str, str]],
) -> Dashboard:
    """Every table of the analysts' dashboard, suppressed in one pass for the page.
    `boroughs` and `teams` map ids to names; `themes` lists the insights themes as
    (slug, name)."""
    k = default_k()
    responses = counts.totals["responses"]
    if responses < k:
        return Dashboard(
            k=k, enough=False, total=cell_value(suppress_count(responses, k=k)), tables=[]
        )
    return suppress_page(
        lambda linked: _dashboard(
            counts, boroughs=boroughs, teams=teams, themes=themes, linked=linked
        ),
        k=k,
    )


def _dashboard(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    themes: Sequence[tuple[str, str]],
    linked: PageSuppression,
) -> Dashboard:
    k = linked.k
    filters = counts.filters
    responses = counts.totals["responses"]
    area = area_scope(filters)
    by_borough = sorted(
        counts.by_borough.items(), key=lambda item: boroughs.get(item[0], str(item[0]))
    )
    by_team = sorted(counts.by_team.items(), key=lambda item: teams.get(item[0], str(item[0])))
    tables = [
        rating_table(
            "by-month",
            _("Responses and ratings by month"),
            _("Month"),
            [(month_label(m), c) for m, c in sorted(counts.by_month.items())],
            k=k,
            linked=linked,
            total_scope=area,
        ),
        rating_table(
            "by-channel",
            _("Responses and ratings by channel"),
            _("Channel"),
            [
                (str(CHANNEL_LABELS.get(ch, ch)), counts.by_channel[ch])
                for ch in CHANNEL_LABELS
                if ch in counts.by_channel
            ],
            k=k,
            linked=linked,
            total_scope=area,
        ),
        rating_table(
            "by-borough",
            _("Responses and ratings by borough"),
            _("Borough"),
            [(boroughs.get(b, str(b)), c) for b, c in by_borough],
            k=k,
            linked=linked,
            scopes=[("borough", b) for b, _c in by_borough],
            total_scope=("london",),
        ),
    ]
    tables[-1].notes.append(
        _(
            "Every borough, for the months and channel chosen: the total is London as a "
            "whole. The borough and team filters do not narrow this table."
        )
    )
    if filters.any_area:
        tables.append(
            rating_table(
                "by-team",
                _("Responses and ratings by team"),
                _("Team"),
                [(teams.get(t, str(t)), c) for t, c in by_team],
                k=k,
                linked=linked,
                scopes=[("team", t) for t, _c in by_team],
                total_scope=area,
            )
        )
    if counts.london is not None or counts.compare is not None:
        tables.append(comparison_table(counts, boroughs=boroughs, teams=teams, linked=linked))
    tables.append(questions_table(counts.totals, k=k, linked=linked, scope=area))
    tables.append(invitations_table(counts, k=k))
    age, age_counts = distribution_table(
        "age",
        _("Age of respondents"),
        _("Age band"),
        [(_age_label(b), counts.totals[f"age_{b}"]) for b in AGE_BANDS]
        + [(_("Not answered"), responses - sum(counts.totals[f"age_{b}"] for b in AGE_BANDS))],
        k=k,
        linked=linked,
        total_scope=(area, TOTAL),
    )
    ethnic, ethnic_counts = distribution_table(
        "ethnic-group",
        _("Ethnic group of respondents"),
        _("Ethnic group"),
        [(_ethnic_label(g), counts.totals[f"ethnic_{g}"]) for g in ETHNIC_GROUPS]
        + [
            (
                _("Not answered"),
                responses - sum(counts.totals[f"ethnic_{g}"] for g in ETHNIC_GROUPS),
            )
        ],
        k=k,
        linked=linked,
        total_scope=(area, TOTAL),
    )
    tables.append(representation_table(counts.totals, age_counts, ethnic_counts, k=k))
    tables += [age, ethnic]
    theme_table, comments_read = themes_table(counts.themes, themes, k=k)
    tables.append(theme_table)
    return Dashboard(
        k=k,
        enough=True,
        total=cell_value(linked.count(responses, key=(area, TOTAL))),
        tables=tables,
        comments_read=comments_read,
    )


def _age_label(band: str) -> str:
    from feedback.models import AgeBand

    return str(AgeBand(band).label)


def _ethnic_label(group: str) -> str:
    from feedback.models import EthnicGroup

    return str(EthnicGroup(group).label)


def not_enough_text(k: int) -> str:
    return _(
        "Fewer than %(k)s responses match these filters. Nothing is shown, so that no one "
        "can be identified. Choose more months or a wider area."
    ) % {"k": k}
