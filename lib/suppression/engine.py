"""Secondary suppression: which entries of a set of lines (members adding up to a total)
to hide, so that no hidden entry can be worked out from what is shown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

# Entries are numbered 0..n-1. A line is (member entries, total entry): sum(members) = total.


@dataclass(frozen=True)
class Line:
    members: tuple[int, ...]
    total: int


def hidden_entries(
    values: Sequence[int],
    lines: Sequence[Line],
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
    lines: Sequence[Line],
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


def _determined_entries(hidden: Iterable[int], lines: Sequence[Line]) -> list[int]:
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
    lines: Sequence[Line],
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
