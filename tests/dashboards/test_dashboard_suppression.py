"""One suppression pass per page (lib.suppression.suppress_page): the same count is hidden
in every table of a dashboard and its exports, or in none; an average of k or more
responses is always shown; counts of recommendations are not suppressed (reports)."""

from __future__ import annotations

import csv
import io
import random
from datetime import date
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from dashboards.filters import Filters
from dashboards.models import ANSWERS, QUESTIONS
from dashboards.selectors import OfficerFeedback, dashboard_counts
from dashboards.tables import RATINGS, Table, build_dashboard, build_officer_view
from tests.dashboards.test_dashboard_pages import teams  # noqa: F401 (fixture)

HIDDEN = {"fewer than 5", "not shown"}
COUNT_COLUMNS = 6  # the five ratings and the total


def _feedback(months: list[list[int]]) -> OfficerFeedback:
    """An officer's counts: one list of five rating counts (very good first) a month."""
    by_month = {}
    for i, ratings in enumerate(months):
        row: dict[str, int] = {f"overall_{r}": n for r, n in zip(RATINGS, ratings, strict=True)}
        row["responses"] = sum(ratings)
        row["with_comment"] = 0
        for q in QUESTIONS:
            row[f"{q}_yes"] = row["responses"]
            for a in ANSWERS:
                row.setdefault(f"{q}_{a}", 0)
        by_month[date(2026, 1 + i, 1)] = row
    totals: dict[str, int] = {}
    for row in by_month.values():
        for name, n in row.items():
            totals[name] = totals.get(name, 0) + n
    return OfficerFeedback(totals=totals, by_month=by_month, comments=[])


def _table(tables: list[Table], slug: str) -> Table:
    return next(t for t in tables if t.slug == slug)


def _texts(values: list[Any]) -> list[str]:
    return [v.text for v in values]


def test_the_officers_ratings_agree_with_the_totals_row_of_their_ratings_by_month() -> None:
    """The officer's "Your ratings" and the totals row of "Your ratings by month" are the
    same counts: table by table suppression showed them in one and hid them in the other."""
    rng = random.Random(11)
    checked = 0
    for _ in range(300):
        months = [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15]) for _r in RATINGS] for _m in range(3)]
        if sum(map(sum, months)) < 5:
            continue
        view = build_officer_view(_feedback(months))
        ratings = _table(view.tables, "ratings")
        by_month = _table(view.tables, "by-month")
        counts = [row.values[0].text for row in ratings.rows]  # the five ratings, the total
        totals_row = next(row for row in by_month.rows if row.is_total)
        assert counts == _texts(totals_row.values[:COUNT_COLUMNS]), months
        questions = _table(view.tables, "questions")
        for row in questions.rows:
            assert row.values[-2].text == counts[-1], months  # each question's total
        assert view.total.text == counts[-1]
        checked += 1
    assert checked > 200


def test_an_officers_average_is_shown_on_enough_responses_even_with_small_counts() -> None:
    view = build_officer_view(_feedback([[40, 20, 6, 3, 2]]))  # 71 responses
    totals_row = next(row for row in _table(view.tables, "by-month").rows if row.is_total)
    assert totals_row.values[3].text == "fewer than 5"  # a small count is still hidden
    assert totals_row.values[COUNT_COLUMNS].text == "4.3"  # but the average is shown
    assert totals_row.values[COUNT_COLUMNS + 1].text == "85%"  # from shown counts only


def test_an_average_of_fewer_than_k_responses_is_not_shown() -> None:
    view = build_officer_view(_feedback([[3, 0, 0, 0, 0], [2, 1, 0, 0, 0]]))
    by_month = _table(view.tables, "by-month")
    assert [row.values[COUNT_COLUMNS].text for row in by_month.rows] == [
        "not shown",
        "not shown",
        "4.8",
    ]


def _dashboard_pages(made: Any) -> list[Any]:
    from feedback.models import Borough, Team

    camden = made["camden-a"].borough_id
    hackney = made["hackney-a"].borough_id
    names = dict(Borough.objects.values_list("pk", "name"))
    team_names = dict(Team.objects.values_list("pk", "name"))
    pages = []
    for filters in (
        Filters(),
        Filters(borough_id=camden, compare_id=hackney),
        Filters(team_id=made["camden-a"].pk, borough_id=camden),
        Filters(channel="sms"),
    ):
        counts = dashboard_counts(filters=filters)
        pages.append(build_dashboard(counts, boroughs=names, teams=team_names, themes=[]))
    return pages


