"""Retention of feedback (feedback/retention.py): comments dropped after a year (ratings
kept), responses and routed comments deleted after three years and one, invitation
contacts cleared after seven days; each re-run finds nothing more."""

from datetime import timedelta

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Borough, Channel, Invitation, Response, RoutedComment
from privacy.purge import purge_expired
from redaction.models import RedactedText

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _response(text: str = "He will kill me. Call 07700 900123.") -> Response:
    team = services.team_ensure(
        borough=Borough.objects.get(code="E09000012"), name="Hackney retention team"
    )
    code = services.team_code_ensure(team=team)
    return services.response_submit(
        code=code,
        channel=Channel.QR,
        answers=services.CoreAnswers(overall=3, comment=text),
        submission_key=f"retention-{Response.objects.count()}",
    ).response


def test_a_comment_is_dropped_after_a_year_and_the_ratings_kept() -> None:
    response = _response()
    comment_id = response.comment_id
    assert comment_id is not None
    later = timezone.now() + timedelta(days=364)
    (inside,) = purge_expired(now=later, rules=["feedback.comments"])
    assert inside.count == 0
    (receipt,) = purge_expired(now=later + timedelta(days=2), rules=["feedback.comments"])
    assert receipt.count == 1
    response.refresh_from_db()
    assert response.comment is None and response.overall == 3
    assert not RedactedText.objects.filter(pk=comment_id).exists()
    (again,) = purge_expired(now=later + timedelta(days=2), rules=["feedback.comments"])
    assert again.count == 0


def test_responses_are_deleted_after_three_years_with_their_routing() -> None:
    response = _response()
    assert RoutedComment.objects.filter(response=response).exists()
    soon = timezone.now() + timedelta(days=3 * 365 - 1)
    purge_expired(now=soon, rules=["feedback.responses"])
    assert Response.objects.filter(pk=response.pk).exists()
    purge_expired(now=soon + timedelta(days=2), rules=["feedback.responses"])
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not RoutedComment.objects.filter(response_id=response.pk).exists()


def test_routed_comments_are_deleted_after_a_year() -> None:
    response = _response()
    purge_expired(now=timezone.now() + timedelta(days=366), rules=["feedback.routed_comments"])
    assert not RoutedComment.objects.filter(response=response).exists()
    assert Response.objects.filter(pk=response.pk).exists()


def test_an_invitation_contact_is_kept_at_most_seven_days() -> None:
    team = services.team_ensure(
        borough=Borough.objects.get(code="E09000012"), name="Hackney retention team"
    )
    invitation = Invitation.objects.create(
        token_hash="1" * 64,
        channel=Channel.SMS,
        team=team,
        contact="07700 900123",
        expires_at=timezone.now() + timedelta(days=7),
    )
    rule = ["feedback.invitation_contacts"]
    purge_expired(now=timezone.now() + timedelta(days=6), rules=rule)
    invitation.refresh_from_db()
    assert invitation.contact == "07700 900123"
    (receipt,) = purge_expired(now=timezone.now() + timedelta(days=7, minutes=1), rules=rule)
    assert receipt.count == 1
    invitation.refresh_from_db()
    assert invitation.contact is None
