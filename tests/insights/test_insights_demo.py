"""The feedback loop demo: one recommendation followed from points of two meetings to a
police response with a reason and progress; one overdue; one done. Safe to run twice."""

import pytest
from django.utils import timezone

from forums.demo import seed_forums
from insights.demo import FIRST_TITLE, seed_insights
from insights.models import (
    FeedbackPoint,
    PoliceLeadProfile,
    PolicePosition,
    Recommendation,
    RecommendationStatus,
)
from portal.demo import seed_member_portal
from redaction.services import require_released
from reports.services import previous_month

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def demo(personas):  # type: ignore[no-untyped-def]
    seed_forums()
    seed_member_portal()
    return seed_insights()


def test_the_demo_follows_one_recommendation_from_two_meetings_to_progress(demo, personas):  # type: ignore[no-untyped-def]
    first = Recommendation.objects.get(title=FIRST_TITLE)
    assert first.points.values("meeting").distinct().count() == 2
    assert first.status == RecommendationStatus.PARTLY_ACCEPTED
    assert first.response.reason
    assert first.progress_updates.count() == 2
    assert first.owner_area is not None
    # Every point was said before the recommendation was raised from it.
    for recommendation in Recommendation.objects.all():
        for point in recommendation.points.select_related("meeting"):
            assert point.meeting.starts_at < point.created_at < recommendation.raised_at


def test_the_demo_has_an_overdue_recommendation_and_one_done(demo):  # type: ignore[no-untyped-def]
    overdue = [r for r in Recommendation.objects.all() if r.is_overdue]
    assert len(overdue) == 1 and not hasattr(overdue[0], "response")
    done = Recommendation.objects.get(status=RecommendationStatus.DONE)
    assert done.response.decision == "accepted"


def test_demo_points_are_confirmed_and_released_without_the_name_and_number(demo):  # type: ignore[no-untyped-def]
    points = list(FeedbackPoint.objects.select_related("text"))
    assert len(points) >= 5
    assert all(p.confirmed_at for p in points)
    released = " ".join(require_released(p.text) for p in points)
    assert "Dan Hollis" not in released and "900461" not in released
    assert "[NAME]" in released and "[PHONE]" in released


def test_the_demo_makes_the_police_lead_head_of_profession_and_is_idempotent(demo, personas):  # type: ignore[no-untyped-def]
    profile = PoliceLeadProfile.objects.get(user=personas["police_lead"])
    assert profile.position == PolicePosition.HEAD_OF_PROFESSION
    counts = (Recommendation.objects.count(), FeedbackPoint.objects.count())
    assert seed_insights() == demo == "7 feedback points and 3 recommendations"
    assert (Recommendation.objects.count(), FeedbackPoint.objects.count()) == counts


def test_the_demos_history_runs_in_order_and_its_response_falls_last_month(demo):  # type: ignore[no-untyped-def]
    """On any day (make test runs this on the 1st of a month, 31 December and the days the
    clocks change): raised, then answered in time, then updated, all in the past; and the
    first recommendation's response in last month, for the demo's released report."""
    now = timezone.now()
    for rec in Recommendation.objects.all():
        assert rec.raised_at < now
        response = getattr(rec, "response", None)
        if response is not None:
            assert rec.raised_at < response.responded_at < now
            assert timezone.localdate(response.responded_at) <= rec.response_due
        for update in rec.progress_updates.all():
            start = response.responded_at if response is not None else rec.raised_at
            assert start < update.created_at < now
    first = Recommendation.objects.get(title=FIRST_TITLE)
    responded_on = timezone.localdate(first.response.responded_at)
    assert responded_on.replace(day=1) == previous_month()
