"""Recruitment's public rules below the pages: the reference data, application_submit,
the rate limit helper, the equality counts and the demo applications."""

import csv
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone, translation

from lib.ratelimit import ratelimit_hit
from lib.rules import RuleBroken
from notify.models import Message
from recruitment import models as recruitment_models
from recruitment.demo import seed_applications
from recruitment.models import Application, Cohort, Stage
from recruitment.reference import equality
from recruitment.selectors import equality_counts
from recruitment.services import ApplicationAnswers, application_submit
from tests.recruitment.journey import new, only_new_rows  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

CENSUS = Path(equality.__file__).resolve().parent / "census2021"


def census_categories(filename):
    with (CENSUS / filename).open(newline="", encoding="utf-8") as f:
        return {row["category"] for row in csv.DictReader(f) if "category" in row}


def answers(**changes):
    now = timezone.now()
    values = {
        "cohort_slugs": ["general"],
        "full_name": "Robin Example",
        "email": "robin@example.org",
        "lives_in_area": True,
        "may_email": True,
        "pnc_check_consent_at": now,
        "terms_agreed_at": now,
        "privacy_notice_seen_at": now,
    }
    values.update(changes)
    return ApplicationAnswers(**values)


# Reference data ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers_list", "filename"),
    [
        (equality.ETHNIC_GROUPS, "ethnicity_london.csv"),
        (equality.ETHNIC_BACKGROUNDS, "ethnicity_london.csv"),
        (equality.SEXUAL_ORIENTATION, "sexual_orientation_london.csv"),
        (equality.GENDER_IDENTITY, "gender_identity_london.csv"),
    ],
)
def test_every_equality_answer_is_counted_under_a_census_category_in_the_shipped_figures(
    answers_list, filename
):
    categories = census_categories(filename)
    for answer in answers_list:
        assert answer.census_category in categories, answer.code


def test_every_age_band_is_a_band_of_the_census_age_table():
    with (CENSUS / "age_sex_london.csv").open(newline="", encoding="utf-8") as f:
        bands = {row["age_band"] for row in csv.DictReader(f)}
    for answer in equality.AGE_BANDS:
        assert answer.census_category in bands


def test_the_boroughs_are_the_33_london_local_authorities_with_their_ons_codes():
    boroughs = equality.boroughs()
    assert len(boroughs) == 33
    assert all(b.code.startswith("E09") for b in boroughs)
    assert "Lambeth" in {b.census_category for b in boroughs}


def test_every_ethnic_group_has_backgrounds_and_codes_are_unique():
    for field in (
        "ethnic_group",
        "disability",
        "sexual_orientation",
        "gender_identity",
        "age_band",
        "borough",
    ):
        codes = [a.code for a in equality.answers_for(field)]
        assert len(codes) == len(set(codes))
        assert equality.PREFER_NOT_TO_SAY not in codes
    for group in equality.ETHNIC_GROUPS:
        assert any(b.group == group.code for b in equality.ETHNIC_BACKGROUNDS)


def test_an_answer_reads_as_words_with_its_group():
    with translation.override("en"):
        _check_labels()


def _check_labels():
    assert equality.label_for("ethnic_group", "black_caribbean") == (
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean"
    )
    assert equality.label_for("age_band", "prefer_not_to_say") == "Prefer not to say"
    assert equality.label_for("borough", "E09000022") == "Lambeth"
    assert equality.label_for("borough", "") == ""


# application_submit ------------------------------------------------------------------------


def test_application_submit_stores_a_received_application_and_confirms_by_email():
    application = application_submit(answers=answers())
    assert application.stage == Stage.RECEIVED
    assert application.is_open
    assert new(Message).get(template="application_received").recipient == "robin@example.org"


@pytest.mark.parametrize(
    "changes",
    [
        {"pnc_check_consent_at": None},
        {"terms_agreed_at": None},
        {"privacy_notice_seen_at": None},
        {"email": "", "phone": ""},
        {"full_name": " "},
        {"lives_in_area": False},
        {"cohort_slugs": []},
        {"cohort_slugs": ["no-such-forum"]},
        {"equality": {"religion": "none"}},
    ],
)
def test_application_submit_refuses_answers_that_break_a_rule(changes):
    with pytest.raises(RuleBroken):
        application_submit(answers=answers(**changes))
    assert not new(Application).exists()
    assert not new(Message).exists()


def test_application_submit_refuses_a_closed_cohort():
    Cohort.objects.filter(slug="general").update(active=False)
    with pytest.raises(RuleBroken):
        application_submit(answers=answers())


def test_a_reference_already_taken_is_drawn_again(monkeypatch):
    first = application_submit(answers=answers())
    drawn = iter([first.reference, "VVF-AAAA-AA"])
    monkeypatch.setattr("recruitment.services.public.reference_generate", lambda: next(drawn))
    second = application_submit(answers=answers(email="other@example.org"))
    assert second.reference == "VVF-AAAA-AA"
    assert new(Application).count() == 2


def test_references_do_not_repeat_over_many_draws():
    drawn = {recruitment_models.reference_generate() for _ in range(2000)}
    assert len(drawn) == 2000


def test_a_phone_number_is_sent_texts_without_spaces_or_dashes():
    application_submit(
        answers=answers(email="", phone="07700 900-123", may_email=False, may_text=True)
    )
    assert new(Message).get().recipient == "07700900123"


# Rate limit --------------------------------------------------------------------------------


def test_the_rate_limit_allows_the_limit_then_refuses_and_counts_each_address_apart():
    assert all(ratelimit_hit("test", "203.0.113.1", limit=5, period=3600) for _ in range(5))
    assert not ratelimit_hit("test", "203.0.113.1", limit=5, period=3600)
    assert ratelimit_hit("test", "203.0.113.2", limit=5, period=3600)


# Equality counts -----------------------------------------------------------------------------


def test_equality_counts_decrypt_and_count_in_python():
    application_submit(
        answers=answers(
            equality_answered=True,
            equality={"ethnic_group": "black_african", "age_band": "16_24"},
        )
    )
    application_submit(
        answers=answers(
            email="b@example.org",
            equality_answered=True,
            equality={"ethnic_group": "black", "age_band": "prefer_not_to_say"},
        )
    )
    application_submit(answers=answers(email="c@example.org"))
    counts = equality_counts(applications=new(Application).all())
    assert counts["ethnic_group"]["black_african"] == 1
    assert counts["ethnic_group"]["group:black"] == 2
    assert counts["ethnic_group"][""] == 1
    assert counts["age_band"]["prefer_not_to_say"] == 1


# Demo data ---------------------------------------------------------------------------------


def test_seed_demo_adds_fictional_received_applications_once_and_links_partner_cohorts():
    summary = seed_applications()
    assert summary == "6 applications received"
    assert seed_applications() == "6 applications received"
    applications = list(new(Application).all())
    assert len(applications) == 6
    for application in applications:
        assert application.stage == Stage.RECEIVED
        assert not application.email or application.email.endswith("@example.org")
        assert application.phone.startswith("07700 900")
        assert application.submitted_at < timezone.now() - timedelta(hours=1)
    partner = Cohort.objects.get(slug="disabled-victims").facilitating_organisation
    assert partner is not None and partner.name == "Access and Pride Partnership (demo)"


def test_the_rate_limit_reads_the_address_behind_trusted_proxies_as_allauth_does(settings):
    from django.test import RequestFactory

    from lib.ratelimit import request_ip

    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1"
    )
    assert request_ip(request) == "10.0.0.1"  # no proxy trusted: X-Forwarded-For ignored
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    assert request_ip(request) == "203.0.113.9"
