"""What the dashboard and its exports show: the counts of dashboards/selectors.py turned
into tables, every count through lib/suppression.py.

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
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards.census import (
    AGE_SOURCE,
    ETHNIC_SOURCE,
    MINORITY_GROUPS,
    YOUNGER_AGE_BANDS,
    census_shares,
)
from dashboards.models import AGE_BANDS, ANSWERS, ETHNIC_GROUPS, QUESTIONS
from dashboards.selectors import DashboardCounts
from lib.suppression import (
    TOTAL,
    Cell,
    PageSuppression,
    SuppressedCounts,
    default_k,
    suppress_count,
    suppress_counts,
    suppress_page,
)

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


def _cell(cell: Cell) -> Value:
    return Value(cell.display, cell.value, cell.suppressed)


def _not_shown() -> Value:
    return Value(_("not shown"))


def share(part: int, whole: int, k: int) -> float | None:
    """A percentage, or None when it could reveal a small count: the whole under k, or the
    part or the rest between 1 and k-1."""
    rest = whole - part
    if whole < k or 0 < part < k or 0 < rest < k:
        return None
    return part / whole * 100


def _percent(value: float | None) -> Value:
    if value is None:
        return _not_shown()
    return Value(f"{value:.0f}%", round(value, 1))


def _bars(rows: Sequence[tuple[str, Cell]]) -> list[Bar]:
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
        return _not_shown()
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
        values = [_cell(c) for c in (*cells, total)]
        good = None
        if not any(c.suppressed for c in (cells[0], cells[1], total)):
            good = share(number[0] + number[1], sum(number), k)
        values += [average(number, k=k), _percent(good)]
        label = _("Total") if key is TOTAL else rows[int(key)][0]  # type: ignore[call-overload]
        out.append(Row(label, values, is_total=key is TOTAL))
    bar_rows = [(rows[i][0], table.row_total(i)) for i in range(len(rows))]
    return Table(
        slug=slug,
        title=title,
        corner=corner,
        columns=columns,
        rows=out,
        bars=_bars(bar_rows),
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
        values = [_cell(cell)]
        if with_share:
            visible = not cell.suppressed and not whole_hidden
            values.append(_percent(share(n, whole, k) if visible else None))
        rows.append(Row(label, values))
    if counts.total is not None:
        values = [_cell(counts.total)]
        if with_share:
            values.append(Value("100%", 100.0) if not whole_hidden and whole else _not_shown())
        rows.append(Row(_("Total"), values, is_total=True))
    columns = [_("Responses")] + ([_("Share")] if with_share else [])
    table = Table(
        slug=slug,
        title=title,
        corner=corner,
        columns=columns,
        rows=rows,
        bars=_bars([(label, counts[i]) for i, (label, _n) in enumerate(items)]),
        bar_title=_("Responses"),
    )
    return table, counts


def _month_label(value: date) -> str:
    return date_format(value, "F Y")


@dataclass
class Dashboard:
    k: int
    enough: bool
    total: Value
    tables: list[Table]
    comments_read: Value | None = None


def area_scope(filters: Any) -> Scope:
    """What the filters' area counts: a team, a borough or London."""
    if filters.team_id is not None:
        return ("team", filters.team_id)
    if filters.borough_id is not None:
        return ("borough", filters.borough_id)
    return ("london",)


def build_dashboard(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    themes: Sequence[tuple[str, str]],
) -> Dashboard:
    """Every table of the analysts' dashboard, suppressed in one pass for the page.
    `boroughs` and `teams` map ids to names; `themes` lists the insights themes as
    (slug, name)."""
    k = default_k()
    responses = counts.totals["responses"]
    if responses < k:
        return Dashboard(k=k, enough=False, total=_cell(suppress_count(responses, k=k)), tables=[])
    return suppress_page(
        lambda linked: _dashboard(
            counts, boroughs=boroughs, teams=teams, themes=themes, linked=linked
        ),
        k=k,
    )


