"""Small-number suppression (lib/suppression/): examples, then properties over random
tables checked with hypothesis."""

import re
from fractions import Fraction
from typing import Any

import pytest
from django.test import override_settings
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.suppression import (
    TOTAL,
    Cell,
    count_display,
    suppress_count,
    suppress_counts,
    suppress_table,
)

K = 5


def shown(table: Any) -> dict[Any, int | None]:
    return {pos: cell.value for pos, cell in table.cells.items()}


# Examples


def test_a_count_below_k_reads_fewer_than_five():
    cell = suppress_count(3, k=K)
    assert cell.suppressed
    assert cell.value is None
    assert cell.display == "fewer than 5"


def test_zero_and_counts_of_k_or_more_are_shown():
    assert suppress_count(0, k=K).display == "0"
    assert suppress_count(5, k=K).display == "5"
    assert suppress_count(12345, k=K).display == "12,345"


@override_settings(SUPPRESSION_K=10)
def test_k_comes_from_the_setting():
    assert suppress_count(9).display == "fewer than 10"
    assert suppress_count(10).display == "10"


def test_the_words_are_translated():
    with translation.override("cy"):
        text = suppress_count(2, k=K).display
    assert "5" in text


def test_the_template_filter_shows_cells_and_suppresses_lone_counts():
    assert count_display(Cell(value=None, suppressed=True, k=K)) == "fewer than 5"
    assert count_display(2, K) == "fewer than 5"
    assert count_display(7, K) == "7"


def test_the_template_filter_is_installed_in_jinja():
    from django.template import engines

    template = engines["jinja2"].from_string("{{ 3 | suppressed }} and {{ 30 | suppressed }}")
    assert template.render({}) == f"fewer than {K} and 30"


def test_negative_or_fractional_counts_are_refused():
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_count(-1, k=K)
    with pytest.raises(ValueError, match="whole numbers"):
        suppress_counts({"a": 2.5}, k=K)  # type: ignore[dict-item]


def test_a_list_with_one_small_count_hides_the_next_smallest_too():
    counts = suppress_counts({"Phone": 40, "Email": 2, "Letter": 11}, k=K)
    assert counts["Email"].display == "fewer than 5"
    # Otherwise 53 - 40 - 11 = 2 would give Email away.
    assert counts["Letter"].suppressed
    assert counts["Phone"].display == "40"
    assert counts.total is not None and counts.total.display == "53"


def test_a_list_with_two_small_counts_adding_up_to_less_than_k_hides_a_third():
    counts = suppress_counts({"a": 1, "b": 2, "c": 9, "d": 30}, k=K)
    # 42 - 30 - 9 = 3: "a" and "b" together would be shown to be fewer than 5.
    assert {key for key, cell in counts.items() if cell.suppressed} == {"a", "b", "c"}


def test_a_small_total_is_hidden_with_its_cells():
    counts = suppress_counts({"a": 3, "b": 0}, k=K)
    assert counts["a"].suppressed
    assert counts.total is not None and counts.total.suppressed
    assert counts["b"].display == "0"


def test_without_a_total_shown_it_is_still_treated_as_known():
    counts = suppress_counts({"Phone": 40, "Email": 2, "Letter": 11}, total=False, k=K)
    assert counts.total is None
    assert counts["Email"].suppressed and counts["Letter"].suppressed
    assert not counts["Phone"].suppressed


def test_a_table_hides_a_second_cell_in_the_row_and_column_of_a_small_one():
    table = suppress_table(
        {"Good": {"North": 12, "South": 3}, "Poor": {"North": 7, "South": 9}}, k=K
    )
    assert table.cell("Good", "South").display == "fewer than 5"
    assert table.cell("Good", "North").suppressed  # else 15 - 12 gives South
    assert table.cell("Poor", "South").suppressed  # else 12 - 9 gives South
    assert table.cell("Poor", "North").suppressed  # else 19 - 7 gives Good North
    assert table.row_total("Good").display == "15"
    assert table.column_total("South").display == "12"
    assert table.grand_total.display == "31"


def test_a_table_keeps_the_order_of_rows_and_columns_for_display():
    table = suppress_table({"b": {"y": 10, "x": 20}, "a": {"x": 30}}, k=K, columns=["x", "y"])
    assert [row for row, _cells in table.display_rows()] == ["b", "a", TOTAL]
    assert [c.display for c in table.display_rows()[0][1]] == ["20", "10", "30"]
    assert table.cell("a", "y").display == "0"


