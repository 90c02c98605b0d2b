"""Applying to join a forum: the optional equality questions and Check your answers."""

import pytest

from recruitment.models import Application
from tests.recruitment.journey import (
    ANSWERS,
    CHECK_URL,
    answer,
    answer_until,
    new,
    no_minimum_time,  # noqa: F401 (a fixture)
    only_new_rows,  # noqa: F401 (a fixture)
    send,
    soup_of,
    step_url,
    text_of,
)

pytestmark = pytest.mark.django_db


# Equality monitoring ----------------------------------------------------------------------


def test_someone_who_skips_equality_questions_goes_straight_to_the_police_check(
    client,
):
    answer_until(client, stop="equality")
    response = answer(client, "equality", {"answer": "no"})
    assert response["Location"] == step_url("pnc-check")
    assert client.get(step_url("disability"))["Location"] == step_url("pnc-check")
    answer(client, "pnc-check")
    answer(client, "agreement")
    answer(client, "privacy")
    send(client)
    application = new(Application).get()
    assert not application.equality_answered
    assert application.equality_answers() == dict.fromkeys(application.equality_answers(), "")


@pytest.mark.parametrize(
    "slug",
    [
        "ethnic-group",
        "ethnic-background",
        "disability",
        "sexual-orientation",
        "gender-identity",
        "age-band",
        "borough",
    ],
)
def test_every_equality_question_offers_prefer_not_to_say(client, slug):
    answer_until(client, stop=slug)
    page = soup_of(client.get(step_url(slug)))
    values = [e["value"] for e in page.select("input[name=answer], select[name=answer] option")]
    assert "prefer_not_to_say" in values
    assert "Prefer not to say" in page.get_text()


def test_the_background_question_lists_the_chosen_group_only(client):
    answer_until(client, stop="ethnic-background", ethnic_group={"answer": "white"})
    page = soup_of(client.get(step_url("ethnic-background")))
    values = {e["value"] for e in page.select("input[name=answer]")}
    assert "white_irish" in values and "white_roma" in values
    assert "black_caribbean" not in values


def test_prefer_not_to_say_an_ethnic_group_skips_the_background(client):
    answer_until(client, stop="ethnic-group")
    response = answer(client, "ethnic-group", {"answer": "prefer_not_to_say"})
    assert response["Location"] == step_url("disability")
    answer_until(client, ethnic_group={"answer": "prefer_not_to_say"}, ethnic_background=None)
    send(client)
    assert new(Application).get().ethnic_group == "prefer_not_to_say"


def test_borough_lists_the_33_london_local_authorities(client):
    answer_until(client, stop="borough")
    page = soup_of(client.get(step_url("borough")))
    codes = [
        o["value"]
        for o in page.select("select[name=answer] option")
        if o["value"].startswith("E09")
    ]
    assert len(codes) == 33


# Check your answers ------------------------------------------------------------------------


def test_check_your_answers_shows_every_answer_with_change_links(client):
    answer_until(client)
    response = client.get(CHECK_URL)
    text = text_of(response)
    for shown in (
        "Alex Example",
        "alex@example.org",
        "07700 900982",
        "Weekday evenings",
        "Step-free access",
        "General",
        "Disabled victims",
        "Caribbean",
        "Lambeth",
        "Prefer not to say",
    ):
        assert shown in text
    changes = {a["href"] for a in soup_of(response).select(".govuk-summary-list__actions a")}
    assert step_url("contact") + "?return=check" in changes
    assert step_url("borough") + "?return=check" in changes


def test_a_change_link_returns_to_check_your_answers(client):
    answer_until(client)
    page = client.get(step_url("access-needs") + "?return=check")
    assert soup_of(page).select_one(".govuk-back-link")["href"] == CHECK_URL
    response = client.post(
        step_url("access-needs") + "?return=check", {"access_needs": "A quiet room"}
    )
    assert response["Location"] == CHECK_URL
    assert "A quiet room" in text_of(client.get(CHECK_URL))


def test_changing_to_answer_equality_questions_asks_them_then_returns(client):
    answer_until(
        client,
        equality={"answer": "no"},
        **{
            k: None
            for k in (
                "ethnic_group",
                "ethnic_background",
                "disability",
                "sexual_orientation",
                "gender_identity",
                "age_band",
                "borough",
            )
        },
    )
    response = client.post(step_url("equality") + "?return=check", {"answer": "yes"})
    assert response["Location"] == step_url("ethnic-group") + "?return=check"
    for slug in (
        "ethnic-group",
        "ethnic-background",
        "disability",
        "sexual-orientation",
        "gender-identity",
        "age-band",
    ):
        response = client.post(step_url(slug) + "?return=check", ANSWERS[slug])
    response = client.post(step_url("borough") + "?return=check", ANSWERS["borough"])
    assert response["Location"] == CHECK_URL
