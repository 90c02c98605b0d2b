"""One suppression pass for a page and its exports (PageSuppression, suppress_page)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from lib.suppression.cells import TOTAL, Cell, default_k, suppress_count
from lib.suppression.tables import (
    SuppressedCounts,
    SuppressedTable,
    suppress_counts,
    suppress_table,
)

Keys = Callable[[Any], Hashable | None]
T = TypeVar("T")


class PageSuppression:
    """One suppression pass for a page and its exports. A page often shows the same count
    in several tables (the responses of the month chosen are the total of the table by
    month, of the table by channel, of each question's answers...). Suppressed table by
    table, one table could hide what the next one shows. Here each position may name the
    quantity it counts (`keys`: position -> a hashable key, or None for a count shown
    once); a quantity hidden in one table is hidden in every table, and the page is built
    again until nothing new is hidden (suppress_page).

    Only counts of people go through it: averages of k or more responses, and counts of
    recommendations or meetings (counts_of_things), are not suppressed."""

    def __init__(self, k: int | None = None) -> None:
        self.k = default_k() if k is None else k
        self.hidden: set[Hashable] = set()
        self._grew = False

    def is_hidden(self, key: Hashable) -> bool:
        return key in self.hidden

    def _learn(self, keys: Iterable[Hashable | None]) -> None:
        for key in keys:
            if key is not None and key not in self.hidden:
                self.hidden.add(key)
                self._grew = True

    def table(
        self,
        rows: Mapping[Hashable, Mapping[Hashable, int]],
        *,
        keys: Keys,
        columns: Sequence[Hashable] | None = None,
        with_totals: bool = True,
    ) -> SuppressedTable:
        """suppress_table, with `keys(position)` naming the quantity at each position."""
        row_keys = list(rows)
        column_keys = list(columns) if columns is not None else None
        table = suppress_table(rows, k=self.k, with_totals=with_totals, columns=column_keys)
        positions = [(r, c) for r in [*row_keys, TOTAL] for c in [*table.columns, TOTAL]]
        already = [p for p in positions if keys(p) is not None and keys(p) in self.hidden]
        if already:
            table = suppress_table(
                rows,
                k=self.k,
                with_totals=with_totals,
                columns=column_keys,
                already_suppressed=already,
            )
        self._learn(keys(p) for p in table.suppressed_positions)
        return table

    def counts(
        self, mapping: Mapping[Hashable, int], *, keys: Keys, total: bool = True
    ) -> SuppressedCounts:
        """suppress_counts, with `keys(key)` naming the quantity of each entry (TOTAL for
        the total)."""
        already = [
            key
            for key in [*mapping, TOTAL]
            if keys(key) is not None and keys(key) in self.hidden and (total or key is not TOTAL)
        ]
        counts = suppress_counts(mapping, total=total, k=self.k, already_suppressed=already)
        self._learn(keys(key) for key in counts.suppressed_keys)
        return counts

    def count(self, value: int, *, key: Hashable | None) -> Cell:
        """A count shown on its own: hidden if it is small or hidden elsewhere on the page."""
        cell = suppress_count(value, k=self.k)
        if key is not None and key in self.hidden and not cell.suppressed:
            return Cell(value=None, suppressed=True, k=self.k)
        if cell.suppressed:
            self._learn([key])
        return cell


def suppress_page(build: Callable[[PageSuppression], T], *, k: int | None = None) -> T:
    """Build a page with one PageSuppression, again until no table hides anything new:
    then every quantity is hidden in all of the page's tables or in none.

        page = suppress_page(lambda linked: build_tables(counts, linked))
    """
    linked = PageSuppression(k)
    while True:
        linked._grew = False
        result = build(linked)
        if not linked._grew:
            return result