def test_a_table_renders_with_the_govuk_table_macro():
    from django.template import engines

    table = suppress_table(
        {"Good": {"North": 12, "South": 3}, "Poor": {"North": 7, "South": 9}}, k=K
    )
    template = engines["jinja2"].from_string(
        '{% from "govuk_frontend_jinja/components/table/macro.html" import govukTable %}'
        "{{ govukTable(params) }}"
    )
    html = template.render(
        {"params": table.govuk_table(caption="Ratings by area", corner="Rating")}
    )
    cells = [c.strip() for c in re.findall(r"<t[dh](?=[\s>])[^>]*>(.*?)</t[dh]>", html, flags=re.S)]
    assert cells == [
        "Rating", "North", "South", "Total",
        "Good", "fewer than 5", "fewer than 5", "15",
        "Poor", "fewer than 5", "fewer than 5", "16",
        "Total", "19", "12", "31",
    ]  # fmt: skip


def test_an_unknown_column_is_refused():
    with pytest.raises(ValueError, match="Columns not in the column list"):
        suppress_table({"a": {"x": 1}}, columns=["y"], k=K)


def test_two_separate_blocks_joined_by_one_cell_are_not_left_derivable():
    # Rows 0-1 x columns 0-1 and rows 2-3 x columns 2-3 are small; cell (1, 2) joins them.
    # Every row and column then hides two or more cells, yet (1, 2) would follow exactly
    # from the totals (rows 0 and 1 minus columns 0 and 1). The exact check hides more.
    small = [(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)]
    rows = {r: {c: 50 for c in range(5)} for r in range(5)}
    for r, c in small:
        rows[r][c] = 4
    table = suppress_table(rows, k=K)
    assert table.suppressed_positions > set(small)
    assert_nothing_derivable(table)


