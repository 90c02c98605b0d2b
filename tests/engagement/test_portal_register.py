"""A participant's own register pages in the member portal: joining from the portal in one
click, seeing and changing what they gave, deleting their optional answers, taking a break
and leaving."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from engagement.access import participant_of
from engagement.models import JoinedBy, Participant, ParticipantStatus
from engagement.reference import CONSENT_VERSION, PREFER_NOT_TO_SAY
from engagement.services.participants import participant_join_from_forum
from engagement.services.portal import (
    participant_erase_answers,
    participant_leave,
    participant_pause,
    participant_update,
)
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from recruitment.models import Application
from tests.engagement.factories import participant as make_participant

pytestmark = pytest.mark.django_db

HOME_URL = reverse("engagement:portal_home")
JOIN_URL = reverse("engagement:portal_join")
ERASE_URL = reverse("engagement:portal_erase_answers")
PAUSE_URL = reverse("engagement:portal_pause")
LEAVE_URL = reverse("engagement:portal_leave")


def change_url(field: str) -> str:
    return reverse("engagement:portal_change", args=[field])


def text_of(response: Any) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def on_register(user: Any, **fields: Any) -> Participant:
    values: dict[str, Any] = {
        "user": user,
        "full_name": "Morgan Member",
        "email": "morgan.register@example.org",
        "phone": "07700 900125",
        "age_band": "25_34",
        "crime_kinds": ["burglary"],
        "access_needs": "Step-free access",
    }
    values.update(fields)
    return make_participant(safe={"may_email": True, "may_text": True}, **values)


@pytest.fixture
def member(personas):
    return personas["member"]


# Joining from the portal ------------------------------------------------------------------


def test_the_portal_home_invites_a_member_to_join_then_links_to_their_place(client_as, member):
    client = client_as("member")
    page = text_of(client.get(reverse("portal:home")))
    assert "Join the engagement register" in page
    on_register(member)
    page = text_of(client.get(reverse("portal:home")))
    assert "Your place on the engagement register" in page


def test_a_forum_member_joins_in_one_click_from_their_application_with_consent_recorded(
    client_as, member
):
    client = client_as("member")
    page = client.get(JOIN_URL)
    assert "What you agree to" in text_of(page)
    response = client.post(JOIN_URL)
    assert response["Location"] == HOME_URL
    participant = Participant.objects.get(user=member)
    application = Application.objects.get(user=member)
    assert participant.status == ParticipantStatus.ACTIVE
    assert participant.joined_by == JoinedBy.FORUM_MEMBER
    assert participant.full_name == application.full_name
    assert participant.email == application.email
    assert participant.phone == application.phone
    assert participant.consent_version == CONSENT_VERSION and participant.consented_at
    assert participant.verified_at and participant.joined_at
    source, copy = application.safe_contact, participant.safe_contact
    for name in ("may_email", "may_text", "may_phone", "may_voicemail", "times_to_avoid"):
        assert getattr(copy, name) == getattr(source, name), name
    assert copy.pk != source.pk
    assert AuditEvent.objects.filter(
        action="engagement.participant_joined_from_forum",
        object_id=str(participant.pk),
        actor=member,
    ).exists()
    assert "You have joined the engagement register" in text_of(client.get(HOME_URL))
    # Joining again: the page goes to their place; the service refuses.
    assert client.get(JOIN_URL)["Location"] == HOME_URL
    with pytest.raises(RuleBroken):
        participant_join_from_forum(actor=member, user=member)


def test_nobody_joins_someone_else_from_the_portal(personas, member):
    with pytest.raises(PermissionDenied):
        participant_join_from_forum(actor=personas["programme_admin"], user=member)


# Seeing and changing what they gave -------------------------------------------------------


def test_a_member_not_on_the_register_has_no_register_page(client_as):
    assert client_as("member").get(HOME_URL).status_code == 404
    assert client_as("member").get(change_url("name")).status_code == 404


def test_the_register_page_shows_everything_they_gave_with_change_links(client_as, member):
    on_register(member)
    response = client_as("member").get(HOME_URL)
    text = text_of(response)
    for words in (
        "Morgan Member",
        "morgan.register@example.org",
        "07700 900125",
        "Email",
        "Text message",
        "25 to 34",
        "Burglary",
        "Step-free access",
        "Not answered",
    ):
        assert words in text, words
    links = {
        a["href"]
        for a in BeautifulSoup(response.content, "html.parser").select(
            ".govuk-summary-list__actions a"
        )
    }
    assert {change_url("name"), change_url("safe-contact"), change_url("crime-kinds")} <= links


def test_changing_an_answer_saves_it_with_a_banner_and_an_audit_event(client_as, member):
    participant = on_register(member)
    client = client_as("member")
    page = client.get(change_url("sex"))
    assert page.status_code == 200
    response = client.post(change_url("sex"), {"answer": "female"})
    assert response["Location"] == HOME_URL
    participant.refresh_from_db()
    assert participant.sex == "female"
    assert "Your details have been changed" in text_of(client.get(HOME_URL))
    event = AuditEvent.objects.get(action="engagement.participant_changed")
    assert event.fields == ["sex"] and event.object_id == str(participant.pk)


def test_an_answer_can_be_removed_or_changed_to_prefer_not_to_say(client_as, member):
    participant = on_register(member)
    client = client_as("member")
    client.post(change_url("crime-kinds"), {"skip": "1"})
    client.post(change_url("age-band"), {"answer": PREFER_NOT_TO_SAY})
    client.post(change_url("access-needs"), {"access_needs": "", "prefer_not_to_say": "on"})
    participant.refresh_from_db()
    assert participant.crime_kinds == []
    assert participant.age_band == PREFER_NOT_TO_SAY
    assert participant.access_needs == PREFER_NOT_TO_SAY
    page = client.get(change_url("access-needs"))
    assert 'value="on" checked' in page.content.decode()


def test_a_change_is_checked_as_the_sign_up_checks_it(client_as, member):
    participant = on_register(member)
    client = client_as("member")
    response = client.post(change_url("contact"), {"email": "", "phone": ""})
    assert response.status_code == 200
    assert "Enter an email address or a mobile phone number" in text_of(response)
    assert "does not change the email address you sign in with" in text_of(response)
    assert client.get(change_url("consent")).status_code == 404
    participant.refresh_from_db()
    assert participant.email == "morgan.register@example.org"


def test_taking_away_a_phone_number_takes_away_the_ways_that_needed_it(client_as, member):
    participant = on_register(member)
    client_as("member").post(
        change_url("contact"), {"email": "morgan.register@example.org", "phone": ""}
    )
    contact = Participant.objects.get(pk=participant.pk).safe_contact
    assert (contact.may_email, contact.may_text) == (True, False)


def test_changing_the_safe_ways_changes_their_safe_contact(client_as, member):
    participant = on_register(member)
    client_as("member").post(
        change_url("safe-contact"), {"channels": ["letter"], "address": "1 Example Street"}
    )
    contact = Participant.objects.get(pk=participant.pk).safe_contact
    assert (contact.may_email, contact.may_text, contact.may_letter) == (False, False, True)
    assert contact.address == "1 Example Street"
    assert AuditEvent.objects.filter(action="safecontact.changed", actor=member).exists()


def test_nobody_changes_someone_elses_place(personas, member):
    participant = on_register(member)
    other = make_participant(user=personas["outsider"])
    with pytest.raises(PermissionDenied):
        participant_update(
            actor=personas["outsider"], participant=participant, fields={"sex": "male"}
        )
    with pytest.raises(PermissionDenied):
        participant_pause(actor=member, participant=other)


# Deleting answers, taking a break, leaving ------------------------------------------------


def test_deleting_the_optional_answers_keeps_their_name_and_contact(client_as, member):
    participant = on_register(member, sex="male", languages=["cy"])
    client = client_as("member")
    assert client.get(ERASE_URL).status_code == 200
    response = client.post(ERASE_URL)
    assert response["Location"] == HOME_URL
    participant.refresh_from_db()
    assert participant.age_band == "" and participant.sex == ""
    assert participant.crime_kinds == [] and participant.languages == []
    assert participant.access_needs == ""
    assert participant.full_name == "Morgan Member" and participant.email
    assert participant.status == ParticipantStatus.ACTIVE
    event = AuditEvent.objects.get(action="engagement.participant_answers_erased")
    assert set(event.fields) == {"age_band", "sex", "crime_kinds", "languages", "access_needs"}
    assert participant_erase_answers(actor=member, participant=participant) == []


def test_taking_a_break_and_coming_back(client_as, member):
    participant = on_register(member)
    client = client_as("member")
    assert "While you take a break" in text_of(client.get(PAUSE_URL))
    client.post(PAUSE_URL)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.PAUSED and participant.paused_at
    assert "You are taking a break" in text_of(client.get(HOME_URL))
    client.post(PAUSE_URL)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE and participant.paused_at is None
    actions = list(
        AuditEvent.objects.filter(object_id=str(participant.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["engagement.participant_paused", "engagement.participant_resumed"]


def test_leaving_ends_their_place_and_says_when_their_data_is_deleted(client_as, member, settings):
    settings.ENGAGEMENT_LEFT_DAYS = 30
    participant = on_register(member)
    client = client_as("member")
    assert "within 30 days" in text_of(client.get(LEAVE_URL))
    response = client.post(LEAVE_URL)
    assert response["Location"] == reverse("portal:home")
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.LEFT and participant.left_at
    assert participant.user is None
    assert participant_of(member) is None
    assert "You have left the engagement register" in text_of(client.get(reverse("portal:home")))
    assert client.get(HOME_URL).status_code == 404
    assert AuditEvent.objects.filter(action="engagement.participant_left").exists()
    # They can join again one day, as someone new.
    assert client.post(JOIN_URL)["Location"] == HOME_URL
    assert Participant.objects.filter(user=member, status=ParticipantStatus.ACTIVE).count() == 1


def test_a_left_participant_cannot_be_paused_or_leave_twice(member):
    participant = on_register(member)
    participant_leave(actor=member, participant=participant)
    with pytest.raises(PermissionDenied):
        participant_leave(actor=member, participant=participant)
