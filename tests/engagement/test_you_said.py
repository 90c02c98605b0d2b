"""'You said, we did' for a participant: every opportunity they took part in (found by their
invitations, never their answers), with what the partner changed, in Welsh when given, or
what we are still waiting for; nothing of anyone else's."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    OpportunityStatus,
    SurveyResponse,
)
from engagement.tokens import new_token
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db

URL = reverse("engagement:you_said")


def _invite(person: Any, item: Opportunity, status: str = InvitationStatus.TOOK_PART) -> None:
    _token, digest = new_token(purpose="invitation")
    Invitation.objects.create(
        opportunity=item,
        participant=person,
        status=status,
        token_digest=digest,
        took_part_at=timezone.now() if status == InvitationStatus.TOOK_PART else None,
    )


def _released(**fields: Any) -> Opportunity:
    values: dict[str, Any] = {
        "status": OpportunityStatus.RESULTS_RELEASED,
        "results_released_at": timezone.now(),
        "change_due_on": timezone.localdate() + timedelta(days=20),
    }
    values.update(fields)
    return opportunity(**values)


@pytest.fixture
def me(personas: dict[str, Any]) -> Any:
    return participant(user=personas["member"])


def test_it_shows_what_the_partner_changed(me, client_as):
    item = _released(
        title="Letters about decisions",
        what_changed="We now phone before we write.",
        what_changed_at=timezone.now(),
    )
    _invite(me, item)
    body = client_as("member").get(URL).content.decode()
    assert "Letters about decisions" in body
    assert "We now phone before we write." in body
    assert "People who answered the survey: 0." in body  # the headline
    for _n in range(3):
        SurveyResponse.objects.create(opportunity=item)
    body = client_as("member").get(URL).content.decode()
    assert "People who answered the survey: fewer than 5." in body


def test_it_is_in_welsh_on_a_welsh_page(me, client_as):
    item = _released(
        title="Letters about decisions",
        title_cy="Llythyrau am benderfyniadau",
        what_changed="We now phone before we write.",
        what_changed_cy="Rydym nawr yn ffonio cyn ysgrifennu.",
        what_changed_at=timezone.now(),
    )
    _invite(me, item)
    client = client_as("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    body = client.get(URL).content.decode()
    assert "Llythyrau am benderfyniadau" in body
    assert "Rydym nawr yn ffonio cyn ysgrifennu." in body
    assert "We now phone before we write." not in body


def test_it_says_what_we_are_waiting_for(me, client_as):
    waiting = _released(title="Waiting one", asked_by="Crown Prosecution Service (demo)")
    _invite(me, waiting)
    not_yet = opportunity(title="Not released", status=OpportunityStatus.CLOSED)
    _invite(me, not_yet)
    body = client_as("member").get(URL).content.decode()
    due = waiting.change_due_on.strftime("%-d %B %Y")
    assert (
        f"Waiting for Crown Prosecution Service (demo) to say what they changed, due by {due}"
        in body
    )
    assert "The results are not ready yet." in body


def test_only_what_they_took_part_in(me, client_as):
    declined = _released(title="Declined one", what_changed="X", what_changed_at=timezone.now())
    _invite(me, declined, status=InvitationStatus.DECLINED)
    someone_else = _released(
        title="Someone else's",
        kind=Kind.CALL_TESTING,
        what_changed="Y",
        what_changed_at=timezone.now(),
    )
    _invite(participant(), someone_else)
    body = client_as("member").get(URL).content.decode()
    assert "Declined one" not in body and "Someone else&#x27;s" not in body
    assert "When you take part in a survey" in body


def test_a_member_not_on_the_register_is_told_so(client_as):
    body = client_as("member").get(URL).content.decode()
    assert "You are not on the engagement register" in body


def test_only_members_open_it(client_as):
    assert client_as("partner_agency").get(URL).status_code == 403
    assert client_as("programme_admin").get(URL).status_code == 403
