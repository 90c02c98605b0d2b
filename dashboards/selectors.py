"""Reads for the feedback dashboards: counts added up from the rollups (plus the responses
and invitations that arrived since the last rollup run), or, for tests and the benchmark,
the same counts added up from the raw rows (source="raw").

These are counts before suppression: only dashboards/tables/ turns them into what a page
or an export shows, and every figure goes through lib/suppression/ there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from django.db.models import Count, Q
from django.utils import timezone

from dashboards.filters import Filters, add_months
from dashboards.measures import (
    BREAKDOWN_MEASURES,
    INVITATION_MEASURES,
    OVERALL,
    RESPONSE_MEASURES,
    aggregate_invitations,
    aggregate_responses,
    sum_rollup,
)
from dashboards.models import (
    ANSWERS,
    INVITATIONS,
    QUESTIONS,
    RESPONSES,
    BoroughRollup,
    InvitationRollup,
    ResponseRollup,
    RollupWatermark,
    ThemeRollup,
)

Source = Literal["rollup", "raw"]
Counts = dict[str, int]


@dataclass
class DashboardCounts:
    filters: Filters
    totals: Counts
    by_month: dict[date, Counts]
    by_channel: dict[str, Counts]
    by_borough: dict[int, Counts]
    by_team: dict[int, Counts]
    # Every measure, for all of London and for the borough to compare with (when chosen).
    london: Counts | None = None
    compare: Counts | None = None
    invitations: dict[str, Counts] = field(default_factory=dict)
    themes: Counts = field(default_factory=dict)


def _zero(names: Iterable[str]) -> Counts:
    return dict.fromkeys(names, 0)


def _add(into: Counts, row: dict[str, Any], names: Iterable[str]) -> None:
    for name in names:
        into[name] = into.get(name, 0) + (row.get(name) or 0)


def _matches(row: dict[str, Any], filters: Filters) -> bool:
    month = row["month"]
    return (
        (filters.month_from is None or month >= filters.month_from)
        and (filters.month_to is None or month <= filters.month_to)
        and (filters.borough_id is None or row["borough_id"] == filters.borough_id)
        and (filters.team_id is None or row["team_id"] == filters.team_id)
        and (not filters.channel or row["channel"] == filters.channel)
    )


def _month_start(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


class _Reader:
    """Adds up responses for any filters and breakdown, from one source."""

    def __init__(self, source: Source) -> None:
        from feedback.models import Invitation, Response

        self.source = source
        self.tail: list[dict[str, Any]] = []
        self.invitation_tail: list[dict[str, Any]] = []
        if source == "rollup":
            # What arrived since the last run. The watermarks are read first, so that the
            # planner knows how few rows are above them (a subquery hides it).
            marks = dict(
                RollupWatermark.objects.filter(rollup__in=[RESPONSES, INVITATIONS]).values_list(
                    "rollup", "last_id"
                )
            )
            self.tail = aggregate_responses(Response.objects.filter(pk__gt=marks.get(RESPONSES, 0)))
            self.invitation_tail = aggregate_invitations(
                Invitation.objects.filter(pk__gt=marks.get(INVITATIONS, 0))
            )

    def responses(
        self, filters: Filters, *, by: Sequence[str], names: Sequence[str]
    ) -> dict[Any, Counts]:
        """{key: counts} where key is the value of `by` (a tuple when several, () for none)."""
        from feedback.models import Response

        if self.source == "raw":
            rows = aggregate_responses(
                Response.objects.filter(**filters.rollup_q()), by=by, names=names
            )
        else:
            # Without a team, the borough-level rollup (a few thousand rows at most).
            needs_team = filters.team_id is not None or "team_id" in by
            model = ResponseRollup if needs_team else BoroughRollup
            rows = sum_rollup(model.objects.filter(**filters.rollup_q()), by=by, names=names)
        found: dict[Any, Counts] = defaultdict(lambda: _zero(names))
        for row in rows:
            _add(found[_key(row, by)], row, names)
        for row in self.tail:
            if _matches(row, filters):
                _add(found[_key(row, by)], row, names)
        if not by:
            found[()]  # noqa: B018 - the totals row exists even when nothing matched
        return dict(found)

    def invitations(self, filters: Filters) -> dict[str, Counts]:
        from feedback.models import Invitation

        names = list(INVITATION_MEASURES)
        if self.source == "raw":
            queryset = Invitation.objects.all()
            if filters.month_from:
                queryset = queryset.filter(created_at__gte=_month_start(filters.month_from))
            if filters.month_to:
                queryset = queryset.filter(
                    created_at__lt=_month_start(add_months(filters.month_to, 1))
                )
            if filters.borough_id is not None:
                queryset = queryset.filter(team__borough_id=filters.borough_id)
            if filters.team_id is not None:
                queryset = queryset.filter(team_id=filters.team_id)
            if filters.channel:
                queryset = queryset.filter(channel=filters.channel)
            rows: list[dict[str, Any]] = list(
                queryset.order_by()
                .values("channel")
                .annotate(
                    invitations=Count("pk"), sent=Count("pk", filter=Q(sent_at__isnull=False))
                )
            )
        else:
            rows = sum_rollup(
                InvitationRollup.objects.filter(**filters.rollup_q()), by=["channel"], names=names
            )
        found: dict[str, Counts] = defaultdict(lambda: _zero(names))
        for row in rows:
            _add(found[row["channel"]], row, names)
        for row in self.invitation_tail:
            if _matches(row, filters):
                _add(found[row["channel"]], row, names)
        return dict(found)


def _key(row: dict[str, Any], by: Sequence[str]) -> Any:
    if len(by) == 1:
        return row[by[0]]
    return tuple(row[b] for b in by)


def _split(found: dict[Any, Counts], position: int) -> dict[Any, Counts]:
    """Counts keyed by (month, channel) added up by one of the two."""
    out: dict[Any, Counts] = {}
    for key, row in found.items():
        _add(out.setdefault(key[position], _zero(row)), row, row)
    return out


def dashboard_counts(*, filters: Filters, source: Source = "rollup") -> DashboardCounts:
    """Every count the analysts' dashboard shows, for `filters`, before suppression."""
    reader = _Reader(source)
    everything = list(RESPONSE_MEASURES)
    # Every borough, for the months and channel chosen: the comparison between areas, and
    # (added up) London, the totals of one borough and of the borough to compare with.
    by_borough = reader.responses(filters.without_area(), by=["borough_id"], names=everything)
    london = _zero(everything)
    for row in by_borough.values():
        _add(london, row, everything)
    if filters.team_id is not None:
        totals = reader.responses(filters, by=(), names=everything)[()]
    elif filters.borough_id is not None:
        totals = by_borough.get(filters.borough_id, _zero(everything))
    else:
        totals = london
    # Months and channels in one query (at most 4 rows a month), added up here.
    by_month_channel = reader.responses(filters, by=["month", "channel"], names=BREAKDOWN_MEASURES)
    counts = DashboardCounts(
        filters=filters,
        totals=totals,
        by_month=_split(by_month_channel, 0),
        by_channel=_split(by_month_channel, 1),
        by_borough=by_borough,
        by_team=(
            reader.responses(filters, by=["team_id"], names=BREAKDOWN_MEASURES)
            if filters.any_area
            else {}
        ),
        invitations=reader.invitations(filters),
        london=london if filters.any_area else None,
    )
    if filters.compare_id is not None:
        counts.compare = by_borough.get(filters.compare_id, _zero(everything))
    themes = sum_rollup(
        ThemeRollup.objects.filter(**filters.rollup_q()), by=["theme"], names=["comments"]
    )
    counts.themes = {row["theme"]: row["comments"] for row in themes}
    return counts


