"""The feedback dashboard pages and exports: suppressed figures, filters, the right people
only, the officer's own view, and pinned query counts."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from dashboards import services
from dashboards.filters import Filters
from dashboards.selectors import dashboard_counts
from dashboards.tables import build_dashboard
from tests.dashboards.test_rollups import (
    LATER,
    MONTHS,
    make_response,
    make_teams,
    random_responses,
    released_comment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

URL = "/dashboards/"


@pytest.fixture
def teams() -> Any:
    teams = make_teams()
    random_responses(teams, 120)
    # A borough with only three responses: every figure about it must be hidden.
    lonely = make_teams_in("barnet")
    for _ in range(3):
        make_response(lonely, month=MONTHS[1], overall=1)
    services.rollup_refresh(now=LATER)
    return teams | {"barnet": lonely}


def make_teams_in(slug: str) -> Any:
    from feedback.models import Borough, Team

    borough = Borough.objects.get(slug=slug)
    return Team.objects.create(name=f"{borough.name} team", slug=f"t-{slug}", borough=borough)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def row_text(html: str, table_slug: str, label: str) -> str:
    table = html.split(f'id="table-{table_slug}"', 1)[1].split("</table>", 1)[0]
    for row in table.split("<tr")[1:]:
        cells = text_of("<tr" + row).strip()
        if cells.startswith(label):
            return cells
    raise AssertionError(f"No row {label!r} in {table_slug}")


def test_an_analyst_sees_every_table_with_small_numbers_hidden(client_as: Any, teams: Any) -> None:
    html = client_as("analyst").get(URL).content.decode()
    for slug in (
        "by-month",
        "by-channel",
        "by-borough",
        "questions",
        "response-rates",
        "representation",
        "age",
        "ethnic-group",
        "themes",
    ):
        assert f'id="table-{slug}"' in html, slug
    barnet = row_text(html, "by-borough", "Barnet")
    assert "fewer than 5" in barnet
    assert " 3 " not in f" {barnet} "
    assert "not shown" in barnet  # no average or percentage from a hidden count
    assert "Census 2021" in html and "ONS" in html


def test_no_count_between_1_and_k_minus_1_is_shown_in_any_count_table(teams: Any) -> None:
    from feedback.models import Borough, Team

    counts = dashboard_counts(filters=Filters())
    dashboard = build_dashboard(
        counts,
        boroughs=dict(Borough.objects.values_list("pk", "name")),
        teams=dict(Team.objects.values_list("pk", "name")),
        themes=[],
    )
    for table in dashboard.tables:
        for row in table.rows:
            for value in row.values:
                if isinstance(value.number, int):
                    assert not 0 < value.number < dashboard.k, (table.slug, row.label)


def test_filters_narrow_the_tables_and_bad_values_are_ignored(client_as: Any, teams: Any) -> None:
    client = client_as("analyst")
    html = client.get(URL, {"borough": "camden", "compare": "hackney"}).content.decode()
    assert 'id="table-by-team"' in html
    teams_table = html.split('id="table-by-team"', 1)[1].split("</table>", 1)[0]
    assert "Camden team A" in teams_table and "Hackney team A" not in teams_table
    assert 'id="table-compare"' in html
    expected = dashboard_counts(filters=Filters(borough_id=teams["camden-a"].borough_id))
    total = expected.totals["responses"]
    assert f">{total:,}<" in html.split('id="total-responses"', 1)[1][:80]
    # Not-a-month, an unknown borough and a channel that does not exist: all ignored.
    odd = client.get(URL, {"from": "last-year", "borough": "atlantis", "channel": "pigeon"})
    assert odd.status_code == 200
    assert 'id="table-by-team"' not in odd.content.decode()


def test_too_few_responses_show_nothing(client_as: Any, teams: Any) -> None:
    html = client_as("police_lead").get(URL, {"borough": "barnet"}).content.decode()
    assert "Fewer than 5 responses match these filters" in html
    assert 'id="table-by-month"' not in html


def test_exports_hold_the_same_suppressed_tables(client_as: Any, teams: Any) -> None:
    client = client_as("programme_admin")
    response = client.get("/dashboards/export.csv", {"to": "2026-10"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    barnet = next(r for r in rows if r and r[0] == "Barnet")
    assert "fewer than 5" in barnet and "3" not in barnet
    assert any(r and r[0] == "Responses and ratings by month" for r in rows)

    response = client.get("/dashboards/export.xlsx", {"to": "2026-10"})
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = next(ws for ws in workbook.worksheets if ws.title.endswith("by-borough"))
    barnet_row = next(r for r in sheet.iter_rows(values_only=True) if r[0] == "Barnet")
    assert "fewer than 5" in barnet_row and 3 not in barnet_row


def test_the_dashboard_query_count_is_pinned(
    client_as: Any, teams: Any, django_assert_num_queries: Any
) -> None:
    client = client_as("analyst")
    client.get(URL)  # warm the session and sign-in
    with django_assert_num_queries(21):
        client.get(URL, {"borough": "camden", "compare": "hackney", "from": "2026-08"})
    with django_assert_num_queries(20):
        client.get(URL)


# The officer's own view ------------------------------------------------------------------


def test_an_officer_with_fewer_than_k_responses_sees_none_of_them(
    client_as: Any, personas: Any
) -> None:
    from django.utils import timezone

    team = make_teams()["camden-a"]
    month = timezone.localdate().replace(day=1)
    for _ in range(4):
        make_response(team, month=month, officer=personas["officer"], overall=2)
    html = client_as("officer").get("/dashboards/mine/").content.decode()
    assert "Not enough responses yet to show without risking identifying someone" in html
    assert "table-" not in html


def test_an_officer_sees_only_their_own_feedback_and_comments(
    client_as: Any, personas: Any, django_assert_num_queries: Any
) -> None:
    from django.utils import timezone

    from redaction.services import redaction_prepare

    team = make_teams()["camden-a"]
    month = timezone.localdate().replace(day=1)
    officer = personas["officer"]
    for overall in (5, 5, 4, 4, 4, 5):
        make_response(team, month=month, officer=officer, overall=overall, channel="sms")
    make_response(
        team,
        month=month,
        officer=officer,
        comment=released_comment("Thank you for calling [NAME] back so quickly.", personas),
    )
    make_response(
        team,
        month=month,
        officer=officer,
        comment=redaction_prepare(text="Not reviewed yet.", purpose="feedback_comment"),
    )
    # Someone else's: never shown to this officer.
    make_response(
        team,
        month=month,
        officer=personas["desk_agent"],
        comment=released_comment("Another officer's comment.", personas),
    )
    client = client_as("officer")
    client.get("/dashboards/mine/")
    with django_assert_num_queries(12):
        html = client.get("/dashboards/mine/").content.decode()
    assert "Thank you for calling [NAME] back so quickly." in html
    assert "Not reviewed yet." not in html
    assert "Another officer" not in html
    assert ">8<" in html  # their eight responses, not the ninth
    assert "Text message" not in html  # no channel


@pytest.mark.parametrize("persona", ["officer", "member", "outsider", "desk_agent", "dpo"])
def test_other_people_cannot_open_the_dashboard_or_its_exports(
    client_as: Any, persona: str
) -> None:
    client = client_as(persona)
    for url in (URL, "/dashboards/export.csv", "/dashboards/export.xlsx"):
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("persona", ["analyst", "police_lead", "programme_admin", "member"])
def test_only_officers_have_an_own_view(client_as: Any, persona: str) -> None:
    assert client_as(persona).get("/dashboards/mine/").status_code == 403


def test_an_area_whose_total_another_table_hides_shows_no_count_or_share_in_the_comparison(
    teams: Any,
) -> None:
    from dashboards.tables import comparison_table
    from lib.suppression import TOTAL, PageSuppression

    camden, hackney = teams["camden-a"].borough, teams["hackney-a"].borough
    filters = Filters(borough_id=camden.pk, compare_id=hackney.pk)
    counts = dashboard_counts(filters=filters)
    names = {camden.pk: "Camden", hackney.pk: "Hackney"}
    linked = PageSuppression(5)
    linked.hidden.add((("borough", hackney.pk), TOTAL))
    table = comparison_table(counts, boroughs=names, teams={}, linked=linked)
    assert table.columns == ["Camden", "Hackney", "London"]
    hackney_column = {row.label: row.values[1] for row in table.rows}
    assert hackney_column.pop("Responses").text == "fewer than 5"
    # An average of k or more responses is not a count of people: it stays.
    average = hackney_column.pop("Average rating (1 to 5)")
    assert counts.compare is not None and counts.compare["responses"] >= 5
    assert isinstance(average.number, float)
    assert all(value.text == "not shown" for value in hackney_column.values())
    assert table.rows[0].values[0].number == counts.totals["responses"]
