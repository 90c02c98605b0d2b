"""The feedback dashboards (docs/feedback-dashboards.md).

- index: for analysts, police leads and the programme team: every table, filtered by the
  query string (months, borough, team, channel, a borough to compare with);
- export_csv / export_xlsx: the same suppressed tables as a file;
- mine: an officer's own feedback, added up, once there are at least k responses.
"""

from __future__ import annotations

import csv
from io import BytesIO, StringIO
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from dashboards import export, selectors, tables
from dashboards.filters import CHANNELS, Filters, add_months, filters_from, month_text
from feedback.models import team_label
from lib.dbrouter import reads_replica

dashboard_roles = role_required(Role.ANALYST, Role.POLICE_LEAD, Role.PROGRAMME_ADMIN)

OFFICER_MONTHS = 12


def _areas() -> tuple[list[Any], list[Any]]:
    from feedback.models import Borough, Team

    boroughs = list(Borough.objects.order_by("name").values("pk", "name", "slug"))
    teams = list(Team.objects.order_by("name").values("pk", "name", "slug", "borough_id"))
    return boroughs, teams


def _themes() -> list[tuple[str, str]]:
    from insights.models import Theme

    return [(t.slug, t.display_name) for t in Theme.objects.filter(active=True)]


def _dashboard(request: HttpRequest) -> tuple[Filters, tables.Dashboard, list[Any], list[Any]]:
    boroughs, teams = _areas()
    filters = filters_from(
        request.GET,
        boroughs={b["slug"]: b["pk"] for b in boroughs},
        teams={t["slug"]: (t["pk"], t["borough_id"]) for t in teams},
    )
    counts = selectors.dashboard_counts(filters=filters)
    dashboard = tables.build_dashboard(
        counts,
        boroughs={b["pk"]: b["name"] for b in boroughs},
        teams={t["pk"]: t["name"] for t in teams},
        themes=_themes(),
    )
    return filters, dashboard, boroughs, teams


@dashboard_roles
@reads_replica
def index(request: HttpRequest) -> HttpResponse:
    filters, dashboard, boroughs, teams = _dashboard(request)
    today = timezone.localdate().replace(day=1)
    months = [add_months(today, -i) for i in range(36)]
    borough_names = {b["pk"]: b["name"] for b in boroughs}
    return render(
        request,
        "dashboards/index.html",
        {
            "filters": filters,
            "dashboard": dashboard,
            "boroughs": boroughs,
            "teams": [
                {**t, "label": team_label(t["name"], borough_names.get(t["borough_id"], ""))}
                for t in teams
            ],
            "months": [(month_text(m), m) for m in months],
            "channels": [(c, str(tables.CHANNEL_LABELS[c])) for c in CHANNELS],
            "query": filters.query(),
            "not_enough": tables.not_enough_text(dashboard.k),
        },
    )


def _export_name(extension: str) -> str:
    return f"feedback-dashboard-{timezone.localdate().isoformat()}.{extension}"


def _export_rows(dashboard: tables.Dashboard) -> list[list[Any]]:
    rows: list[list[Any]] = []
    if not dashboard.enough:
        return [[str(tables.not_enough_text(dashboard.k))]]
    for table in dashboard.tables:
        rows += export.table_rows_for_export(table)
        rows.append([])
    return rows


@dashboard_roles
@reads_replica
def export_csv(request: HttpRequest) -> HttpResponse:
    filters, dashboard, boroughs, teams = _dashboard(request)
    buffer = StringIO()
    writer = csv.writer(buffer)
    writer.writerow([export.filters_text(filters, boroughs, teams)])
    writer.writerow([])
    for row in _export_rows(dashboard):
        writer.writerow(row)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_export_name("csv")}"'
    response["Cache-Control"] = "no-store"
    return response


@dashboard_roles
@reads_replica
def export_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    filters, dashboard, boroughs, teams = _dashboard(request)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "About"
    sheet.append([export.filters_text(filters, boroughs, teams)])
    if not dashboard.enough:
        sheet.append([str(tables.not_enough_text(dashboard.k))])
    for index, table in enumerate(dashboard.tables, start=1):
        page = workbook.create_sheet(title=f"{index} {table.slug}"[:31])
        for row in export.table_rows_for_export(table):
            page.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name("xlsx")}"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.OFFICER)
@reads_replica
def mine(request: HttpRequest) -> HttpResponse:
    since = add_months(timezone.localdate().replace(day=1), -(OFFICER_MONTHS - 1))
    feedback = selectors.officer_feedback(officer=request.user, since=since)
    view = tables.build_officer_view(feedback)
    return render(
        request, "dashboards/mine.html", {"view": view, "since": since, "months": OFFICER_MONTHS}
    )
