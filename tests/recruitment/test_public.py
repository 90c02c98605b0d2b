"""Applying to join a forum: the public journey, its rules, and what is stored."""

import re

import pytest
from django.db import connection
from django.urls import reverse

from notify.models import Message
from recruitment import journey
from recruitment.models import Application, Cohort, Stage
from tests.recruitment.journey import (
    ANSWERS,
    CHECK_URL,
    ORDER,
    answer,
    answer_until,
    apply,
    journey_state,
    new,
    no_minimum_time,  # noqa: F401 (a fixture)
    only_new_rows,  # noqa: F401 (a fixture)
    send,
    soup_of,
    step_url,
    text_of,
)

pytestmark = pytest.mark.django_db

START_URL = reverse("recruitment_public:start")
CONFIRMATION_URL = reverse("recruitment_public:confirmation")
NOT_ELIGIBLE_URL = reverse("recruitment_public:not_eligible")
STOP_URL = reverse("recruitment_public:stop")


# The start page ----------------------------------------------------------------------------


def test_the_home_page_links_to_the_start_page(client):
    page = soup_of(client.get("/"))
    link = page.find("a", string=re.compile("Apply to join a Victim Voice Forum"))
    assert link["href"] == START_URL


def test_the_start_page_explains_the_forums_the_commitment_the_check_and_the_data(
    client,
):
    response = client.get(START_URL)
    assert response.status_code == 200
    text = text_of(response)
    for cohort in Cohort.objects.filter(active=True):
        assert cohort.name in text
    assert "a meeting about every 6 weeks" in text
    assert "each meeting is 2 hours, in the evening" in text
    assert "most meetings are in person" in text
    assert "runs for 2 years" in text
    assert "We pay your costs, such as travel" in text and "thank-you payment" in text
    assert "agree to a police check" in text and "up to 6 weeks" in text
    assert "a panel of 3 people decides" in text
    assert "We delete the result of the police check as soon as we decide" in text
    assert "we delete everything else 6 months after we decide" in text
    assert "6 months after your time on the forum ends" in text
    # The data section sits under its own heading, one level down.
    assert soup_of(response).find("h3", string="How long we keep it") is not None
    start = soup_of(response).select_one("a.govuk-button--start")
    assert start["href"] == step_url("age")
    assert soup_of(response).select_one('[data-module="govuk-exit-this-page"]') is not None


def test_a_cohort_closed_by_programme_admins_is_not_offered(client):
    Cohort.objects.filter(slug="young-people").update(active=False)
    answer_until(client, stop="forums")
    page = soup_of(client.get(step_url("forums")))
    offered = {i["value"] for i in page.select("input[name=cohorts]")}
    assert "young-people" not in offered
    assert "general" in offered
    response = answer(client, "forums", {"cohorts": ["young-people"]})
    assert response.status_code == 200
    assert "Select the forums you would like to join" in text_of(response)


def test_the_six_cohorts_are_there_with_the_partner_ones_marked():
    slugs = set(Cohort.objects.values_list("slug", flat=True))
    assert {
        "violence-against-women-and-girls",
        "black-communities",
        "disabled-victims",
        "lgbtq-victims",
        "young-people",
        "general",
    } <= slugs
    partner = set(Cohort.objects.filter(is_partner_facilitated=True).values_list("slug", flat=True))
    assert partner == {"disabled-victims", "lgbtq-victims"}


# The whole journey -------------------------------------------------------------------------


def test_an_eligible_person_applies_and_gets_a_reference_and_an_email(client):
    response = apply(client)
    assert response.status_code == 302
    assert response["Location"] == CONFIRMATION_URL
    application = new(Application).get()
    page = client.get(CONFIRMATION_URL)
    assert application.reference in text_of(page)
    assert "What happens next" in text_of(page)
    assert application.stage == Stage.RECEIVED
    assert application.outcome == ""
    assert application.full_name == "Alex Example"
    assert application.email == "alex@example.org"
    assert application.lives_in_area and application.works_in_area
    assert not application.studies_in_area
    assert set(application.cohorts.values_list("slug", flat=True)) == {
        "general",
        "disabled-victims",
    }
    safe = application.safe_contact
    assert safe.may_email and safe.may_text
    assert not safe.may_phone and not safe.may_voicemail and not safe.may_letter
    assert safe.times_to_avoid == "Weekday evenings"
    assert not (safe.phone or safe.email or safe.address or safe.safe_times)
    assert application.access_needs == "Step-free access"
    assert application.equality_answered
    assert application.ethnic_group == "black_caribbean"
    assert application.sexual_orientation == "prefer_not_to_say"
    assert application.borough == "E09000022"
    assert application.pnc_check_consent_at is not None
    assert application.terms_agreed_at is not None
    assert application.privacy_notice_seen_at is not None
    assert application.language == "en"
    message = new(Message).get(template="application_received")
    assert message.channel == "email"
    assert message.recipient == "alex@example.org"
    assert application.reference in message.body
    assert journey.SESSION_KEY not in client.session


