"""The application never throws answers away by surprise: an answer that ends it late in
the journey asks first (and keeps every answer until the applicant confirms), and every
question marked optional can be skipped."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from recruitment import journey
from recruitment.models import Application
from tests.recruitment.journey import (
    ANSWERS,
    ORDER,
    answer_until,
    journey_state,
    new,
    no_minimum_time,  # noqa: F401 (a fixture)
    only_new_rows,  # noqa: F401 (a fixture)
    send,
    step_url,
    text_of,
)

pytestmark = pytest.mark.django_db

STOP_URL = reverse("recruitment_public:stop")
NOT_ELIGIBLE_URL = reverse("recruitment_public:not_eligible")
# The answer of each step that ends the application.
ENDING = {
    "age": {"answer": "no"},
    "area": {"area": ["none"]},
    "victim": {"answer": "no"},
    "pnc-check": {"answer": "no"},
    "agreement": {"answer": "no"},
}


def test_every_answer_that_ends_the_application_is_listed_here():
    ending = {step.slug for step in journey.STEPS if step.ineligible(ENDING.get(step.slug, {}))}
    assert ending == set(ENDING)
    for step in journey.STEPS:
        if step.slug not in ENDING:
            assert not step.ineligible({"answer": "no", "area": ["none"]}), step.slug


LATE = [slug for slug in ENDING if slug not in journey.SCREENING_SLUGS]


@pytest.mark.parametrize("slug", LATE)
def test_a_late_answer_that_ends_the_application_asks_first_and_keeps_the_answers(client, slug):
    answer_until(client, stop=slug)
    before = dict(journey_state(client)["answers"])
    response = client.post(step_url(slug), ENDING[slug])
    assert response["Location"] == STOP_URL
    assert journey_state(client)["answers"] == before  # nothing deleted yet

    page = client.get(STOP_URL)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one(".govuk-back-link")["href"] == step_url(slug)  # not question 1
    assert "delete all the answers" in text_of(page)

    # No choice: an error, and the answers are still kept.
    refused = client.post(STOP_URL, {})
    assert refused.status_code == 200
    assert "Select if you want to change your answer or stop" in text_of(refused)
    assert journey_state(client)["answers"] == before

    # Changing the answer goes back to the question, then on to the end as before.
    assert client.post(STOP_URL, {"answer": "change"})["Location"] == step_url(slug)
    assert client.get(step_url(slug)).status_code == 200
    answer_until(client)
    assert send(client).status_code == 302
    assert new(Application).count() == 1


@pytest.mark.parametrize("slug", LATE)
def test_stopping_after_confirming_deletes_the_answers(client, slug):
    answer_until(client, stop=slug)
    client.post(step_url(slug), ENDING[slug])
    response = client.post(STOP_URL, {"answer": "stop"})
    assert response["Location"] == NOT_ELIGIBLE_URL
    assert journey.SESSION_KEY not in client.session
    assert "We have not kept any of your answers" in text_of(client.get(NOT_ELIGIBLE_URL))
    assert not new(Application).exists()


@pytest.mark.parametrize("slug", list(journey.SCREENING_SLUGS))
def test_the_first_screening_questions_end_at_once_with_little_to_lose(client, slug):
    answer_until(client, stop=slug)
    assert client.post(step_url(slug), ENDING[slug])["Location"] == NOT_ELIGIBLE_URL


def test_the_stop_page_without_an_answer_to_confirm_goes_back_to_the_journey(client):
    assert client.get(STOP_URL)["Location"] == step_url("age")


# Optional means optional ------------------------------------------------------------------

OPTIONAL_MARKERS = ("You do not have to answer. You can skip it", "Leave it blank")


def _optional_steps(client):
    """Walk the whole journey (equality questions included) and list every step whose
    page says its question is optional."""
    found = []
    for slug in ORDER:
        answer_until(client, stop=slug)
        page = client.get(step_url(slug))
        if page.status_code == 200 and any(m in text_of(page) for m in OPTIONAL_MARKERS):
            found.append(slug)
    return found


def test_every_question_marked_optional_can_be_skipped(client):
    optional = _optional_steps(client)
    # The equality questions and access needs at least (the borough was refused before).
    assert {"borough", "disability", "age-band", "access-needs"} <= set(optional)
    for slug in optional:
        answer_until(client, stop=slug)
        empty = {name: "" for name in ANSWERS[slug]}
        response = client.post(step_url(slug), empty)
        assert response.status_code == 302, f"{slug}: an optional question demanded an answer"
        assert response["Location"] != step_url(slug)


def test_an_application_with_every_equality_question_skipped_is_sent(client):
    skipped = {
        slug.replace("-", "_"): {"answer": ""}
        for slug in ("ethnic-group", "disability", "sexual-orientation")
        + ("gender-identity", "age-band", "borough")
    }
    answer_until(client, ethnic_background=None, **skipped)
    check = client.get(reverse("recruitment_public:check"))
    assert "Not answered" in text_of(check)
    assert send(client).status_code == 302
    application = new(Application).get()
    assert application.equality_answered
    assert application.equality_answers() == dict.fromkeys(application.equality_answers(), "")
