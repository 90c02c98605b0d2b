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
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, TypeVar

from django.conf import settings
from django.utils.translation import gettext

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

Keys = Callable[[Any], Hashable | None]
T = TypeVar("T")


class _Total:
    """The key of a total in positions: (row, TOTAL), (TOTAL, column), (TOTAL, TOTAL)."""

    _instance: _Total | None = None

    def __new__(cls) -> _Total:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "TOTAL"

    def __reduce__(self) -> str:
        return "TOTAL"


TOTAL: Any = _Total()


def default_k() -> int:
    k = int(getattr(settings, "SUPPRESSION_K", 5))
    if k < 1:
        raise ValueError("SUPPRESSION_K must be 1 or more.")
    return k


@dataclass(frozen=True)
class Cell:
    """One count as shown: `value` is None when suppressed, so a page cannot show it."""

    value: int | None
    suppressed: bool
    k: int

    @property
    def display(self) -> str:
        if self.suppressed:
            return _fewer_than(self.k)
        return f"{self.value:,}"

    def __str__(self) -> str:
        return self.display


def _fewer_than(k: int) -> str:
    return gettext("fewer than %(k)s") % {"k": k}


def _check_count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Counts must be whole numbers of 0 or more, not {value!r}.")
    return value


def suppress_count(value: int, *, k: int | None = None) -> Cell:
    """One count on its own, with no total or breakdown shown anywhere: primary suppression."""
    k = default_k() if k is None else k
    value = _check_count(value)
    hidden = 0 < value < k
    return Cell(value=None if hidden else value, suppressed=hidden, k=k)


def count_display(value: Cell | int, k: int | None = None) -> str:
    """The Jinja filter `suppressed`: a Cell's display text, or a lone count suppressed."""
    if isinstance(value, Cell):
        return value.display
    return suppress_count(value, k=k).display


# The engine ------------------------------------------------------------------------------
#
# Entries are numbered 0..n-1. A line is (member entries, total entry): sum(members) = total.


@dataclass(frozen=True)
class _Line:
    members: tuple[int, ...]
    total: int


def _suppress(
    values: Sequence[int],
    lines: Sequence[_Line],
    *,
    k: int,
    known: frozenset[int],
    already: Iterable[int],
) -> set[int]:
    """The set of entries to hide. `known` entries (totals not shown but assumed public)
    are never hidden; `already` are hidden whatever their value."""
    hidden = {i for i, v in enumerate(values) if 0 < v < k and i not in known}
    hidden |= set(already) - known
    totals = {line.total for line in lines}
    while True:
        if _apply_line_rule(values, lines, hidden, k=k, known=known, totals=totals):
            continue
        if not _break_exact_derivations(values, lines, hidden, known=known, totals=totals):
            return hidden


def _candidate(
    entries: Iterable[int],
    values: Sequence[int],
    hidden: set[int],
    known: frozenset[int],
    totals: set[int],
) -> int | None:
    """The next entry to hide among `entries`: the smallest non-zero visible cell, cells
    before totals, zeros last; ties by position."""
    choices = [i for i in entries if i not in hidden and i not in known]
    if not choices:
        return None
    return min(choices, key=lambda i: (values[i] == 0, i in totals, values[i], i))


def _apply_line_rule(
    values: Sequence[int],
    lines: Sequence[_Line],
    hidden: set[int],
    *,
    k: int,
    known: frozenset[int],
    totals: set[int],
) -> bool:
    """Hide one more entry in the first line that needs it; True if one was hidden."""
    for line in lines:
        entries = (*line.members, line.total)
        count = sum(1 for i in entries if i in hidden)
        if count == 0:
            continue
        needs_more = count == 1
        if line.total not in hidden:
            # What a reader can work out: the total minus the visible members.
            hidden_sum = sum(values[i] for i in line.members if i in hidden)
            needs_more = needs_more or hidden_sum < k
        if not needs_more:
            continue
        choice = _candidate(entries, values, hidden, known, totals)
        if choice is not None:
            hidden.add(choice)
            return True
    return False


