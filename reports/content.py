"""What a monthly report says: gathered from the feedback loop (insights) for one forum, or
across all forums, for one calendar month (Europe/London).

Only anonymised content leaves this module:
- feedback points' text only as RELEASED by a reviewer (redaction.services.require_released);
  points not yet confirmed are counted as "waiting for review", never quoted;
- every count of people or of what they said goes through lib/suppression/; counts of
  recommendations are shown as they are (lib.suppression.counts_of_things);
- no member, attendance figure or author: who recorded, raised or responded is not shown.
Recommendations, police responses and progress updates are written by staff for the
police, and are shown as written (docs/reports.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from lib.suppression import (
    Cell,
    SuppressedCounts,
    SuppressedTable,
    counts_of_things,
    suppress_count,
    suppress_counts,
    suppress_table,
)
from redaction.services import NotReleasedError, require_released


def month_bounds(month: date) -> tuple[datetime, datetime]:
    """The first moment of `month` and of the month after, in local time."""
    start = month.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, datetime.min.time()), zone),
        timezone.make_aware(datetime.combine(following, datetime.min.time()), zone),
    )


@dataclass
class Quote:
    kind: str
    themes: list[str]
    text: str
    forum: str


@dataclass
class RecommendationLine:
    pk: int
    title: str
    ask: str
    why: str
    forum: str
    owner_area: str
    status: str
    raised_on: date | None
    response_due: date | None
    age_days: int | None
    overdue: bool


@dataclass
class ResponseLine:
    recommendation: str
    forum: str
    decision: str
    reason: str
    owner: str
    actions: str
    target_date: date | None
    responded_on: date | None


@dataclass
class UpdateLine:
    recommendation: str
    forum: str
    kind: str
    text: str
    created_on: date | None


@dataclass
class ReportContent:
    month: date
    forum_name: str  # "" across all forums
    across_forums: bool
    generated_on: date
    points_by_kind: SuppressedCounts
    points_by_theme: SuppressedCounts
    waiting_for_review: Cell
    # Across all forums only: points by forum and kind, with totals.
    points_by_forum: SuppressedTable | None = None
    quotes: list[Quote] = field(default_factory=list)
    raised: list[RecommendationLine] = field(default_factory=list)
    open_by_status: SuppressedCounts | None = None
    open: list[RecommendationLine] = field(default_factory=list)
    overdue: list[RecommendationLine] = field(default_factory=list)
    responses: list[ResponseLine] = field(default_factory=list)
    updates: list[UpdateLine] = field(default_factory=list)


OPEN_STATUSES = ("awaiting_response", "accepted", "partly_accepted")


def _in_forum(queryset: Any, forum: Any, path: str = "forum") -> Any:
    return queryset if forum is None else queryset.filter(**{path: forum})


def _recommendation_line(rec: Any, today: date) -> RecommendationLine:
    raised_on = timezone.localdate(rec.raised_at) if rec.raised_at else None
    return RecommendationLine(
        pk=rec.pk,
        title=rec.title,
        ask=rec.ask,
        why=rec.why,
        forum=rec.forum.name,
        owner_area=rec.owner_area.name if rec.owner_area_id else "",
        status=str(rec.get_status_display()),
        raised_on=raised_on,
        response_due=rec.response_due,
        age_days=(today - raised_on).days if raised_on else None,
        overdue=bool(rec.is_overdue),
    )


def _points(forum: Any, start: datetime, end: datetime) -> tuple[Any, list[Any], int]:
    """(confirmed points of the month with released text, in order; waiting count)."""
    from insights.models import FeedbackPoint

    points = list(
        _in_forum(FeedbackPoint.objects.all(), forum)
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("text", "forum")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )
    confirmed: list[tuple[Any, str]] = []
    waiting = 0
    for point in points:
        if point.confirmed_at is None:
            waiting += 1
            continue
        try:
            text = require_released(point.text)
        except NotReleasedError:
            waiting += 1
            continue
        confirmed.append((point, text))
    return points, confirmed, waiting


def build_content(*, forum: Any, month: date) -> ReportContent:
    """Everything the report shows for `forum` (None: all forums) in `month`."""
    from insights.models import (
        PointKind,
        PoliceResponse,
        ProgressUpdate,
        Recommendation,
        RecommendationStatus,
        Theme,
    )

    start, end = month_bounds(month)
    today = timezone.localdate()
    _all, confirmed, waiting = _points(forum, start, end)

    kinds = Counter(point.kind for point, _text in confirmed)
    by_kind = suppress_counts(
        {str(label): kinds.get(value, 0) for value, label in PointKind.choices}
    )

    themes_used: Counter[int] = Counter()
    for point, _text in confirmed:
        for theme in point.themes.all():
            themes_used[theme.pk] += 1
    themes = list(
        Theme.objects.filter(pk__in=list(themes_used)) | Theme.objects.filter(active=True)
    )
    themes.sort(key=lambda t: (t.order, t.name))
    # A point may carry several themes: the theme counts do not add up to the number of
    # points, so they are suppressed as a list with no total shown.
    by_theme = suppress_counts({t.name: themes_used.get(t.pk, 0) for t in themes}, total=False)

    points_by_forum = None
    if forum is None:
        from reports.services import forums_in_month

        names = [f.name for f in forums_in_month(month)]
        names += sorted({p.forum.name for p, _t in confirmed} - set(names))
        grid: dict[str, Counter[str]] = {name: Counter() for name in names}
        for point, _text in confirmed:
            grid[point.forum.name][point.kind] += 1
        kind_columns = [str(label) for _value, label in PointKind.choices]
        points_by_forum = suppress_table(
            {
                name: {str(label): grid[name].get(value, 0) for value, label in PointKind.choices}
                for name in names
            },
            columns=kind_columns,
        )

    kind_labels = dict(PointKind.choices)
    quotes = [
        Quote(
            kind=str(kind_labels.get(point.kind, point.kind)),
            themes=[t.name for t in sorted(point.themes.all(), key=lambda t: (t.order, t.name))],
            text=text,
            forum=point.forum.name,
        )
        for point, text in confirmed
    ]

    recs = _in_forum(Recommendation.objects.all(), forum).select_related("forum", "owner_area")
    raised = [
        _recommendation_line(r, today)
        for r in recs.filter(raised_at__gte=start, raised_at__lt=end).order_by("raised_at", "pk")
    ]
    open_recs = [
        _recommendation_line(r, today)
        for r in recs.filter(status__in=OPEN_STATUSES, raised_at__lt=end).order_by(
            "raised_at", "pk"
        )
    ]
    status_labels = {value: str(label) for value, label in RecommendationStatus.choices}
    open_counts = Counter(r.status for r in open_recs)
    # Recommendations are not people: their counts are shown as they are.
    open_by_status = counts_of_things(
        {status_labels[s]: open_counts.get(status_labels[s], 0) for s in OPEN_STATUSES}
    )
    overdue = [r for r in open_recs if r.overdue]

    responses = [
        ResponseLine(
            recommendation=resp.recommendation.title,
            forum=resp.recommendation.forum.name,
            decision=str(resp.get_decision_display()),
            reason=resp.reason,
            owner=resp.owner,
            actions=resp.actions,
            target_date=resp.target_date,
            responded_on=timezone.localdate(resp.responded_at) if resp.responded_at else None,
        )
        for resp in _in_forum(PoliceResponse.objects.all(), forum, "recommendation__forum")
        .filter(responded_at__gte=start, responded_at__lt=end)
        .select_related("recommendation__forum")
        .order_by("responded_at", "pk")
    ]
    updates = [
        UpdateLine(
            recommendation=update.recommendation.title,
            forum=update.recommendation.forum.name,
            kind=str(update.get_kind_display()),
            text=update.text,
            created_on=timezone.localdate(update.created_at) if update.created_at else None,
        )
        for update in _in_forum(ProgressUpdate.objects.all(), forum, "recommendation__forum")
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("recommendation__forum")
        .order_by("created_at", "pk")
    ]

    return ReportContent(
        month=month,
        forum_name=forum.name if forum is not None else "",
        across_forums=forum is None,
        generated_on=today,
        points_by_kind=by_kind,
        points_by_theme=by_theme,
        waiting_for_review=suppress_count(waiting),
        points_by_forum=points_by_forum,
        quotes=quotes,
        raised=raised,
        open_by_status=open_by_status,
        open=open_recs,
        overdue=overdue,
        responses=responses,
        updates=updates,
    )
