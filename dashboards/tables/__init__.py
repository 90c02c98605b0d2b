"""What the dashboard and its exports show: the counts of dashboards/selectors.py turned
into tables, every count through lib.suppression.

Rules (docs/feedback-dashboards.md, "Suppression"):
- every count table is suppressed with its totals (suppress_table / suppress_counts), so no
  total minus the visible cells gives a hidden cell away;
- one suppression pass for the whole page (lib.suppression.suppress_page): a count that
  appears in several tables (the responses of the area chosen, its ratings, a borough's
  responses) is hidden in all of them or in none;
- an average rating is not a count of people: it is shown whenever it is worked out from
  k or more responses, whatever else is hidden;
- a percentage is shown only when the counts it is worked out from are shown, and the
  counts on either side of it are 0 or at least k; otherwise it reads "not shown";
- when fewer than k responses match the filters, nothing is shown at all.
The page, the CSV and the Excel file all render these same tables.

One module per feature: `base` (figures, tables and the generic rating and breakdown
tables), `dashboard` (the analysts' page), `comparison` (between areas), `questions`,
`invitations` (response rates), `representation` (against the Census) and
`comment_themes`; `officer` is the officer's own page. What callers need is re-exported
here.
"""

from dashboards.tables.base import (
    ANSWER_LABELS,
    CHANNEL_LABELS,
    QUESTION_LABELS,
    RATING_LABELS,
    RATINGS,
    Bar,
    Row,
    Scope,
    Table,
    Value,
    area_scope,
    average,
    cell_value,
    distribution_table,
    month_label,
    not_shown,
    percent,
    rating_table,
    share,
)
from dashboards.tables.comparison import comparison_table
from dashboards.tables.dashboard import Dashboard, build_dashboard, not_enough_text
from dashboards.tables.officer import OfficerView, build_officer_view
from dashboards.tables.questions import questions_table

__all__ = [
    "ANSWER_LABELS",
    "CHANNEL_LABELS",
    "QUESTION_LABELS",
    "RATINGS",
    "RATING_LABELS",
    "Bar",
    "Dashboard",
    "OfficerView",
    "Row",
    "Scope",
    "Table",
    "Value",
    "area_scope",
    "average",
    "build_dashboard",
    "build_officer_view",
    "cell_value",
    "comparison_table",
    "distribution_table",
    "month_label",
    "not_enough_text",
    "not_shown",
    "percent",
    "questions_table",
    "rating_table",
    "share",
]
