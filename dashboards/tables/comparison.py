"""The comparison between areas: the area chosen, a borough to compare with, and London,
with each area's counts hidden as the page's other tables hide them."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from dashboards.models import QUESTIONS
from dashboards.selectors import DashboardCounts
from dashboards.tables.base import (
    QUESTION_LABELS,
    RATINGS,
    Bar,
    Row,
    Scope,
    Table,
    Value,
    area_scope,
    average,
    cell_value,
    percent,
    share,
)
from lib.suppression import TOTAL, PageSuppression


def _area_figures(row: Mapping[str, int], scope: Scope, linked: PageSuppression) -> list[Value]:
    """Responses, good or very good, average rating and a yes to each question, with the
    area's counts hidden as the page's other tables hide them."""
    k = linked.k
    responses = row["responses"]
    count = linked.count(responses, key=(scope, TOTAL))
    ratings = [row[f"overall_{r}"] for r in RATINGS]
    good = None
    if not count.suppressed and not any(
        0 < n < k or linked.is_hidden((scope, r))
        for r, n in zip(RATINGS[:2], ratings, strict=False)
    ):
        good = share(ratings[0] + ratings[1], responses, k)
    values = [cell_value(count), percent(good), average(ratings, k=k)]
    for q in QUESTIONS:
        yes = None
        if not count.suppressed and not linked.is_hidden((scope, ("q", q, "yes"))):
            yes = share(row[f"{q}_yes"], responses, k)
        values.append(percent(yes))
    return values


def comparison_table(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    linked: PageSuppression,
) -> Table:
    filters = counts.filters
    columns: list[tuple[str, Mapping[str, int], Scope]] = []
    if filters.any_area:
        if filters.team_id is not None:
            name = teams.get(filters.team_id, "")
        else:
            name = boroughs.get(filters.borough_id or 0, "")
        columns.append((name, counts.totals, area_scope(filters)))
    if counts.compare is not None and filters.compare_id is not None:
        columns.append(
            (boroughs.get(filters.compare_id, ""), counts.compare, ("borough", filters.compare_id))
        )
    london = counts.london if counts.london is not None else counts.totals
    columns.append((_("London"), london, ("london",)))
    labels = [
        _("Responses"),
        _("Good or very good"),
        _("Average rating (1 to 5)"),
        *(_("%(question)s: yes") % {"question": QUESTION_LABELS[q]} for q in QUESTIONS),
    ]
    figures = [_area_figures(row, scope, linked) for _name, row, scope in columns]
    rows = [Row(label, [f[i] for f in figures]) for i, label in enumerate(labels)]
    bars = [
        Bar(name, f[1].number if isinstance(f[1].number, float) else None, f[1].text)
        for (name, _row, _scope), f in zip(columns, figures, strict=True)
    ]
    return Table(
        slug="compare",
        title=_("Comparison between areas"),
        corner=_("Measure"),
        columns=[name for name, _row, _scope in columns],
        rows=rows,
        bars=bars,
        bar_title=_("Good or very good"),
        notes=[_("Choose a second borough under “Compare with” to add it.")],
    )
