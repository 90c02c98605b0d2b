"""A table of counts with its totals (suppress_table), one breakdown with its total
(suppress_counts), and counts of things that are not people (counts_of_things)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

from lib.suppression.cells import TOTAL, Cell, check_count, default_k
from lib.suppression.engine import Line, hidden_entries

# Tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedTable:
    """A table of counts after suppression. Positions are (row, column) with TOTAL for
    the totals. `cells` holds every position shown (totals only when with_totals)."""

    rows: tuple[Hashable, ...]
    columns: tuple[Hashable, ...]
    cells: Mapping[tuple[Hashable, Hashable], Cell]
    with_totals: bool
    k: int

    def cell(self, row: Hashable, column: Hashable) -> Cell:
        return self.cells[(row, column)]

    def row_total(self, row: Hashable) -> Cell:
        return self.cells[(row, TOTAL)]

    def column_total(self, column: Hashable) -> Cell:
        return self.cells[(TOTAL, column)]

    @property
    def grand_total(self) -> Cell:
        return self.cells[(TOTAL, TOTAL)]

    @property
    def suppressed_positions(self) -> frozenset[tuple[Hashable, Hashable]]:
        return frozenset(pos for pos, cell in self.cells.items() if cell.suppressed)

    def display_rows(self) -> list[tuple[Hashable, list[Cell]]]:
        """(row key, cells left to right with the row total last), the totals row last."""
        columns = [*self.columns, TOTAL] if self.with_totals else list(self.columns)
        rows = [*self.rows, TOTAL] if self.with_totals else list(self.rows)
        return [(r, [self.cells[(r, c)] for c in columns]) for r in rows]

    def govuk_table(self, *, caption: str, corner: str = "", total: str | None = None) -> dict:
        """Parameters for the govukTable macro: row keys as row headers, counts as numeric
        cells (suppressed ones read "fewer than 5"), totals last when shown.

            {{ govukTable(table.govuk_table(caption=_("Ratings by area"))) }}
        """
        total_label = total if total is not None else gettext("Total")

        def label(key: Hashable) -> str:
            return total_label if key is TOTAL else str(key)

        columns = [*self.columns, TOTAL] if self.with_totals else list(self.columns)
        head = [{"text": corner}] + [{"text": label(c), "format": "numeric"} for c in columns]
        rows = [
            [{"text": label(r)}] + [{"text": cell.display, "format": "numeric"} for cell in cells]
            for r, cells in self.display_rows()
        ]
        return {"caption": caption, "firstCellIsHeader": True, "head": head, "rows": rows}


def suppress_table(
    rows: Mapping[Hashable, Mapping[Hashable, int]],
    *,
    k: int | None = None,
    with_totals: bool = True,
    columns: Sequence[Hashable] | None = None,
    already_suppressed: Iterable[tuple[Hashable, Hashable]] = (),
) -> SuppressedTable:
    """Suppress a table of counts given as {row: {column: count}}.

    Missing cells count as 0. `columns` fixes the column order (default: order of first
    appearance). With `with_totals` the row, column and grand totals are part of the
    result and may themselves be hidden; without, they are not shown but are still
    treated as public. `already_suppressed` positions are hidden whatever their value
    (to keep linked tables consistent); the result is a fixed point: passing its
    `suppressed_positions` back gives the same table.
    """
    k = default_k() if k is None else k
    row_keys = tuple(rows)
    if columns is None:
        seen: dict[Hashable, None] = {}
        for row in rows.values():
            seen.update(dict.fromkeys(row))
        columns = tuple(seen)
    column_keys = tuple(columns)
    for row in rows.values():
        unknown = set(row) - set(column_keys)
        if unknown:
            raise ValueError(f"Columns not in the column list: {sorted(map(str, unknown))}")

    positions: list[tuple[Hashable, Hashable]] = []
    values: list[int] = []

    def add(position: tuple[Hashable, Hashable], value: int) -> int:
        positions.append(position)
        values.append(value)
        return len(positions) - 1

    index = {}
    for r in row_keys:
        for c in column_keys:
            index[(r, c)] = add((r, c), check_count(rows[r].get(c, 0)))
    for r in row_keys:
        index[(r, TOTAL)] = add((r, TOTAL), sum(values[index[(r, c)]] for c in column_keys))
    for c in column_keys:
        index[(TOTAL, c)] = add((TOTAL, c), sum(values[index[(r, c)]] for r in row_keys))
    index[(TOTAL, TOTAL)] = add((TOTAL, TOTAL), sum(values[index[(r, TOTAL)]] for r in row_keys))

    lines = [Line(tuple(index[(r, c)] for c in column_keys), index[(r, TOTAL)]) for r in row_keys]
    lines += [Line(tuple(index[(r, c)] for r in row_keys), index[(TOTAL, c)]) for c in column_keys]
    lines.append(Line(tuple(index[(TOTAL, c)] for c in column_keys), index[(TOTAL, TOTAL)]))
    lines.append(Line(tuple(index[(r, TOTAL)] for r in row_keys), index[(TOTAL, TOTAL)]))

    total_entries = frozenset(i for pos, i in index.items() if TOTAL in pos)
    known = frozenset() if with_totals else total_entries
    already = []
    for position in already_suppressed:
        if position not in index:
            raise ValueError(f"No such position in the table: {position!r}")
        already.append(index[position])
    hidden = hidden_entries(values, lines, k=k, known=known, already=already)

    cells = {
        pos: Cell(value=None if i in hidden else values[i], suppressed=i in hidden, k=k)
        for pos, i in index.items()
        if with_totals or i not in total_entries
    }
    return SuppressedTable(
        rows=row_keys, columns=column_keys, cells=cells, with_totals=with_totals, k=k
    )


# One dimension ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SuppressedCounts:
    """Counts of one breakdown after suppression, in the order given; `total` is None
    when it is not shown."""

    cells: Mapping[Hashable, Cell]
    total: Cell | None
    k: int

    def items(self) -> list[tuple[Hashable, Cell]]:
        return list(self.cells.items())

    def __getitem__(self, key: Hashable) -> Cell:
        return self.cells[key]

    @property
    def suppressed_keys(self) -> frozenset[Hashable]:
        keys = {key for key, cell in self.cells.items() if cell.suppressed}
        if self.total is not None and self.total.suppressed:
            keys.add(TOTAL)
        return frozenset(keys)


def counts_of_things(mapping: Mapping[Hashable, int], *, total: bool = True) -> SuppressedCounts:
    """Counts of things, not people (recommendations, meetings, reports), in the shape of
    suppress_counts but never hidden: a recommendation is not a person, and "fewer than 5"
    beside a list of two recommendations tells a reader nothing but that we hid it."""
    values = {key: check_count(value) for key, value in mapping.items()}

    def make(value: int) -> Cell:
        return Cell(value=value, suppressed=False, k=1)

    return SuppressedCounts(
        cells={key: make(value) for key, value in values.items()},
        total=make(sum(values.values())) if total else None,
        k=1,
    )


def suppress_counts(
    mapping: Mapping[Hashable, int],
    *,
    total: bool = True,
    k: int | None = None,
    already_suppressed: Iterable[Hashable] = (),
) -> SuppressedCounts:
    """Suppress one breakdown ({label: count}) and, with `total`, its total (key TOTAL in
    `already_suppressed` and `suppressed_keys`). Without `total` the total is not shown
    but is still treated as public."""
    k = default_k() if k is None else k
    keys = list(mapping)
    values = [check_count(mapping[key]) for key in keys]
    values.append(sum(values))
    total_index = len(keys)
    position = {key: i for i, key in enumerate(keys)} | {TOTAL: total_index}
    already = []
    for key in already_suppressed:
        if key not in position:
            raise ValueError(f"No such key in the counts: {key!r}")
        already.append(position[key])
    known = frozenset() if total else frozenset({total_index})
    hidden = hidden_entries(
        values, [Line(tuple(range(len(keys))), total_index)], k=k, known=known, already=already
    )

    def make(i: int) -> Cell:
        return Cell(value=None if i in hidden else values[i], suppressed=i in hidden, k=k)

    return SuppressedCounts(
        cells={key: make(i) for i, key in enumerate(keys)},
        total=make(total_index) if total else None,
        k=k,
    )
