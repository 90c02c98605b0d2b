"""The dashboard's filters, read from the query string: month range, borough, team,
channel, and an area to compare with. Nothing personal: areas and months only.

    ?from=2026-01&to=2026-06&borough=camden&team=camden-response-a&channel=qr&compare=hackney

Values that are not valid are ignored (the filter is simply not applied), so an old or
edited link still shows a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict

MONTH = re.compile(r"^(\d{4})-(\d{2})$")
CHANNELS = ("qr", "sms", "email", "web")


def parse_month(value: str) -> date | None:
    match = MONTH.match(value.strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def month_text(value: date | None) -> str:
    return f"{value:%Y-%m}" if value else ""


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Filters:
    month_from: date | None = None
    month_to: date | None = None
    borough_id: int | None = None
    team_id: int | None = None
    channel: str = ""
    compare_id: int | None = None
    # The slugs as given, for links and the form.
    borough_slug: str = ""
    team_slug: str = ""
    compare_slug: str = ""

    @property
    def any_area(self) -> bool:
        return self.borough_id is not None or self.team_id is not None

    def rollup_q(self) -> dict[str, Any]:
        """Lookups on a rollup (or on feedback.Response: same field names)."""
        lookups: dict[str, Any] = {}
        if self.month_from:
            lookups["month__gte"] = self.month_from
        if self.month_to:
            lookups["month__lte"] = self.month_to
        if self.borough_id is not None:
            lookups["borough_id"] = self.borough_id
        if self.team_id is not None:
            lookups["team_id"] = self.team_id
        if self.channel:
            lookups["channel"] = self.channel
        return lookups

    def without_area(self) -> Filters:
        return Filters(month_from=self.month_from, month_to=self.month_to, channel=self.channel)

    def for_borough(self, borough_id: int) -> Filters:
        return Filters(
            month_from=self.month_from,
            month_to=self.month_to,
            channel=self.channel,
            borough_id=borough_id,
        )

    def query(self) -> str:
        """The query string that gives these filters (for export links)."""
        pairs = [
            ("from", month_text(self.month_from)),
            ("to", month_text(self.month_to)),
            ("borough", self.borough_slug),
            ("team", self.team_slug),
            ("channel", self.channel),
            ("compare", self.compare_slug),
        ]
        return urlencode([(k, v) for k, v in pairs if v])


def filters_from(
    params: QueryDict | dict[str, str],
    *,
    boroughs: dict[str, int],
    teams: dict[str, tuple[int, int]],
) -> Filters:
    """Filters from the query string. `boroughs` maps slug to id; `teams` maps slug to
    (id, borough id)."""
    month_from = parse_month(params.get("from", "") or "")
    month_to = parse_month(params.get("to", "") or "")
    if month_from and month_to and month_from > month_to:
        month_from, month_to = month_to, month_from
    borough_slug = params.get("borough", "") or ""
    borough_id = boroughs.get(borough_slug)
    team_slug = params.get("team", "") or ""
    team = teams.get(team_slug)
    if team and borough_id is not None and team[1] != borough_id:
        team = None  # a team of another borough: ignore it
    channel = params.get("channel", "") or ""
    compare_slug = params.get("compare", "") or ""
    compare_id = boroughs.get(compare_slug)
    return Filters(
        month_from=month_from,
        month_to=month_to,
        borough_id=borough_id,
        team_id=team[0] if team else None,
        channel=channel if channel in CHANNELS else "",
        compare_id=compare_id if compare_id != borough_id else None,
        borough_slug=borough_slug if borough_id is not None else "",
        team_slug=team_slug if team else "",
        compare_slug=compare_slug if compare_id is not None and compare_id != borough_id else "",
    )