def _dashboard(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    themes: Sequence[tuple[str, str]],
    linked: PageSuppression,
) -> Dashboard:
    k = linked.k
    filters = counts.filters
    responses = counts.totals["responses"]
    area = area_scope(filters)
    by_borough = sorted(
        counts.by_borough.items(), key=lambda item: boroughs.get(item[0], str(item[0]))
    )
    by_team = sorted(counts.by_team.items(), key=lambda item: teams.get(item[0], str(item[0])))
    tables = [
        rating_table(
            "by-month",
            _("Responses and ratings by month"),
            _("Month"),
            [(_month_label(m), c) for m, c in sorted(counts.by_month.items())],
            k=k,
            linked=linked,
            total_scope=area,
        ),
        rating_table(
            "by-channel",
            _("Responses and ratings by channel"),
            _("Channel"),
            [
                (str(CHANNEL_LABELS.get(ch, ch)), counts.by_channel[ch])
                for ch in CHANNEL_LABELS
                if ch in counts.by_channel
            ],
            k=k,
            linked=linked,
            total_scope=area,
        ),
        rating_table(
            "by-borough",
            _("Responses and ratings by borough"),
            _("Borough"),
            [(boroughs.get(b, str(b)), c) for b, c in by_borough],
            k=k,
            linked=linked,
            scopes=[("borough", b) for b, _c in by_borough],
            total_scope=("london",),
        ),
    ]
    tables[-1].notes.append(
        _(
            "Every borough, for the months and channel chosen: the total is London as a "
            "whole. The borough and team filters do not narrow this table."
        )
    )
    if filters.any_area:
        tables.append(
            rating_table(
                "by-team",
                _("Responses and ratings by team"),
                _("Team"),
                [(teams.get(t, str(t)), c) for t, c in by_team],
                k=k,
                linked=linked,
                scopes=[("team", t) for t, _c in by_team],
                total_scope=area,
            )
        )
    if counts.london is not None or counts.compare is not None:
        tables.append(_comparison(counts, boroughs=boroughs, teams=teams, linked=linked))
    tables.append(_questions(counts.totals, k=k, linked=linked, scope=area))
    tables.append(_invitations(counts, k=k))
    age, age_counts = distribution_table(
        "age",
        _("Age of respondents"),
        _("Age band"),
        [(_age_label(b), counts.totals[f"age_{b}"]) for b in AGE_BANDS]
        + [(_("Not answered"), responses - sum(counts.totals[f"age_{b}"] for b in AGE_BANDS))],
        k=k,
        linked=linked,
        total_scope=(area, TOTAL),
    )
    ethnic, ethnic_counts = distribution_table(
        "ethnic-group",
        _("Ethnic group of respondents"),
        _("Ethnic group"),
        [(_ethnic_label(g), counts.totals[f"ethnic_{g}"]) for g in ETHNIC_GROUPS]
        + [
            (
                _("Not answered"),
                responses - sum(counts.totals[f"ethnic_{g}"] for g in ETHNIC_GROUPS),
            )
        ],
        k=k,
        linked=linked,
        total_scope=(area, TOTAL),
    )
    tables.append(_representation(counts.totals, age_counts, ethnic_counts, k=k))
    tables += [age, ethnic]
    theme_table, comments_read = _themes(counts.themes, themes, k=k)
    tables.append(theme_table)
    return Dashboard(
        k=k,
        enough=True,
        total=_cell(linked.count(responses, key=(area, TOTAL))),
        tables=tables,
        comments_read=comments_read,
    )


def _age_label(band: str) -> str:
    from feedback.models import AgeBand

    return str(AgeBand(band).label)


def _ethnic_label(group: str) -> str:
    from feedback.models import EthnicGroup

    return str(EthnicGroup(group).label)


def _area_figures(row: Mapping[str, int], scope: Scope, linked: PageSuppression) -> list[Value]:
    """Responses, good or very good, average rating and a yes to each question, with the
    area's counts hidden as the page's other tables hide them."""
    k = linked.k
    responses = row["responses"]
    count = linked.count(responses, key=(scope, TOTAL))
    ratings = [row[f"overall_{r}"] for r in RATINGS]
    good = None
    if not count.suppressed and not any(
        0 < n < k or linked.is_hidden((scope, r))
        for r, n in zip(RATINGS[:2], ratings, strict=False)
    ):
        good = share(ratings[0] + ratings[1], responses, k)
    values = [_cell(count), _percent(good), average(ratings, k=k)]
    for q in QUESTIONS:
        yes = None
        if not count.suppressed and not linked.is_hidden((scope, ("q", q, "yes"))):
            yes = share(row[f"{q}_yes"], responses, k)
        values.append(_percent(yes))
    return values


