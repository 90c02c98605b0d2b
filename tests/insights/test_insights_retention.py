"""Retention and subject requests of the feedback loop: points go (with their redacted text)
a month before their meetings, so the meeting purge is never blocked; recommendations are
kept six years; digests a year. A member's digests and a police lead's position are found,
exported and erased through their account."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from forums.models import Meeting
from insights.models import FeedbackPoint, MemberDigest, PoliceLeadProfile, Recommendation
from privacy.purge import purge_expired
from privacy.retention import registry
from privacy.subjects import registry as subjects
from redaction.models import RedactedText
from tests.insights.access import forum_a, make_point, make_recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_rules_and_their_periods() -> None:
    assert registry.get("insights.feedback_points").period_timedelta() < (
        registry.get("forums.meetings").period_timedelta()
    )
    assert registry.get("insights.recommendations").period_timedelta().days == 6 * 365
    assert registry.get("insights.member_digests").period_timedelta().days == 365


def test_points_go_with_their_text_before_the_meetings_and_the_meeting_purge_runs(
    personas: dict[str, Any],
) -> None:
    point = make_point(personas, confirm=True)
    recommendation = make_recommendation(personas, points=[make_point(personas, confirm=True)])
    forum = forum_a(personas)
    forum.tenure_ends_on = timezone.localdate() - timedelta(days=200)
    forum.save(update_fields=["tenure_ends_on"])
    meeting_ids = list(Meeting.objects.filter(forum=forum).values_list("pk", flat=True))
    text_id = point.text_id
    # A month before the meetings' date only the points go.
    purge_expired(
        now=timezone.now() - timedelta(days=40),
        rules=["forums.meetings", "insights.feedback_points"],
    )
    assert not FeedbackPoint.objects.filter(forum=forum).exists()
    assert not RedactedText.objects.filter(pk=text_id).exists()
    assert Meeting.objects.filter(pk__in=meeting_ids).exists()
    # The recommendation stays, without points; then the meetings can go.
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    purge_expired(rules=["forums.meetings", "insights.feedback_points"])
    assert not Meeting.objects.filter(pk__in=meeting_ids).exists()


def test_recommendations_are_deleted_six_years_after_being_raised(
    personas: dict[str, Any],
) -> None:
    recommendation = make_recommendation(personas)
    purge_expired(rules=["insights.recommendations"])
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    purge_expired(
        now=timezone.now() + timedelta(days=6 * 365 + 1), rules=["insights.recommendations"]
    )
    assert not Recommendation.objects.filter(pk=recommendation.pk).exists()


def test_a_members_digests_are_found_exported_and_erased(personas: dict[str, Any]) -> None:
    recommendation = make_recommendation(personas)
    digest = MemberDigest.objects.create(member=personas["member"], forum=recommendation.forum)
    digest.recommendations.add(recommendation)
    provider = subjects.provider("insights")
    matches = provider.for_user(personas["member"])
    assert [m.pk for m in matches] == [digest.pk]
    section = provider.export(matches[0])
    assert ("Recommendation", recommendation.title) in section.fields
    assert provider.erase(matches[0]).erased == 1
    assert not MemberDigest.objects.filter(pk=digest.pk).exists()


def test_a_police_leads_position_is_found_and_exported(personas: dict[str, Any]) -> None:
    provider = subjects.provider("insights")
    matches = provider.for_user(personas["police_lead"])
    assert len(matches) == 1
    section = provider.export(matches[0])
    assert ("Position", "Head of Profession for Victim Care") in section.fields
    assert PoliceLeadProfile.objects.filter(user=personas["police_lead"]).exists()


def test_a_meeting_purge_that_finds_points_still_there_deletes_them_too(
    personas: dict[str, Any],
) -> None:
    point = make_point(personas, confirm=True)
    forum = forum_a(personas)
    forum.tenure_ends_on = timezone.localdate() - timedelta(days=200)
    forum.save(update_fields=["tenure_ends_on"])
    purge_expired(rules=["forums.meetings"])
    assert not Meeting.objects.filter(pk=point.meeting_id).exists()
    assert not FeedbackPoint.objects.filter(pk=point.pk).exists()