def test_already_suppressed_cells_stay_hidden():
    table = suppress_table({"a": {"x": 50, "y": 60}, "b": {"x": 70, "y": 80}}, k=K)
    assert not table.suppressed_positions
    linked = suppress_table(
        {"a": {"x": 50, "y": 60}, "b": {"x": 70, "y": 80}},
        k=K,
        already_suppressed=[("a", "x")],
    )
    assert {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")} <= linked.suppressed_positions


# Properties


def rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    count = 0
    width = len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(count, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[count], rows[pivot] = rows[pivot], rows[count]
        for i in range(len(rows)):
            if i != count and rows[i][col]:
                f = rows[i][col] / rows[count][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[count], strict=True)]
        count += 1
    return count


def lines_of(table: Any) -> list[list[tuple[Any, Any]]]:
    """Every row and column with its total, as positions; the total last."""
    rows, columns = [*table.rows, TOTAL], [*table.columns, TOTAL]
    return [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]


def assert_nothing_derivable(table: Any) -> None:
    """No hidden position follows exactly from the shown ones: for each hidden x, the unit
    vector for x is not a combination of the line equations (rank does not change)."""
    hidden = sorted(table.suppressed_positions, key=repr)
    if not hidden:
        return
    where = {pos: i for i, pos in enumerate(hidden)}
    equations = []
    for line in lines_of(table):
        row = [Fraction(0)] * len(hidden)
        for pos in line[:-1]:
            if pos in where:
                row[where[pos]] += 1
        if line[-1] in where:
            row[where[line[-1]]] -= 1
        equations.append(row)
    base = rank(equations)
    for pos, i in where.items():
        unit = [Fraction(0)] * len(hidden)
        unit[i] = Fraction(1)
        assert rank([*equations, unit]) > base, f"{pos} can be worked out from the totals"


counts = st.one_of(st.integers(0, 12), st.integers(0, 200))
tables = st.integers(1, 5).flatmap(
    lambda n_rows: st.integers(1, 5).flatmap(
        lambda n_cols: st.lists(
            st.lists(counts, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows
        )
    )
)
ks = st.integers(2, 10)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_mapping(grid: list[list[int]]) -> dict[str, dict[str, int]]:
    return {f"r{r}": {f"c{c}": v for c, v in enumerate(row)} for r, row in enumerate(grid)}


def true_values(grid: list[list[int]]) -> dict[Any, int]:
    values: dict[Any, int] = {}
    for r, row in enumerate(grid):
        for c, v in enumerate(row):
            values[(f"r{r}", f"c{c}")] = v
        values[(f"r{r}", TOTAL)] = sum(row)
    for c in range(len(grid[0])):
        values[(TOTAL, f"c{c}")] = sum(row[c] for row in grid)
    values[(TOTAL, TOTAL)] = sum(map(sum, grid))
    return values


@SETTINGS
@given(tables, ks)
def test_no_visible_count_is_between_one_and_k_minus_one(grid, k):
    table = suppress_table(as_mapping(grid), k=k)
    for cell in table.cells.values():
        assert cell.suppressed or not (0 < cell.value < k)


@SETTINGS
@given(tables, ks)
def test_every_line_hiding_something_hides_at_least_two_entries(grid, k):
    table = suppress_table(as_mapping(grid), k=k)
    hidden = table.suppressed_positions
    for line in lines_of(table):
        assert sum(pos in hidden for pos in line) in (0, 2, 3, 4, 5, 6), line


@SETTINGS
@given(tables, ks)
def test_what_a_shown_total_hides_adds_up_to_k_or_more(grid, k):
    table = suppress_table(as_mapping(grid), k=k)
    values = true_values(grid)
    hidden = table.suppressed_positions
    for line in lines_of(table):
        *members, total = line
        if total in hidden or not any(pos in hidden for pos in members):
            continue
        worked_out = table.cells[total].value - sum(
            table.cells[pos].value for pos in members if pos not in hidden
        )
        assert worked_out == sum(values[pos] for pos in members if pos in hidden)
        assert worked_out >= k


@SETTINGS
@given(tables, ks)
def test_no_hidden_count_can_be_worked_out_exactly_from_the_totals(grid, k):
    assert_nothing_derivable(suppress_table(as_mapping(grid), k=k))


@SETTINGS
@given(tables, ks)
def test_visible_counts_are_the_true_counts(grid, k):
    table = suppress_table(as_mapping(grid), k=k)
    values = true_values(grid)
    for pos, cell in table.cells.items():
        if not cell.suppressed:
            assert cell.value == values[pos]
            assert cell.display == f"{values[pos]:,}"
        else:
            assert cell.value is None
            assert cell.display == f"fewer than {k}"


@SETTINGS
@given(tables, ks)
def test_suppressing_again_changes_nothing(grid, k):
    once = suppress_table(as_mapping(grid), k=k)
    again = suppress_table(as_mapping(grid), k=k, already_suppressed=once.suppressed_positions)
    assert shown(again) == shown(once)
    assert suppress_table(as_mapping(grid), k=k) == once  # and it is deterministic


@SETTINGS
@given(tables, ks)
def test_without_totals_shown_the_cells_are_protected_against_the_known_totals(grid, k):
    table = suppress_table(as_mapping(grid), k=k, with_totals=False)
    assert all(TOTAL not in pos for pos in table.cells)
    hidden = table.suppressed_positions
    values = true_values(grid)
    for cell in table.cells.values():
        assert cell.suppressed or not (0 < cell.value < k)
    for line in lines_of(suppress_table(as_mapping(grid), k=k)):
        members = line[:-1]
        if len(members) < 2:
            continue  # a single cell equals its known total: nothing can protect it
        n_hidden = sum(pos in hidden for pos in members)
        assert n_hidden != 1, line
        if n_hidden and values[line[-1]] >= k:
            assert sum(values[pos] for pos in members if pos in hidden) >= k


@SETTINGS
@given(st.lists(counts, min_size=1, max_size=8), ks)
def test_a_list_with_a_total_follows_the_same_rules(values, k):
    result = suppress_counts({f"k{i}": v for i, v in enumerate(values)}, k=k)
    assert result.total is not None
    entries = [*result.cells.values(), result.total]
    assert all(c.suppressed or not (0 < c.value < k) for c in entries)
    n_hidden = sum(c.suppressed for c in entries)
    assert n_hidden != 1
    if not result.total.suppressed and n_hidden:
        assert (
            sum(v for v, c in zip(values, result.cells.values(), strict=True) if c.suppressed) >= k
        )
    for v, c in zip(values, result.cells.values(), strict=True):
        assert c.suppressed or c.value == v
    again = suppress_counts(
        {f"k{i}": v for i, v in enumerate(values)}, k=k, already_suppressed=result.suppressed_keys
    )
    assert again == result
