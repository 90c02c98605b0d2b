"""Subject requests for feedback (feedback/subject_data.py): an officer's posting, codes and
the responses about them are found through their account; erasure takes the officer off
the responses and deactivates their codes; an invitation's contact is found and cleared."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import Borough, Channel, FeedbackCode, Invitation, OfficerPosting, Response
from privacy.subjects import SubjectQuery, registry

pytestmark = pytest.mark.django_db


def _provider() -> Any:
    return registry.provider("feedback")


def test_an_officers_feedback_data_is_found_exported_and_erased(personas: dict[str, Any]) -> None:
    officer = personas["officer"]
    team = services.team_ensure(borough=Borough.objects.get(code="E09000007"), name="Camden SAR")
    services.officer_posting_set(officer=officer, team=team)
    code = FeedbackCode.objects.get(officer=officer, active=True)
    services.response_submit(
        code=code,
        channel=Channel.QR,
        answers=services.CoreAnswers(overall=5),
        submission_key="subject-test",
    )
    matches = _provider().for_user(officer)
    assert len(matches) == 3
    sections = [_provider().export(m) for m in matches]
    assert any("anonymous" in str(s.fields) for s in sections)
    for match in matches:
        _provider().erase(match)
    assert not OfficerPosting.objects.filter(officer=officer).exists()
    assert not FeedbackCode.objects.filter(officer=officer).exists()
    response = Response.objects.get(submission_key="subject-test")
    assert response.officer is None and response.team == team


def test_an_invitation_contact_is_found_by_phone_and_cleared() -> None:
    team = services.team_ensure(borough=Borough.objects.get(code="E09000007"), name="Camden SAR")
    Invitation.objects.create(
        token_hash="2" * 64,
        channel=Channel.SMS,
        team=team,
        contact="07700 900777",
        expires_at=timezone.now() + timedelta(days=7),
    )
    (match,) = _provider().find(SubjectQuery(phone="+44 7700 900777").normalised())
    assert "07700 900777" in str(_provider().export(match).fields)
    _provider().erase(match)
    assert Invitation.objects.get(token_hash="2" * 64).contact is None
