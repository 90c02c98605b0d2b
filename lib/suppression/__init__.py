"""Small-number suppression: the one helper every count shown outside the oversight body
goes through. See docs/suppression.md for the rule and why.

- Primary suppression: a count from 1 to k-1 (k = settings.SUPPRESSION_K, default 5) is
  shown as "fewer than 5". Zero is shown.
- Secondary suppression: in a table with totals, or a list with a total, the total minus
  the visible cells would give a suppressed cell away. So every row and column (each with
  its total) that hides anything hides at least two of its entries, and when its total is
  shown, what it hides adds up to at least k. Further cells are hidden, smallest first,
  until that holds everywhere and no hidden entry can be worked out exactly from the
  totals by any combination of rows and columns (checked with exact linear algebra).

    table = suppress_table({"Good": {"North": 12, "South": 3}, "Poor": {"North": 7, "South": 9}})
    table.cell("Good", "South").display   # "fewer than 5"
    table.row_total("Good").display        # "15" (North is hidden too: 15 - 12 would give 3)

    counts = suppress_counts({"Phone": 40, "Email": 2, "Letter": 11})

Totals are protected as if they were published (with_totals=False or total=False only
stops them being shown), because the number of responses is usually printed elsewhere.

One module per part: `cells` (the k rule for one count), `engine` (secondary
suppression), `tables` (a table or a breakdown with its totals) and `page` (one pass for
a whole page). Callers import from `lib.suppression`.
"""

from lib.suppression.cells import TOTAL, Cell, count_display, default_k, suppress_count
from lib.suppression.page import PageSuppression, suppress_page
from lib.suppression.tables import (
    SuppressedCounts,
    SuppressedTable,
    counts_of_things,
    suppress_counts,
    suppress_table,
)

__all__ = [
    "TOTAL",
    "Cell",
    "SuppressedCounts",
    "SuppressedTable",
    "PageSuppression",
    "count_display",
    "counts_of_things",
    "default_k",
    "suppress_count",
    "suppress_counts",
    "suppress_page",
    "suppress_table",
]
