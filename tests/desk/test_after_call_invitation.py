"""After a call the desk may send a feedback invitation: never to a victim who said no, never
about a sensitive kind of crime, and only by a channel their safe contact allows. Every refusal
is audited with its code; feedback's own rules still apply."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from desk.models import OffenceCategory, Victim
from desk.services import VictimIn
from desk.services.invitations import invitation_after_call, invitation_channels
from feedback.models import Invitation
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from safecontact.models import ChannelHold, SafeContact
from tests.desk.conftest import victim_of

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def victim_with(
    make_case: Any,
    offence: str = "burglary",
    *,
    contact: dict[str, Any] | None = None,
    **extra: Any,
) -> Victim:
    data = VictimIn(
        victim_ref="V1", full_name="Alex Example", date_of_birth=date(1980, 5, 17), **extra
    )
    victim = victim_of(make_case(offence=offence, victims=[data]))
    values = {"may_text": True, "phone": "07700 900123", "may_email": False, "email": ""}
    values.update(contact or {})
    SafeContact.objects.create(victim=victim, **values)
    return Victim.objects.get(pk=victim.pk)


def refusals(victim: Victim) -> list[str]:
    return list(
        AuditEvent.objects.filter(action="desk.invitation_refused", object_id=str(victim.pk))
        .order_by("pk")
        .values_list("note", flat=True)
    )


def test_a_victim_who_said_no_gets_no_invitation(make_case: Any, personas: dict[str, Any]) -> None:
    victim = victim_with(make_case, feedback_opt_out=True)
    with pytest.raises(RuleBroken) as refused:
        invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="sms")
    assert refused.value.code == "feedback_opt_out"
    assert str(refused.value) == "The victim said no to feedback invitations"
    assert refusals(victim) == ["refusal=feedback_opt_out"]
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("offence", ["domestic-abuse", "sexual-offence"])
def test_never_for_a_sensitive_kind_of_crime(
    offence: str, make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_with(make_case, offence)
    with pytest.raises(RuleBroken) as refused:
        invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="sms")
    assert refused.value.code == "sensitive_crime_type"
    assert str(refused.value) == "Feedback invitations are never sent for this kind of crime"
    assert refusals(victim) == ["refusal=sensitive_crime_type"]
    assert not Invitation.objects.exists()


def test_never_for_an_offence_with_no_feedback_crime_type(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_with(make_case, "burglary")
    OffenceCategory.objects.filter(code="burglary").update(feedback_crime_type=None)
    victim = Victim.objects.get(pk=victim.pk)
    with pytest.raises(RuleBroken) as refused:
        invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="sms")
    assert refused.value.code == "sensitive_crime_type"


@pytest.mark.parametrize(
    ("contact", "channel"),
    [
        ({"may_text": False}, "sms"),  # they did not say texts are safe
        ({"may_text": True, "phone": ""}, "sms"),  # no safe number
        ({"may_email": True, "email": ""}, "email"),  # no safe email address
        ({}, "email"),  # emails not safe
    ],
)
def test_only_by_a_channel_their_safe_contact_allows(
    contact: dict[str, Any], channel: str, make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_with(make_case, contact=contact)
    assert channel not in invitation_channels(victim)
    with pytest.raises(RuleBroken) as refused:
        invitation_after_call(actor=personas["desk_agent"], victim=victim, channel=channel)
    assert refused.value.code == "channel_ruled_out"
    assert refusals(victim) == ["refusal=channel_ruled_out"]
    assert not Invitation.objects.exists()


def test_not_by_a_channel_on_hold(make_case: Any, personas: dict[str, Any]) -> None:
    victim = victim_with(make_case)
    ChannelHold.objects.create(
        safe_contact=victim.safe_contact, channel="text", reason="unsafe_abandoned"
    )
    assert invitation_channels(victim) == []
    with pytest.raises(RuleBroken):
        invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="sms")


def test_an_invitation_goes_to_the_safe_number_for_the_cases_team(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_with(make_case)
    invitation = invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="sms")
    assert invitation.team == victim.case.team
    assert invitation.crime_type.code == "burglary"
    assert invitation.channel == "sms" and invitation.contact is None
    message = Message.objects.get(template="feedback_invitation")
    assert message.recipient == "07700900123" and message.language == "en"
    assert refusals(victim) == []


def test_a_welsh_speaker_gets_it_in_welsh_by_email(
    make_case: Any, personas: dict[str, Any]
) -> None:
    victim = victim_with(
        make_case,
        contact={"may_email": True, "email": "alex.safe@example.org"},
        language="cy",
    )
    assert invitation_channels(victim) == ["sms", "email"]
    invitation = invitation_after_call(actor=personas["desk_agent"], victim=victim, channel="email")
    assert invitation.language is not None and invitation.language.code == "cy"
    message = Message.objects.get(template="feedback_invitation")
    assert message.recipient == "alex.safe@example.org" and message.language == "cy"


def test_the_page_sends_it_and_shows_refusals(
    make_case: Any, client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("desk_agent")
    victim = victim_with(make_case)
    url = reverse("desk:invitation_new", kwargs={"victim_id": victim.pk})
    page = client.get(url).content.decode()
    assert "Text message" in page and "07700" not in page and "Alex Example" not in page
    assert client.post(url, {"channel": "sms"}).status_code == 302
    assert Invitation.objects.count() == 1

    opted_out = victim_with(make_case, feedback_opt_out=True)
    url = reverse("desk:invitation_new", kwargs={"victim_id": opted_out.pk})
    assert "The victim said no to feedback invitations" in client.get(url).content.decode()
    refused = client.post(url, {"channel": "sms"})
    assert refused.status_code == 200
    assert "The victim said no to feedback invitations" in refused.content.decode()
    assert refusals(opted_out) == ["refusal=feedback_opt_out"]
    assert Invitation.objects.count() == 1
