"""The officer's own view: their aggregated ratings and released comments, shown only once
at least k responses exist (docs/feedback-dashboards.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from dashboards.selectors import OfficerFeedback
from dashboards.tables.base import (
    RATING_LABELS,
    RATINGS,
    Table,
    Value,
    cell_value,
    distribution_table,
    month_label,
    rating_table,
)
from dashboards.tables.questions import questions_table
from lib.suppression import TOTAL, PageSuppression, default_k, suppress_count, suppress_page

OFFICER = ("officer",)  # what the officer's counts are about (tables.base.Scope)


@dataclass
class OfficerView:
    k: int
    enough: bool
    total: Value
    tables: list[Table]
    comments: list[str]


def build_officer_view(feedback: OfficerFeedback) -> OfficerView:
    """The officer's tables, suppressed in one pass: "Your ratings" is the same counts as
    the totals row of "Your ratings by month", and each question's total is the same
    responses, so each is hidden in all of them or in none."""
    k = default_k()
    responses = feedback.totals["responses"]
    total = cell_value(suppress_count(responses, k=k))
    if responses < k:
        return OfficerView(k=k, enough=False, total=total, tables=[], comments=[])
    return suppress_page(lambda linked: _officer_view(feedback, linked), k=k)


def _officer_view(feedback: OfficerFeedback, linked: PageSuppression) -> OfficerView:
    k = linked.k
    ratings, _c = distribution_table(
        "ratings",
        _("Your ratings"),
        _("Rating"),
        [(str(RATING_LABELS[r]), feedback.totals[f"overall_{r}"]) for r in RATINGS],
        k=k,
        linked=linked,
        scopes=[(OFFICER, r) for r in RATINGS],
        total_scope=(OFFICER, TOTAL),
    )
    by_month = rating_table(
        "by-month",
        _("Your ratings by month"),
        _("Month"),
        [(month_label(m), c) for m, c in sorted(feedback.by_month.items())],
        k=k,
        linked=linked,
        total_scope=OFFICER,
    )
    questions = questions_table(feedback.totals, k=k, linked=linked, scope=OFFICER)
    return OfficerView(
        k=k,
        enough=True,
        total=cell_value(linked.count(feedback.totals["responses"], key=(OFFICER, TOTAL))),
        tables=[ratings, by_month, questions],
        comments=feedback.comments,
    )
