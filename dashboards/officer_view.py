"""The officer's own view: their aggregated ratings and released comments, shown only once
at least k responses exist (docs/feedback-dashboards.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from dashboards.selectors import OfficerFeedback
from dashboards.tables import (
    RATING_LABELS,
    RATINGS,
    Table,
    Value,
    _cell,
    _month_label,
    _questions,
    distribution_table,
    rating_table,
)
from lib.suppression import default_k, suppress_count


@dataclass
class OfficerView:
    k: int
    enough: bool
    total: Value
    tables: list[Table]
    comments: list[str]


def build_officer_view(feedback: OfficerFeedback) -> OfficerView:
    k = default_k()
    responses = feedback.totals["responses"]
    total = _cell(suppress_count(responses, k=k))
    if responses < k:
        return OfficerView(k=k, enough=False, total=total, tables=[], comments=[])
    ratings, _c = distribution_table(
        "ratings",
        _("Your ratings"),
        _("Rating"),
        [(str(RATING_LABELS[r]), feedback.totals[f"overall_{r}"]) for r in RATINGS],
        k=k,
    )
    return OfficerView(
        k=k,
        enough=True,
        total=total,
        tables=[
            ratings,
            rating_table(
                "by-month",
                _("Your ratings by month"),
                _("Month"),
                [(_month_label(m), c) for m, c in sorted(feedback.by_month.items())],
                k=k,
            ),
            _questions(feedback.totals, k=k),
        ],
        comments=feedback.comments,
    )
