"""The feedback demo data: teams, codes for every team and the officer persona, and a few
hundred responses over six months across channels; safe to run twice."""

from typing import Any

import pytest

from feedback.demo import seed_feedback
from feedback.models import Channel, FeedbackCode, Response, RoutedComment, Team

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_it_seeds_responses_across_channels_and_is_idempotent(personas: dict[str, Any]) -> None:
    first = seed_feedback()
    count = Response.objects.count()
    assert count >= 300
    assert set(Response.objects.values_list("channel", flat=True)) == {c.value for c in Channel}
    assert Response.objects.filter(officer=personas["officer"]).count() >= 30
    assert Response.objects.filter(comment__status="released").exists()
    assert RoutedComment.objects.exists()
    for team in Team.objects.all():
        assert FeedbackCode.objects.filter(team=team, officer__isnull=True).exists()
    assert FeedbackCode.objects.filter(officer=personas["officer"], active=True).count() == 1
    second = seed_feedback()
    assert Response.objects.count() == count
    assert first == second