def _comparison(
    counts: DashboardCounts,
    *,
    boroughs: Mapping[int, str],
    teams: Mapping[int, str],
    linked: PageSuppression,
) -> Table:
    filters = counts.filters
    columns: list[tuple[str, Mapping[str, int], Scope]] = []
    if filters.any_area:
        if filters.team_id is not None:
            name = teams.get(filters.team_id, "")
        else:
            name = boroughs.get(filters.borough_id or 0, "")
        columns.append((name, counts.totals, area_scope(filters)))
    if counts.compare is not None and filters.compare_id is not None:
        columns.append(
            (boroughs.get(filters.compare_id, ""), counts.compare, ("borough", filters.compare_id))
        )
    london = counts.london if counts.london is not None else counts.totals
    columns.append((_("London"), london, ("london",)))
    labels = [
        _("Responses"),
        _("Good or very good"),
        _("Average rating (1 to 5)"),
        *(_("%(question)s: yes") % {"question": QUESTION_LABELS[q]} for q in QUESTIONS),
    ]
    figures = [_area_figures(row, scope, linked) for _name, row, scope in columns]
    rows = [Row(label, [f[i] for f in figures]) for i, label in enumerate(labels)]
    bars = [
        Bar(name, f[1].number if isinstance(f[1].number, float) else None, f[1].text)
        for (name, _row, _scope), f in zip(columns, figures, strict=True)
    ]
    return Table(
        slug="compare",
        title=_("Comparison between areas"),
        corner=_("Measure"),
        columns=[name for name, _row, _scope in columns],
        rows=rows,
        bars=bars,
        bar_title=_("Good or very good"),
        notes=[_("Choose a second borough under “Compare with” to add it.")],
    )


def _questions(
    totals: Mapping[str, int],
    *,
    k: int,
    linked: PageSuppression | None = None,
    scope: Scope | None = None,
) -> Table:
    linked = linked if linked is not None else PageSuppression(k)
    responses = totals["responses"]
    columns = [str(ANSWER_LABELS[a]) for a in (*ANSWERS, "")]
    rows = []
    bars = []
    for q in QUESTIONS:
        answered: dict[Hashable, int] = {a: totals[f"{q}_{a}"] for a in ANSWERS}
        answered[""] = responses - sum(answered.values())

        def keys(answer: Hashable, q: str = q) -> Hashable | None:
            if scope is None:
                return None
            return (scope, TOTAL) if answer is TOTAL else (scope, ("q", q, answer))

        cells = linked.counts(answered, keys=keys)
        values = [_cell(cells[a]) for a in (*ANSWERS, "")]
        assert cells.total is not None
        values.append(_cell(cells.total))
        yes = None
        if not cells["yes"].suppressed and not cells.total.suppressed:
            yes = share(answered["yes"], responses, k)
        values.append(_percent(yes))
        rows.append(Row(str(QUESTION_LABELS[q]), values))
        bars.append(Bar(str(QUESTION_LABELS[q]), yes, _percent(yes).text))
    return Table(
        slug="questions",
        title=_("Answers to each question"),
        corner=_("Question"),
        columns=[*columns, _("Total"), _("Yes")],
        rows=rows,
        bars=bars,
        bar_title=_("Yes"),
    )


def _invitations(counts: DashboardCounts, *, k: int) -> Table:
    channels = ("sms", "email")
    sent: dict[Hashable, int] = {
        ch: counts.invitations.get(ch, {}).get("sent", 0) for ch in channels
    }
    answered: dict[Hashable, int] = {
        ch: counts.by_channel.get(ch, {}).get("with_invitation", 0) for ch in channels
    }
    sent_cells = suppress_counts(sent, k=k)
    answered_cells = suppress_counts(answered, k=k)
    rows = []
    bars = []
    keys: list[Hashable] = [*channels, TOTAL]
    for ch in keys:
        if ch is TOTAL:
            s, a = sent_cells.total, answered_cells.total
            n_sent, n_answered = sum(sent.values()), sum(answered.values())
            label = _("Total")
        else:
            s, a = sent_cells[ch], answered_cells[ch]
            n_sent, n_answered = sent[ch], answered[ch]
            label = str(CHANNEL_LABELS[str(ch)])
        assert s is not None and a is not None
        rate = None
        if not s.suppressed and not a.suppressed and n_sent >= k and n_answered <= n_sent:
            rate = share(n_answered, n_sent, k)
        rows.append(Row(label, [_cell(s), _cell(a), _percent(rate)], is_total=ch is TOTAL))
        if ch is not TOTAL:
            bars.append(Bar(label, rate, _percent(rate).text))
    return Table(
        slug="response-rates",
        title=_("Response rates by invitation channel"),
        corner=_("Invitation channel"),
        columns=[_("Invitations sent"), _("Responses from an invitation"), _("Response rate")],
        rows=rows,
        bars=bars,
        bar_title=_("Response rate"),
        notes=[
            _(
                "Invitations are counted in the month they were made, responses in the "
                "month they were given."
            )
        ],
    )