# The officer's own view ------------------------------------------------------------------

OFFICER_MEASURES = (
    "responses",
    "with_comment",
    *OVERALL,
    *(f"{q}_{a}" for q in QUESTIONS for a in ANSWERS),
)


@dataclass
class OfficerFeedback:
    totals: Counts
    by_month: dict[date, Counts]
    comments: list[str]


def officer_feedback(*, officer: Any, since: date) -> OfficerFeedback:
    """An officer's own responses from `since` (a month), added up, and their released
    comments (texts only: no date, channel or anything else about who wrote them)."""
    from feedback.models import Response
    from redaction.models import Status
    from redaction.services import require_released

    mine = Response.objects.filter(officer=officer, month__gte=since)
    names = list(OFFICER_MEASURES)
    rows = aggregate_responses(mine, by=["month"], names=names)
    by_month = {row["month"]: {n: row[n] for n in names} for row in rows}
    totals = _zero(names)
    for row in rows:
        _add(totals, row, names)
    comments = [
        require_released(r.comment)
        for r in mine.filter(comment__status=Status.RELEASED)
        .select_related("comment")
        .only("comment__status", "comment__released")
        if r.comment is not None
    ]
    # Alphabetical: the order says nothing about when each was written.
    comments.sort(key=str.casefold)
    return OfficerFeedback(totals=totals, by_month=by_month, comments=comments)