def test_the_reference_is_random_in_the_agreed_shape_and_not_made_from_the_name(
    client,
):
    apply(client)
    other = client.__class__()
    apply(other, contact={**ANSWERS["contact"], "email": "sam@example.org"})
    first, second = new(Application).order_by("id")
    pattern = re.compile(r"^VVF-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{2}$")
    assert pattern.match(first.reference) and pattern.match(second.reference)
    assert first.reference != second.reference
    assert "ALEX" not in first.reference


def test_personal_answers_are_encrypted_in_the_database(client):
    apply(client)
    application = new(Application).get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, email, phone, access_needs, ethnic_group, borough"
            " FROM recruitment_application WHERE id = %s",
            [application.pk],
        )
        raw = cursor.fetchone()
        cursor.execute(
            "SELECT times_to_avoid FROM safecontact_safecontact WHERE application_id = %s",
            [application.pk],
        )
        raw += cursor.fetchone()
    for plain, stored in zip(
        [
            "Alex Example",
            "alex@example.org",
            "07700 900982",
            "Step-free",
            "black",
            "E09",
            "Weekday",
        ],
        raw,
        strict=True,
    ):
        assert plain not in stored


def test_an_application_is_found_by_email_or_phone_without_decrypting(client):
    apply(client)
    application = new(Application).get()
    assert list(new(Application).with_email(" ALEX@example.org")) == [application]
    assert list(new(Application).with_phone("+44 7700 900982")) == [application]
    assert not new(Application).with_email("someone@example.org").exists()
    assert "Alex" not in str(application)


def test_answers_in_progress_are_encrypted_in_the_session(client):
    answer_until(client, stop="safe-contact")
    stored = client.session[journey.SESSION_KEY]
    assert "alex@example.org" not in stored
    assert "Alex Example" not in stored


def test_the_confirmation_is_a_text_message_when_email_is_not_safe(client):
    apply(client, safe_contact={"channels": ["text", "voicemail"], "times_to_avoid": ""})
    message = new(Message).get(template="application_received")
    assert message.channel == "sms"
    assert message.recipient == "07700900982"
    assert "text message" in text_of(client.get(CONFIRMATION_URL))


def test_nothing_is_sent_when_only_a_phone_call_is_safe(client):
    apply(client, safe_contact={"channels": ["phone"], "times_to_avoid": ""})
    assert new(Application).get().safe_channel == ""
    assert not new(Message).filter(template="application_received").exists()
    assert "We will phone you" in text_of(client.get(CONFIRMATION_URL))


def test_no_answer_ever_appears_in_a_url(client):
    urls = []
    for slug in ORDER:
        response = answer(client, slug)
        urls.append(response["Location"])
    urls.append(send(client)["Location"])
    for url in urls:
        for secret in ("Alex", "alex", "07700", "Step-free", "black", "E09000022"):
            assert secret not in url


# Not eligible ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "data", "why"),
    [
        ("age", {"answer": "no"}, "16 or older"),
        ("area", {"area": ["none"]}, "live, work or study in London"),
        ("victim", {"answer": "no"}, "victims of crime"),
        ("pnc-check", {"answer": "no"}, "agrees to a police check"),
        ("agreement", {"answer": "no"}, "Terms of Reference"),
    ],
)
def test_someone_not_eligible_is_told_why_kindly_and_nothing_is_kept(client, slug, data, why):
    answer_until(client, stop=slug)
    response = answer(client, slug, data)
    if response["Location"] == STOP_URL:  # late in the journey: they confirm first
        response = client.post(STOP_URL, {"answer": "stop"})
    assert response["Location"] == NOT_ELIGIBLE_URL
    assert journey.SESSION_KEY not in client.session
    page = client.get(NOT_ELIGIBLE_URL)
    text = text_of(page)
    assert why in text
    assert "We have not kept any of your answers" in text
    support = soup_of(page).find("a", string="Find support services")
    assert support["href"] == reverse("directory:services")
    assert not new(Application).exists()
    assert not new(Message).exists()
    # The reason is shown once and not kept either.
    assert journey.INELIGIBLE_KEY not in client.session


def test_no_area_cannot_be_combined_with_an_area(client):
    answer_until(client, stop="area")
    response = answer(client, "area", {"area": ["live", "none"]})
    assert response.status_code == 200
    assert "or select no" in text_of(response)


# Steps cannot be skipped -------------------------------------------------------------------


def test_a_deep_link_to_a_later_step_goes_back_to_the_first_unanswered_one(client):
    assert client.get(step_url("contact"))["Location"] == step_url("age")
    answer(client, "age")
    assert client.get(step_url("privacy"))["Location"] == step_url("area")
    assert client.get(CHECK_URL)["Location"] == step_url("area")


def test_posting_to_a_later_step_stores_nothing(client):
    response = answer(client, "contact")
    assert response["Location"] == step_url("age")
    answer_until(client, stop="contact")
    assert "contact" not in journey_state(client)["answers"]


