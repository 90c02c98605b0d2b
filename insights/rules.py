"""State rules of the feedback loop. Each check raises lib.rules.RuleBroken with a message
for the page (and the form field it belongs to, when there is one)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from forums.models import Forum
from insights.models import (
    FeedbackPoint,
    ProgressKind,
    Recommendation,
    RecommendationStatus,
    ResponseDecision,
)
from lib.rules import RuleBroken


def check_point_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise RuleBroken(_("Enter what was said"), field="text")
    return text


def check_point_confirmable(point: FeedbackPoint) -> None:
    if point.confirmed_at is not None:
        raise RuleBroken(_("This point has already been confirmed."))


def check_points_raisable(points: Iterable[FeedbackPoint], forum: Forum) -> list[FeedbackPoint]:
    """One or more confirmed points, all of `forum`."""
    chosen = list(points)
    if not chosen:
        raise RuleBroken(_("Select at least one feedback point"), field="points")
    for point in chosen:
        if point.forum_id != forum.pk:
            raise RuleBroken(_("Select points of this forum only"), field="points")
        if point.confirmed_at is None:
            raise RuleBroken(_("Select confirmed points only"), field="points")
    return chosen


def check_respondable(recommendation: Recommendation) -> None:
    if recommendation.status != RecommendationStatus.AWAITING_RESPONSE:
        raise RuleBroken(_("This recommendation already has a response."))


def reason_required(decision: str) -> bool:
    """A reason is required for anything short of accepted."""
    return decision != ResponseDecision.ACCEPTED


def check_reason(decision: str, reason: str) -> str:
    reason = reason.strip()
    if reason_required(decision) and not reason:
        raise RuleBroken(
            _("Give the reason the recommendation is not fully accepted"), field="reason"
        )
    return reason


def can_update(recommendation: Recommendation) -> bool:
    """Progress is recorded once a response accepted the recommendation, in full or in
    part, and until it is done."""
    return recommendation.status in (
        RecommendationStatus.ACCEPTED,
        RecommendationStatus.PARTLY_ACCEPTED,
    )


def check_updatable(recommendation: Recommendation, kind: str) -> None:
    if kind not in ProgressKind.values:
        raise RuleBroken(_("Select what kind of update this is"), field="kind")
    if recommendation.status == RecommendationStatus.AWAITING_RESPONSE:
        raise RuleBroken(_("Record the police response first."))
    if recommendation.status == RecommendationStatus.NOT_ACCEPTED:
        raise RuleBroken(_("This recommendation was not accepted, so it has no progress."))
    if recommendation.status == RecommendationStatus.DONE:
        raise RuleBroken(_("This recommendation is done."))
