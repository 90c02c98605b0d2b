"""Reads of the feedback loop. Lists take the viewer and apply visibility in one place
(insights.access); each decides its select_related/prefetch_related so pages make a fixed
number of queries. Words of a point are read only through `point_text` (released text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.models import User
from forums.models import Forum, Meeting
from insights.access import recommendation_list_for
from insights.models import (
    FeedbackPoint,
    OwnerArea,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    Theme,
)
from redaction.services import require_released

# The status filter also takes this value: waiting for a response past the due date.
OVERDUE = "overdue"


def _with_relations(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return queryset.select_related("forum", "owner_area", "response")


def recommendation_list(
    *,
    viewer: User,
    forum: Forum | int | None = None,
    area: OwnerArea | int | None = None,
    status: str | None = None,
) -> QuerySet[Recommendation]:
    """The recommendations `viewer` may see (programme admins, Head of Profession and Lead
    Responsible Officers: all; a professional lead: their areas), newest first, filtered by
    forum, owner area and status (a RecommendationStatus value, or "overdue")."""
    queryset = _with_relations(recommendation_list_for(viewer))
    if forum:
        queryset = queryset.filter(forum=forum)
    if area:
        queryset = queryset.filter(owner_area=area)
    if status == OVERDUE:
        queryset = queryset.filter(
            status=RecommendationStatus.AWAITING_RESPONSE,
            response_due__lt=timezone.localdate(),
        )
    elif status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-raised_at", "-pk")


def overdue_recommendations(*, today: date | None = None) -> QuerySet[Recommendation]:
    """Every recommendation still waiting for a police response after its due date, the
    longest overdue first (no viewer: for the daily summary and reports)."""
    today = today or timezone.localdate()
    return Recommendation.objects.filter(
        status=RecommendationStatus.AWAITING_RESPONSE, response_due__lt=today
    ).order_by("response_due", "pk")


def recommendation_overview(
    *,
    viewer: User,
    forum: int | None = None,
    area: int | None = None,
    status: str | None = None,
) -> list[Recommendation]:
    """Every recommendation `viewer` may see on one page: overdue first, then the oldest
    first (age = days since raised). Fixed number of queries."""
    rows = list(recommendation_list(viewer=viewer, forum=forum, area=area, status=status))
    rows.sort(key=lambda r: (not r.is_overdue, r.raised_at, r.pk))
    return rows


def point_text(point: FeedbackPoint) -> str:
    """The words of a confirmed point as released (never the original). Raises
    redaction.services.NotReleasedError for a point not yet confirmed."""
    return require_released(point.text)


@dataclass(frozen=True)
class ShownPoint:
    """A point as shown outside the forum team: its released words only."""

    point: FeedbackPoint
    text: str
    themes: list[Theme]

    @property
    def meeting_date(self) -> date:
        return timezone.localdate(self.point.meeting.starts_at)


def recommendation_points(recommendation: Recommendation) -> list[ShownPoint]:
    """The confirmed points a recommendation was raised from, with released words."""
    points = (
        recommendation.points.filter(confirmed_at__isnull=False)
        .select_related("meeting", "text", "agenda_item")
        .prefetch_related("themes")
        .order_by("meeting__starts_at", "pk")
    )
    return [ShownPoint(p, point_text(p), list(p.themes.all())) for p in points]


def recommendation_history(recommendation: Recommendation) -> list[ProgressUpdate]:
    """Progress updates, oldest first."""
    return list(recommendation.progress_updates.order_by("created_at", "pk"))


def points_for_meeting(*, meeting: Meeting) -> QuerySet[FeedbackPoint]:
    """A meeting's points for its facilitators, oldest first."""
    return (
        FeedbackPoint.objects.filter(meeting=meeting)
        .select_related("agenda_item", "text")
        .prefetch_related("themes")
        .order_by("created_at", "pk")
    )


def confirmed_points(*, forum: Forum) -> QuerySet[FeedbackPoint]:
    """A forum's confirmed points (from all its meetings), newest meeting first: what a
    recommendation can be raised from."""
    return (
        FeedbackPoint.objects.filter(forum=forum, confirmed_at__isnull=False)
        .select_related("meeting", "text", "agenda_item")
        .prefetch_related("themes")
        .order_by("-meeting__starts_at", "pk")
    )


def active_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(active=True).order_by("order", "name")


def owner_areas(*, active_only: bool = False) -> QuerySet[OwnerArea]:
    queryset = OwnerArea.objects.prefetch_related(
        Prefetch("leads", queryset=User.objects.order_by("full_name"))
    )
    if active_only:
        queryset = queryset.filter(active=True)
    return queryset.order_by("name")


def status_counts(*, viewer: User) -> dict[str, int]:
    """How many recommendations `viewer` may see, by status, plus "overdue"."""
    counts = dict.fromkeys([*RecommendationStatus.values, OVERDUE], 0)
    for status, overdue in recommendation_list_for(viewer).values_list(
        "status",
        "response_due",
    ):
        counts[status] += 1
        if status == RecommendationStatus.AWAITING_RESPONSE and overdue < timezone.localdate():
            counts[OVERDUE] += 1
    return counts