def _determined_entries(hidden: Iterable[int], lines: Sequence[_Line]) -> list[int]:
    """Hidden entries whose value follows exactly from the visible ones through the lines'
    equations: e_i lies in the row space of the equations restricted to hidden entries."""
    order = sorted(hidden)
    column = {entry: c for c, entry in enumerate(order)}
    matrix: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(order)
        touched = False
        for i in line.members:
            if i in column:
                row[column[i]] += 1
                touched = True
        if line.total in column:
            row[column[line.total]] -= 1
            touched = True
        if touched:
            matrix.append(row)
    reduced = _rref(matrix, len(order))
    found = []
    for row in reduced:
        nonzero = [c for c, x in enumerate(row) if x != 0]
        if len(nonzero) == 1:
            found.append(order[nonzero[0]])
    return sorted(found)


def _rref(matrix: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    rows = [list(r) for r in matrix]
    pivot_row = 0
    for col in range(width):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][col]
        rows[pivot_row] = [x / lead for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
        if pivot_row == len(rows):
            break
    return rows[:pivot_row]


def _break_exact_derivations(
    values: Sequence[int],
    lines: Sequence[_Line],
    hidden: set[int],
    *,
    known: frozenset[int],
    totals: set[int],
) -> bool:
    """Hide one more entry next to a hidden entry that can be worked out exactly."""
    for entry in _determined_entries(hidden, lines):
        around = [
            i
            for line in lines
            if entry in (*line.members, line.total)
            for i in (*line.members, line.total)
        ]
        choice = _candidate(around, values, hidden, known, totals)
        if choice is not None:
            hidden.add(choice)
            return True
    return False


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
            index[(r, c)] = add((r, c), _check_count(rows[r].get(c, 0)))
    for r in row_keys:
        index[(r, TOTAL)] = add((r, TOTAL), sum(values[index[(r, c)]] for c in column_keys))
    for c in column_keys:
        index[(TOTAL, c)] = add((TOTAL, c), sum(values[index[(r, c)]] for r in row_keys))
    index[(TOTAL, TOTAL)] = add((TOTAL, TOTAL), sum(values[index[(r, TOTAL)]] for r in row_keys))

    lines = [_Line(tuple(index[(r, c)] for c in column_keys), index[(r, TOTAL)]) for r in row_keys]
    lines += [_Line(tuple(index[(r, c)] for r in row_keys), index[(TOTAL, c)]) for c in column_keys]
    lines.append(_Line(tuple(index[(TOTAL, c)] for c in column_keys), index[(TOTAL, TOTAL)]))
    lines.append(_Line(tuple(index[(r, TOTAL)] for r in row_keys), index[(TOTAL, TOTAL)]))

    total_entries = frozenset(i for pos, i in index.items() if TOTAL in pos)
    known = frozenset() if with_totals else total_entries
    already = []
    for position in already_suppressed:
        if position not in index:
            raise ValueError(f"No such position in the table: {position!r}")
        already.append(index[position])
    hidden = _suppress(values, lines, k=k, known=known, already=already)

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
    values = {key: _check_count(value) for key, value in mapping.items()}

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
    values = [_check_count(mapping[key]) for key in keys]
    values.append(sum(values))
    total_index = len(keys)
    position = {key: i for i, key in enumerate(keys)} | {TOTAL: total_index}
    already = []
    for key in already_suppressed:
        if key not in position:
            raise ValueError(f"No such key in the counts: {key!r}")
        already.append(position[key])
    known = frozenset() if total else frozenset({total_index})
    hidden = _suppress(
        values, [_Line(tuple(range(len(keys))), total_index)], k=k, known=known, already=already
    )

    def make(i: int) -> Cell:
        return Cell(value=None if i in hidden else values[i], suppressed=i in hidden, k=k)

    return SuppressedCounts(
        cells={key: make(i) for i, key in enumerate(keys)},
        total=make(total_index) if total else None,
        k=k,
    )


# One pass for a page ---------------------------------------------------------------------


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