def _representation(
    totals: Mapping[str, int],
    age: SuppressedCounts,
    ethnic: SuppressedCounts,
    *,
    k: int,
) -> Table:
    """Respondents under 25 and from minority ethnic groups, against the Census."""
    census = census_shares()
    band_index = {b: i for i, b in enumerate(AGE_BANDS)}
    group_index = {g: i for i, g in enumerate(ETHNIC_GROUPS)}
    not_answered_age, not_answered_ethnic = len(AGE_BANDS), len(ETHNIC_GROUPS)

    def figure(
        counts: SuppressedCounts,
        parts: Sequence[int],
        left_out: Sequence[int],
        part_total: int,
        whole: int,
    ) -> tuple[Value, Value]:
        """The count of `parts` and its share of those who answered (the total less
        `left_out`), shown only when every count they are made of is shown."""
        used = [*parts, *left_out]
        if (
            counts.total is None
            or counts.total.suppressed
            or any(counts[i].suppressed for i in used)
        ):
            return _not_shown(), _not_shown()
        count = suppress_count(part_total, k=k)
        return _cell(count), _percent(share(part_total, whole, k))

    younger = sum(totals[f"age_{b}"] for b in YOUNGER_AGE_BANDS)
    gave_age = sum(totals[f"age_{b}"] for b in AGE_BANDS if b != "prefer_not")
    minority = sum(totals[f"ethnic_{g}"] for g in MINORITY_GROUPS)
    gave_ethnic = sum(totals[f"ethnic_{g}"] for g in ETHNIC_GROUPS if g != "prefer_not")
    young_count, young_share = figure(
        age,
        [band_index[b] for b in YOUNGER_AGE_BANDS],
        [band_index["prefer_not"], not_answered_age],
        younger,
        gave_age,
    )
    minority_count, minority_share = figure(
        ethnic,
        [group_index[g] for g in MINORITY_GROUPS],
        [group_index["prefer_not"], not_answered_ethnic],
        minority,
        gave_ethnic,
    )
    rows = [
        Row(_("Aged under 25"), [young_count, young_share, _percent(census.younger)]),
        Row(
            _("From a minority ethnic group (Asian, Black, Mixed or Other)"),
            [minority_count, minority_share, _percent(census.minority)],
        ),
    ]
    return Table(
        slug="representation",
        title=_("Younger and minority ethnic respondents compared with Census 2021"),
        corner=_("Group"),
        columns=[
            _("Respondents"),
            _("Share of those who answered"),
            _("Census 2021: %(area)s") % {"area": census.area},
        ],
        rows=rows,
        bars=[
            Bar(_("Under 25: respondents"), _num(young_share), young_share.text),
            Bar(_("Under 25: Census 2021"), census.younger, _percent(census.younger).text),
            Bar(_("Minority ethnic: respondents"), _num(minority_share), minority_share.text),
            Bar(_("Minority ethnic: Census 2021"), census.minority, _percent(census.minority).text),
        ],
        bar_title=_("Share"),
        notes=[
            _(
                "Under 25 is compared with people aged 15 to 24 among those aged 15 and over, "
                "the nearest bands the Census publishes."
            ),
            _("Sources: %(age)s; %(ethnic)s.") % {"age": AGE_SOURCE, "ethnic": ETHNIC_SOURCE},
        ],
    )


def _num(value: Value) -> float | None:
    return float(value.number) if value.number is not None else None


def _themes(
    found: Mapping[str, int], themes: Sequence[tuple[str, str]], *, k: int
) -> tuple[Table, Value]:
    comments_read = _cell(suppress_count(found.get("", 0), k=k))
    items = [(name, found.get(slug, 0)) for slug, name in themes]
    table, _counts = distribution_table(
        "themes",
        _("Themes in comments"),
        _("Theme"),
        items,
        k=k,
        total=False,
        with_share=False,
    )
    table.columns = [_("Comments")]
    table.bar_title = _("Comments")
    table.notes.append(
        _(
            "Released comments only, after redaction and review. A comment can speak of "
            "more than one theme, or of none."
        )
    )
    return table, comments_read


def not_enough_text(k: int) -> str:
    return _(
        "Fewer than %(k)s responses match these filters. Nothing is shown, so that no one "
        "can be identified. Choose more months or a wider area."
    ) % {"k": k}
