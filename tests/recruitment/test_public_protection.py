"""Applying to join a forum: protection against automated and repeated sending (honeypot,
minimum time, single-use form token, a limit per address)."""

import pytest
from django.urls import reverse

from recruitment.models import Application
from tests.recruitment.journey import (
    ANSWERS,
    CHECK_URL,
    answer_until,
    new,
    no_minimum_time,  # noqa: F401 (a fixture)
    only_new_rows,  # noqa: F401 (a fixture)
    send,
    text_of,
)

pytestmark = pytest.mark.django_db

CONFIRMATION_URL = reverse("recruitment_public:confirmation")


# Protection against automated and repeated sending -------------------------------------------


def test_a_filled_honeypot_is_refused_with_an_error_page(client):
    answer_until(client)
    response = send(client, website="https://spam.example")
    assert response.status_code == 400
    assert "Your application was not sent" in text_of(response)
    assert not new(Application).exists()


def test_sending_faster_than_a_person_can_is_refused_and_can_be_retried(client, settings):
    settings.RECRUITMENT_MIN_SECONDS_TO_APPLY = 3600
    answer_until(client)
    response = send(client)
    assert response.status_code == 400
    assert "faster than a person usually can" in text_of(response)
    assert not new(Application).exists()
    settings.RECRUITMENT_MIN_SECONDS_TO_APPLY = 0
    assert send(client)["Location"] == CONFIRMATION_URL
    assert new(Application).count() == 1


def test_the_form_token_works_once(client):
    answer_until(client)
    page = client.get(CHECK_URL)
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    first = client.post(CHECK_URL, {"token": token, "website": ""})
    assert first["Location"] == CONFIRMATION_URL
    again = client.post(CHECK_URL, {"token": token, "website": ""})
    assert again["Location"] == CONFIRMATION_URL  # a second press shows the same confirmation
    assert new(Application).count() == 1


def test_a_missing_or_wrong_token_is_refused(client):
    answer_until(client)
    client.get(CHECK_URL)
    response = client.post(CHECK_URL, {"token": "made-up", "website": ""})
    assert response.status_code == 400
    assert "out of date" in text_of(response)
    assert not new(Application).exists()


def test_a_token_cannot_be_replayed_from_a_copied_session(client):
    answer_until(client)
    page = client.get(CHECK_URL)
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    assert client.post(CHECK_URL, {"token": token, "website": ""}).status_code == 302
    # Another application started in a fresh session cannot reuse the spent token either.
    other = client.__class__()
    answer_until(other)
    other.get(CHECK_URL)
    assert other.post(CHECK_URL, {"token": token, "website": ""}).status_code == 400
    assert new(Application).count() == 1


def test_more_than_five_submissions_an_hour_from_one_address_are_refused(client):
    for n in range(5):
        applicant = client.__class__()
        answer_until(applicant, contact={**ANSWERS["contact"], "email": f"person{n}@example.org"})
        assert send(applicant)["Location"] == CONFIRMATION_URL
    applicant = client.__class__()
    answer_until(applicant)
    response = send(applicant)
    assert response.status_code == 429
    assert "Too many applications sent" in text_of(response)
    assert new(Application).count() == 5
