"""Joining the engagement register on the website: one question per page, check your
answers, a code that confirms the way to contact them, and what is stored."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from engagement import journey
from engagement.areas import areas
from engagement.models import JoinedBy, Participant, ParticipantStatus
from engagement.reference import CONSENT_VERSION, OPTIONAL_FIELDS, PREFER_NOT_TO_SAY
from engagement.services.participants import (
    CODE_ATTEMPTS,
    JoinAnswers,
    code_channel,
    participant_code_send,
    participant_join,
    participant_verify,
)
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from tests.engagement.factories import participant as make_participant

pytestmark = pytest.mark.django_db

START_URL = reverse("engagement:join_start")
CHECK_URL = reverse("engagement:join_check")
CODE_URL = reverse("engagement:join_code")
RESEND_URL = reverse("engagement:join_code_resend")
DONE_URL = reverse("engagement:join_done")

ANSWERS: dict[str, dict[str, Any]] = {
    "name": {"full_name": "Rhian Example"},
    "contact": {"email": "rhian@example.org", "phone": "07700 900123"},
    "safe-contact": {
        "channels": ["email", "text"],
        "safe_days": ["0", "1", "2"],
        "safe_from": "10:00",
        "safe_to": "15:00",
        "times_to_avoid": "Evenings",
    },
    "age-band": {"answer": "35_49"},
    "sex": {"answer": "female"},
    "gender-identity": {"answer": PREFER_NOT_TO_SAY},
    "ethnic-group": {"answer": "white"},
    "sexual-orientation": {"answer": "straight"},
    "disability": {"answer": "limited_a_little"},
    "area": {"answer": "E09000022"},
    "crime-kinds": {"answer": ["burglary", "fraud"]},
    "languages": {"answer": ["en", "cy"]},
    "formats": {"answer": ["online", "phone"]},
    "access-needs": {"access_needs": "Large print"},
    "consent": {"agree": "yes"},
}
ORDER = list(ANSWERS)


def step_url(slug: str) -> str:
    return reverse("engagement:join_step", args=[slug])


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(response: Any) -> str:
    return " ".join(soup_of(response).get_text().split())


def answer_all(client: Any, **changes: Any) -> None:
    """Answer every step in order (`changes` by slug with _ for -; None to skip a step)."""
    for slug in ORDER:
        key = slug.replace("-", "_")
        if key in changes and changes[key] is None:
            response = client.post(step_url(slug), {"skip": "1"})
        else:
            response = client.post(step_url(slug), changes.get(key, ANSWERS[slug]))
        assert response.status_code == 302, (slug, response.status_code, text_of(response))


def send(client: Any, **extra: Any) -> Any:
    page = client.get(CHECK_URL)
    assert page.status_code == 200
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    return client.post(CHECK_URL, {"token": token, "website": "", **extra})


def sent_code(template: str = "engagement_join_code") -> str:
    message = Message.objects.filter(template=template).latest("pk")
    found = re.search(r"\b(\d{6})\b", message.body)
    assert found is not None
    return found.group(1)


def join(client: Any, **changes: Any) -> Any:
    answer_all(client, **changes)
    response = send(client)
    assert response.status_code == 302
    assert response["Location"] == CODE_URL
    return response


# The start page and the steps ------------------------------------------------------------


def test_the_start_page_says_what_the_register_is_that_taking_part_is_a_choice_and_what_is_needed(
    client,
):
    response = client.get(START_URL)
    assert response.status_code == 200
    text = text_of(response)
    assert "Taking part is always your choice" in text
    assert "We only need your name and one way to contact you" in text
    assert "never see your name or contact details" in text
    start = soup_of(response).find("a", class_="govuk-button--start")
    assert start["href"] == step_url("name")


def test_a_step_cannot_be_reached_before_the_ones_before_it_are_answered(client):
    response = client.get(step_url("sex"))
    assert response.status_code == 302
    assert response["Location"] == step_url("name")
    assert client.get(CHECK_URL)["Location"] == step_url("name")


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("favourite-colour")).status_code == 404


def test_the_name_and_a_way_to_contact_are_required_with_an_error_summary(client):
    response = client.post(step_url("name"), {"full_name": " "})
    assert response.status_code == 200
    page = soup_of(response)
    assert page.title.string.startswith("Error:")
    summary = page.find(class_="govuk-error-summary")
    assert summary.find("a", href="#full_name").get_text(strip=True) == "Enter your name"
    client.post(step_url("name"), ANSWERS["name"])
    response = client.post(step_url("contact"), {"email": "", "phone": ""})
    assert "Enter an email address or a mobile phone number, or both" in text_of(response)
    response = client.post(step_url("contact"), {"email": "not-an-email", "phone": ""})
    assert "Enter an email address in the correct format" in text_of(response)


def test_the_safe_ways_offered_follow_the_contact_details_and_a_letter_needs_an_address(client):
    client.post(step_url("name"), ANSWERS["name"])
    client.post(step_url("contact"), {"email": "rhian@example.org", "phone": ""})
    page = soup_of(client.get(step_url("safe-contact")))
    offered = {i["value"] for i in page.find_all("input", attrs={"name": "channels"})}
    assert offered == {"email", "letter"}
    response = client.post(step_url("safe-contact"), {"channels": ["text"]})
    assert response.status_code == 200  # text needs a phone number
    response = client.post(step_url("safe-contact"), {})
    assert "Select at least one way it is safe to contact you" in text_of(response)
    response = client.post(step_url("safe-contact"), {"channels": ["letter"]})
    assert "Enter the address it is safe to send letters to" in text_of(response)
    response = client.post(
        step_url("safe-contact"), {"channels": ["email"], "safe_days": ["0"], "safe_from": "9"}
    )
    assert "Enter a time in the 24-hour clock" in text_of(response)


def test_each_optional_question_offers_prefer_not_to_say_and_a_skip(client):
    answer_all(client)
    for slug in ("age-band", "sex", "ethnic-group", "crime-kinds", "languages", "formats"):
        page = soup_of(client.get(step_url(slug)))
        labels = page.get_text()
        assert "Prefer not to say" in labels, slug
        assert page.find("button", attrs={"name": "skip"}), slug
    access = soup_of(client.get(step_url("access-needs")))
    assert access.find("input", attrs={"name": "prefer_not_to_say"})


def test_prefer_not_to_say_is_an_answer_on_its_own_in_a_checkbox_question(client):
    answer_all(client)
    response = client.post(step_url("crime-kinds"), {"answer": ["fraud", PREFER_NOT_TO_SAY]})
    assert response.status_code == 200
    assert "prefer not to say on its own" in text_of(response)


def test_the_area_question_lists_the_forces_local_authorities(client, settings):
    answer_all(client)
    london = soup_of(client.get(step_url("area")))
    options = {o["value"] for o in london.find_all("option")}
    assert "E09000022" in options and len(options) == 33 + 2  # "Choose" and prefer not to say
    settings.ENGAGEMENT_AREA = "dyfed_powys"
    assert [name for _code, name in areas()] == [
        "Carmarthenshire",
        "Ceredigion",
        "Pembrokeshire",
        "Powys",
    ]
    response = client.post(step_url("area"), {"answer": "W06000008"})
    assert response.status_code == 302
    welsh = soup_of(client.get(step_url("area")))
    radios = [i["value"] for i in welsh.find_all("input", attrs={"name": "answer"})]
    assert radios == ["W06000010", "W06000008", "W06000009", "W06000023", PREFER_NOT_TO_SAY]


def test_the_steps_of_the_journey_are_the_registers_optional_questions_in_order():
    assert tuple(step.field for step in journey.STEPS if step.optional) == OPTIONAL_FIELDS


# Check your answers and joining ---------------------------------------------------------


def test_check_your_answers_shows_every_answer_with_a_change_link(client):
    answer_all(client)
    response = client.get(CHECK_URL)
    text = text_of(response)
    for words in (
        "Rhian Example",
        "rhian@example.org",
        "Email",
        "Text message",
        "Monday, Tuesday, Wednesday, 10:00 to 15:00",
        "35 to 49",
        "Female",
        "Prefer not to say",
        "Lambeth",
        "Burglary, Fraud or scams",
        "English, Welsh",
        "Large print",
        "We will email you a code",
    ):
        assert words in text, words
    changes = [a["href"] for a in soup_of(response).select(".govuk-summary-list__actions a")]
    assert step_url("sex") + "?return=check" in changes
    response = client.post(step_url("sex") + "?return=check", {"answer": "male"})
    assert response["Location"] == CHECK_URL


def test_joining_stores_an_unconfirmed_participant_and_sends_a_code_kept_only_as_a_hash(client):
    response = join(client)
    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.UNVERIFIED
    assert participant.joined_by == JoinedBy.PUBLIC
    assert participant.full_name == "Rhian Example"
    assert participant.email == "rhian@example.org"
    assert participant.area == "E09000022"
    assert participant.gender_identity == PREFER_NOT_TO_SAY
    assert participant.crime_kinds == ["burglary", "fraud"]
    assert participant.formats == ["online", "phone"]
    assert participant.access_needs == "Large print"
    assert participant.consent_version == CONSENT_VERSION and participant.consented_at
    contact = participant.safe_contact
    assert (contact.may_email, contact.may_text, contact.may_phone) == (True, True, False)
    assert contact.windows[0].days == (0, 1, 2)
    assert contact.times_to_avoid == "Evenings"
    message = Message.objects.get(template="engagement_join_code")
    assert message.channel == "email" and message.recipient == "rhian@example.org"
    code = sent_code()
    assert participant.code_digest and code not in participant.code_digest
    # Nothing personal in any address the visitor was sent to, nor in the session in clear.
    assert "rhian" not in response["Location"]
    assert journey.SESSION_KEY not in client.session
    page = client.get(CODE_URL)
    assert "Check your email" in text_of(page)


def test_the_right_code_puts_them_on_the_register_with_a_member_account_and_signs_them_in(
    client,
):
    join(client)
    response = client.post(CODE_URL, {"code": sent_code()})
    assert response["Location"] == DONE_URL
    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.ACTIVE
    assert participant.verified_at and participant.joined_at
    assert participant.code_digest == ""
    user = User.objects.get(email="rhian@example.org")
    assert participant.user == user and user.has_role(Role.MEMBER)
    assert "Go to your register page" in text_of(client.get(DONE_URL))
    assert client.get(reverse("engagement:portal_home")).status_code == 200
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "engagement.participant_signed_up",
        "engagement.participant_code_sent",
        "engagement.participant_verified",
    } <= actions


def test_only_a_name_and_one_way_to_contact_are_needed(client):
    skipped = dict.fromkeys(s.replace("-", "_") for s in ORDER if journey.STEPS_BY_SLUG[s].optional)
    join(
        client,
        contact={"email": "", "phone": "07700 900124"},
        safe_contact={"channels": ["text"]},
        **skipped,
    )
    participant = Participant.objects.get()
    for name in OPTIONAL_FIELDS:
        assert not getattr(participant, name), name
    message = Message.objects.get(template="engagement_join_code")
    assert message.channel == "sms" and message.recipient == "07700900124"
    client.post(CODE_URL, {"code": sent_code()})
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE
    assert participant.user is None  # no email address: no account to sign in with
    assert "contact the programme team" in text_of(client.get(DONE_URL))


def test_they_join_in_the_language_they_used_and_the_code_comes_in_it(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    join(client)
    participant = Participant.objects.get()
    assert participant.language == "cy"
    message = Message.objects.get(template="engagement_join_code")
    assert message.language == "cy" and "Eich cod" in message.body


def test_a_wrong_code_is_refused_and_five_wrong_codes_use_the_code_up(client):
    join(client)
    right = sent_code()
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(CODE_URL, {"code": wrong})
    assert "The code is not right" in text_of(response)
    for _ in range(CODE_ATTEMPTS - 1):
        response = client.post(CODE_URL, {"code": wrong})
    assert "too many times" in text_of(response)
    response = client.post(CODE_URL, {"code": right})
    assert "too many times" in text_of(response)
    assert Participant.objects.get().status == ParticipantStatus.UNVERIFIED


def test_a_code_expires_after_30_minutes(client):
    join(client)
    code = sent_code()
    with time_machine.travel(timezone.now() + timedelta(minutes=31), tick=False):
        response = client.post(CODE_URL, {"code": code})
    assert "The code has expired" in text_of(response)


def test_a_new_code_replaces_the_old_one_but_not_more_than_once_a_minute(client):
    join(client)
    old = sent_code()
    response = client.post(RESEND_URL)
    assert "Wait a minute" in text_of(response)
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        response = client.post(RESEND_URL)
        assert response["Location"] == CODE_URL
        new = sent_code()
        assert Message.objects.filter(template="engagement_join_code").count() == 2
        if new != old:
            assert "The code is not right" in text_of(client.post(CODE_URL, {"code": old}))
        client.post(CODE_URL, {"code": new})
    assert Participant.objects.get().status == ParticipantStatus.ACTIVE


def test_a_second_sign_up_with_details_on_the_register_makes_no_one_new_and_tells_that_person(
    client,
):
    existing = make_participant(email="Rhian@example.org")
    join(
        client,
        contact={"email": "rhian@example.org", "phone": ""},
        safe_contact={"channels": ["email"]},
    )
    assert Participant.objects.count() == 1
    told = Message.objects.get(template="engagement_join_already")
    assert told.recipient == existing.email
    assert not Message.objects.filter(template="engagement_join_code").exists()
    # The page says what it says to anyone: a code was sent; any code is refused.
    page = client.get(CODE_URL)
    assert "We have sent a code to the email address you gave us" in text_of(page)
    assert "The code is not right" in text_of(client.post(CODE_URL, {"code": "123456"}))
    assert AuditEvent.objects.filter(action="engagement.participant_already_told").exists()


def test_an_unconfirmed_sign_up_with_the_same_details_is_replaced(client):
    join(client)
    first = Participant.objects.get()
    join(client, name={"full_name": "Rhian E"})
    second = Participant.objects.get()
    assert second.pk != first.pk and second.full_name == "Rhian E"
    assert AuditEvent.objects.filter(
        action="engagement.unconfirmed_sign_up_replaced", object_id=str(first.pk)
    ).exists()


def test_sending_the_answers_twice_or_with_the_hidden_field_filled_is_refused(client):
    answer_all(client)
    page = client.get(CHECK_URL)
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    response = client.post(CHECK_URL, {"token": token, "website": "http://spam.example.org"})
    assert response.status_code == 400
    assert not Participant.objects.exists()
    answer_all(client)
    assert send(client)["Location"] == CODE_URL
    # Sent again (the button pressed twice): back to the code page, no one new.
    assert client.post(CHECK_URL, {"token": "stale"})["Location"] == CODE_URL
    assert Participant.objects.count() == 1


# The services ----------------------------------------------------------------------------


def _answers(**fields: Any) -> JoinAnswers:
    values: dict[str, Any] = {
        "full_name": "Sam Example",
        "email": "sam@example.org",
        "safe": {"may_email": True},
        "consented_at": timezone.now(),
    }
    values.update(fields)
    return JoinAnswers(**values)


def test_joining_needs_a_name_a_way_to_contact_and_consent():
    with pytest.raises(RuleBroken):
        participant_join(answers=_answers(full_name=" "))
    with pytest.raises(RuleBroken):
        participant_join(answers=_answers(email="", phone=""))
    with pytest.raises(RuleBroken):
        participant_join(answers=_answers(consent_version=""))
    with pytest.raises(RuleBroken):
        participant_join(answers=_answers(answers={"religion": "none"}))


def test_the_code_goes_by_text_only_when_text_is_the_safe_way_and_email_is_not():
    assert code_channel(email="a@example.org", phone="", may_email=False, may_text=False) == "email"
    assert code_channel(email="", phone="07700900123", may_email=False, may_text=True) == "sms"
    both = {"email": "a@example.org", "phone": "07700900123"}
    assert code_channel(**both, may_email=False, may_text=True) == "sms"
    assert code_channel(**both, may_email=True, may_text=True) == "email"


def test_a_staff_email_address_never_gets_a_member_account_or_a_sign_in(personas):
    admin = personas["programme_admin"]
    participant = participant_join(answers=_answers(email=admin.email))
    assert participant is not None
    user = participant_verify(participant=participant, code=sent_code())
    assert user is None
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.ACTIVE and participant.user is None
    assert not admin.has_role(Role.MEMBER)


def test_a_confirmed_participant_cannot_confirm_again_or_ask_for_a_code():
    participant = participant_join(answers=_answers())
    participant_verify(participant=participant, code=sent_code())
    with pytest.raises(RuleBroken):
        participant_verify(participant=participant, code=sent_code())
    with pytest.raises(RuleBroken):
        participant_code_send(participant=participant)