def test_sending_without_every_step_answered_is_refused(client):
    answer_until(client, stop="agreement")
    response = client.post(CHECK_URL, {"token": "anything", "website": ""})
    assert not new(Application).exists()
    assert response.status_code in (302, 400)


def test_an_unknown_step_is_not_found(client):
    assert client.get(step_url("nothing-here")).status_code == 404


# Errors ------------------------------------------------------------------------------------

EMPTY_ERRORS = {
    "age": "Select yes if you are 16 or older",
    "area": "Select if you live, work or study in the area, or select no",
    "victim": "Select yes if you have been a victim of crime",
    "forums": "Select the forums you would like to join",
    "contact": "Enter your full name",
    "safe-contact": "Select at least one way it is safe to contact you",
    "equality": "Select yes if you want to answer these questions",
    "pnc-check": "Select yes if you agree to a police check",
    "agreement": "Select yes if you agree to keep what is said at the forum private",
    "privacy": "Read the privacy notice, then select continue",
}


@pytest.mark.parametrize("slug", list(EMPTY_ERRORS))
def test_each_step_shows_a_govuk_error_summary_and_the_field_error(client, slug):
    answer_until(client, stop=slug)
    response = client.post(step_url(slug), {})
    assert response.status_code == 200
    page = soup_of(response)
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".govuk-error-summary")
    assert summary is not None
    link = summary.select_one("a")
    assert EMPTY_ERRORS[slug] in link.get_text()
    target = link["href"].lstrip("#")
    assert page.find(id=target) is not None
    assert page.select_one(".govuk-error-message") is not None


def test_the_access_needs_page_is_optional(client):
    answer_until(client, stop="access-needs")
    response = answer(client, "access-needs", {"access_needs": ""})
    assert response["Location"] == step_url("equality")


def test_contact_details_need_an_email_or_a_phone_number_in_the_right_format(client):
    answer_until(client, stop="contact")
    response = answer(client, "contact", {"full_name": "Alex", "email": "", "phone": ""})
    assert "Enter an email address or a phone number, or both" in text_of(response)
    response = answer(
        client, "contact", {"full_name": "Alex", "email": "not-an-email", "phone": ""}
    )
    assert "Enter an email address in the correct format" in text_of(response)
    response = answer(client, "contact", {"full_name": "Alex", "email": "", "phone": "call me"})
    assert "Enter a phone number, like 07700 900 982" in text_of(response)
    response = answer(client, "contact", {"full_name": "Alex", "email": "", "phone": "07700900982"})
    assert response["Location"] == step_url("safe-contact")


def test_safe_contact_offers_only_the_ways_the_contact_details_allow(client):
    answer_until(
        client,
        stop="safe-contact",
        contact={"full_name": "Alex", "phone": "", "email": "a@example.org"},
    )
    page = soup_of(client.get(step_url("safe-contact")))
    assert [i["value"] for i in page.select("input[name=channels]")] == ["email"]
    response = answer(client, "safe-contact", {"channels": ["text"]})
    assert response.status_code == 200
    assert "Select at least one way it is safe to contact you" in text_of(response)


def test_removing_the_email_address_later_makes_the_safe_contact_step_asked_again(
    client,
):
    answer_until(client, safe_contact={"channels": ["email"], "times_to_avoid": ""})
    response = client.post(
        step_url("contact") + "?return=check",
        {"full_name": "Alex Example", "email": "", "phone": "07700900982"},
    )
    assert response["Location"] == step_url("safe-contact") + "?return=check"


# Welsh ------------------------------------------------------------------------------------


def test_an_application_in_welsh_is_stored_as_welsh_and_confirmed_in_welsh(client):
    client.post(reverse("set_language"), {"language": "cy", "next": START_URL})
    assert 'lang="cy"' in client.get(START_URL).content.decode()
    response = apply(client)
    assert response["Location"] == CONFIRMATION_URL
    assert new(Application).get().language == "cy"
    message = new(Message).get(template="application_received")
    assert message.language == "cy"
    assert "Diolch" in message.body


def test_the_partner_run_forums_say_the_application_is_shared_with_the_partner(client):
    answer_until(client, stop="forums")
    page = soup_of(client.get(step_url("forums")))
    shared = "A partner group runs this forum. If you choose it, we will share your form with them."
    hints = {
        i["value"]: page.find(id=i["aria-describedby"]).get_text(" ", strip=True)
        for i in page.select("input[name=cohorts]")
    }
    assert shared in hints["disabled-victims"] and shared in hints["lgbtq-victims"]
    assert shared not in hints["general"]


def test_the_privacy_step_shows_how_long_information_is_kept_and_records_it_was_read(client):
    answer_until(client, stop="privacy")
    page = soup_of(client.get(step_url("privacy")))
    assert page.find("h2", string="How long we keep it") is not None
    assert "6 months after we decide" in page.get_text()
    answer(client, "privacy")
    assert "privacy" in journey_state(client)["answered_at"]