@pytest.fixture
def few_teams() -> Any:
    """63 responses in one team and channel over three months, whose table by month hides
    rating totals that the table by channel (one row) would show on its own."""
    from dashboards import services
    from tests.dashboards.test_rollups import LATER, MONTHS, make_response, make_teams

    made = make_teams()
    months = [[15, 0, 6, 9, 1], [0, 15, 0, 0, 0], [2, 2, 0, 9, 4]]
    for month, ratings in zip(MONTHS, months, strict=True):
        for rating, n in zip(RATINGS, ratings, strict=True):
            for _ in range(n):
                make_response(made["camden-a"], month=month, overall=int(rating))
    services.rollup_refresh(now=LATER)
    return made


@pytest.mark.django_db
@pytest.mark.parametrize("data", ["teams", "few_teams"])
def test_every_table_of_the_dashboard_shows_the_areas_counts_alike(data: str, request: Any) -> None:
    for page in _dashboard_pages(request.getfixturevalue(data)):
        if not page.enough:
            continue
        total_rows = [
            _texts(next(r for r in t.rows if r.is_total).values[:COUNT_COLUMNS])
            for t in page.tables
            if t.slug in ("by-month", "by-channel", "by-team")
        ]
        assert all(row == total_rows[0] for row in total_rows), total_rows
        responses = total_rows[0][-1]
        assert page.total.text == responses
        for row in _table(page.tables, "questions").rows:
            assert row.values[-2].text == responses
        for slug in ("age", "ethnic-group"):
            assert _table(page.tables, slug).rows[-1].values[0].text == responses
        if any(t.slug == "compare" for t in page.tables):
            compare = _table(page.tables, "compare")
            assert compare.rows[0].values[0].text == responses
            # Each borough's responses read the same in the borough table.
            borough_rows = {
                r.label: r.values[5].text for r in _table(page.tables, "by-borough").rows
            }
            for column, value in zip(compare.columns, compare.rows[0].values, strict=True):
                if column in borough_rows:
                    assert value.text == borough_rows[column]


def _page_tables(html: str) -> dict[str, list[list[str]]]:
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for table in soup.select("table[id^=table-]"):
        found[str(table["id"]).removeprefix("table-")] = [
            [td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")
        ]
    return found


def _export_tables(rows: list[list[Any]], titles: dict[str, str]) -> dict[str, list[list[str]]]:
    found: dict[str, list[list[str]]] = {}
    slug = None
    for row in rows:
        if row and row[0] in titles:
            slug, skip = titles[row[0]], True
            found[slug] = []
            continue
        if not row or not any(c not in (None, "") for c in row):
            slug = None
            continue
        if slug is not None:
            if skip:  # the header row
                skip = False
                continue
            found[slug].append(["" if c is None else str(c) for c in row[1:]])
    return found


@pytest.mark.django_db
def test_the_page_its_csv_and_its_excel_file_hide_the_same_cells(
    client_as: Any,
    teams: Any,  # noqa: F811
) -> None:
    client = client_as("analyst")
    query = {"borough": "camden", "compare": "hackney"}
    html = client.get("/dashboards/", query).content.decode()
    page = _page_tables(html)
    counts = dashboard_counts(filters=Filters())
    assert counts.totals["responses"] >= 5
    from feedback.models import Borough, Team

    built = build_dashboard(
        dashboard_counts(
            filters=Filters(
                borough_id=teams["camden-a"].borough_id, compare_id=teams["hackney-a"].borough_id
            )
        ),
        boroughs=dict(Borough.objects.values_list("pk", "name")),
        teams=dict(Team.objects.values_list("pk", "name")),
        themes=[],
    )
    titles = {t.title: t.slug for t in built.tables}
    rows = list(
        csv.reader(io.StringIO(client.get("/dashboards/export.csv", query).content.decode()))
    )
    workbook = load_workbook(io.BytesIO(client.get("/dashboards/export.xlsx", query).content))
    sheet_rows: list[list[Any]] = []
    for sheet in workbook.worksheets[1:]:
        sheet_rows += [list(r) for r in sheet.iter_rows(values_only=True)] + [[]]
    for export in (_export_tables(rows, titles), _export_tables(sheet_rows, titles)):
        assert set(export) == set(page)
        for slug, page_rows in page.items():
            for page_row, export_row in zip(page_rows, export[slug], strict=False):
                for shown, exported in zip(page_row, export_row, strict=False):
                    assert (shown in HIDDEN) == (exported in HIDDEN), (slug, page_row, export_row)
                    if shown in HIDDEN:
                        assert shown == exported
