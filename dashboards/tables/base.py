"""The pieces every dashboard table is made of: the labels, a figure as shown (Value),
a table (Table, Row, Bar), shares and averages, and the two generic tables (ratings, and
one breakdown with its total), each suppressed through a page's PageSuppression."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lib.suppression import TOTAL, Cell, PageSuppression, SuppressedCounts

RATINGS = ("5", "4", "3", "2", "1")
RATING_LABELS = {
    "5": gettext_lazy("Very good"),
    "4": gettext_lazy("Good"),
    "3": gettext_lazy("Neither good nor poor"),
    "2": gettext_lazy("Poor"),
    "1": gettext_lazy("Very poor"),
}
QUESTION_LABELS = {
    "respect": gettext_lazy("Treated with respect"),
    "listened": gettext_lazy("Listened to"),
    "kept_informed": gettext_lazy("Kept informed"),
    "told_support": gettext_lazy("Told about support and their rights"),
}
ANSWER_LABELS = {
    "yes": gettext_lazy("Yes"),
    "partly": gettext_lazy("Partly"),
    "no": gettext_lazy("No"),
    "not_sure": gettext_lazy("Not sure"),
    "": gettext_lazy("Not answered"),
}
CHANNEL_LABELS = {
    "qr": gettext_lazy("QR code"),
    "sms": gettext_lazy("Text message"),
    "email": gettext_lazy("Email"),
    "web": gettext_lazy("Website"),
}


@dataclass(frozen=True)
class Value:
    """One figure as shown: `number` is None when it is suppressed or not shown."""

    text: str
    number: int | float | None = None
    suppressed: bool = False


@dataclass
class Row:
    label: str
    values: list[Value]
    is_total: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    width: float | None  # percent of the longest bar; None when the count is not shown
    text: str


@dataclass
class Table:
    slug: str
    title: str
    corner: str
    columns: list[str]
    rows: list[Row]
    bars: list[Bar] = field(default_factory=list)
    bar_title: str = ""
    notes: list[str] = field(default_factory=list)


# What a count is about, so that the same count is hidden alike in every table of a page:
# ("london",), ("borough", id), ("team", id) or ("officer",), with a rating ("5".."1"),
# TOTAL (its responses) or ("q", question, answer).
Scope = Hashable


def cell_value(cell: Cell) -> Value:
    return Value(cell.display, cell.value, cell.suppressed)


def not_shown() -> Value:
    return Value(_("not shown"))


def share(part: int, whole: int, k: int) -> float | None:
    """A percentage, or None when it could reveal a small count: the whole under k, or the
    part or the rest between 1 and k-1."""
    rest = whole - part
    if whole < k or 0 < part < k or 0 < rest < k:
        return None
    return part / whole * 100


def percent(value: float | None) -> Value:
    if value is None:
        return not_shown()
    return Value(f"{value:.0f}%", round(value, 1))


def bars_for(rows: Sequence[tuple[str, Cell]]) -> list[Bar]:
    longest = max((cell.value or 0 for _label, cell in rows), default=0) or 1
    return [
        Bar(label, None if cell.suppressed else (cell.value or 0) / longest * 100, cell.display)
        for label, cell in rows
    ]


def average(ratings: Sequence[int], *, k: int) -> Value:
    """The average rating (1 to 5) of counts given in RATINGS order: not a count of people,
    so shown whenever k or more responses make it, even when some counts are hidden."""
    responses = sum(ratings)
    if responses < k or responses == 0:
        return not_shown()
    value = sum(int(r) * n for r, n in zip(RATINGS, ratings, strict=True)) / responses
    return Value(f"{value:.1f}", round(value, 2))


def rating_table(
    slug: str,
    title: str,
    corner: str,
    rows: Sequence[tuple[str, Mapping[str, int]]],
    *,
    k: int,
    linked: PageSuppression | None = None,
    scopes: Sequence[Scope | None] | None = None,
    total_scope: Scope | None = None,
) -> Table:
    """Ratings (very good .. very poor) for each row, with totals, an average and the share
    rating good or very good. `scopes` (one per row) and `total_scope` (the totals row)
    say what each row counts, so that `linked` hides it as every other table of the page
    does."""
    linked = linked if linked is not None else PageSuppression(k)
    counts: dict[Hashable, Mapping[Hashable, int]] = {
        i: {r: row[f"overall_{r}"] for r in RATINGS} for i, (_label, row) in enumerate(rows)
    }

    def keys(position: tuple[Hashable, Hashable]) -> Hashable | None:
        row, column = position
        scope = total_scope if row is TOTAL else (scopes[cast(int, row)] if scopes else None)
        return None if scope is None else (scope, column)

    table = linked.table(counts, keys=keys, columns=RATINGS)
    columns = [str(RATING_LABELS[r]) for r in RATINGS]
    columns += [_("Total"), _("Average rating (1 to 5)"), _("Good or very good")]
    out: list[Row] = []
    for key in [*range(len(rows)), TOTAL]:
        cells = [table.cell(key, r) for r in RATINGS]
        total = table.row_total(key) if key is not TOTAL else table.grand_total
        number = [
            sum(c[r] for c in counts.values()) if key is TOTAL else counts[key][r] for r in RATINGS
        ]
        values = [cell_value(c) for c in (*cells, total)]
        good = None
        if not any(c.suppressed for c in (cells[0], cells[1], total)):
            good = share(number[0] + number[1], sum(number), k)
        values += [average(number, k=k), percent(good)]
        label = _("Total") if key is TOTAL else rows[int(key)][0]  # type: ignore[call-overload]
        out.append(Row(label, values, is_total=key is TOTAL))
    bar_rows = [(rows[i][0], table.row_total(i)) for i in range(len(rows))]
    return Table(
        slug=slug,
        title=title,
        corner=corner,
        columns=columns,
        rows=out,
        bars=bars_for(bar_rows),
        bar_title=_("Responses"),
    )


def distribution_table(
    slug: str,
    title: str,
    corner: str,
    items: Sequence[tuple[str, int]],
    *,
    k: int,
    total: bool = True,
    with_share: bool = True,
    linked: PageSuppression | None = None,
    scopes: Sequence[Hashable | None] | None = None,
    total_scope: Hashable | None = None,
) -> tuple[Table, SuppressedCounts]:
    """One breakdown (label, count) with its total and each one's share of the total.
    `scopes` (one key per item) and `total_scope` (the total) name what is counted, for
    `linked` (see rating_table)."""
    linked = linked if linked is not None else PageSuppression(k)

    def keys(key: Hashable) -> Hashable | None:
        if key is TOTAL:
            return total_scope
        return scopes[cast(int, key)] if scopes else None

    counts = linked.counts({i: n for i, (_label, n) in enumerate(items)}, keys=keys, total=total)
    whole = sum(n for _label, n in items)
    whole_hidden = counts.total is not None and counts.total.suppressed
    rows = []
    for i, (label, n) in enumerate(items):
        cell = counts[i]
        values = [cell_value(cell)]
        if with_share:
            visible = not cell.suppressed and not whole_hidden
            values.append(percent(share(n, whole, k) if visible else None))
        rows.append(Row(label, values))
    if counts.total is not None:
        values = [cell_value(counts.total)]
        if with_share:
            values.append(Value("100%", 100.0) if not whole_hidden and whole else not_shown())
        rows.append(Row(_("Total"), values, is_total=True))
    columns = [_("Responses")] + ([_("Share")] if with_share else [])
    table = Table(
        slug=slug,
        title=title,
        corner=corner,
        columns=columns,
        rows=rows,
        bars=bars_for([(label, counts[i]) for i, (label, _n) in enumerate(items)]),
        bar_title=_("Responses"),
    )
    return table, counts


def month_label(value: date) -> str:
    return date_format(value, "F Y")


def area_scope(filters: Any) -> Scope:
    """What the filters' area counts: a team, a borough or London."""
    if filters.team_id is not None:
        return ("team", filters.team_id)
    if filters.borough_id is not None:
        return ("borough", filters.borough_id)
    return ("london",)
