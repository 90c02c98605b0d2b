"""The public feedback form (docs/feedback.md): QR codes and the website start it, the
questions come from the database, a response is saved once (duplicates, automation and
rate limits) and nothing personal goes in its URLs. Its languages are in
test_form_languages.py, its comment's redaction and routing in test_form_routing.py."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from feedback import form_session, services
from feedback.models import (
    Borough,
    Channel,
    FeedbackCode,
    Language,
    Question,
    QuestionText,
    Response,
)
from tests.feedback.form_helpers import (  # noqa: F401 (_compiled_welsh_catalogue: autouse)
    _answers,
    _compiled_welsh_catalogue,
    _open_form,
    _token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


# Seeded reference data -----------------------------------------------------------------


def test_it_seeds_the_33_london_areas_with_their_ons_codes() -> None:
    assert Borough.objects.count() == 33
    assert Borough.objects.get(code="E09000001").name == "City of London"
    assert Borough.objects.get(code="E09000033").slug == "westminster"


def test_welsh_is_reviewed_and_other_languages_are_marked_machine_translated() -> None:
    assert set(Language.objects.values_list("code", flat=True)) >= {
        "en", "cy", "pl", "ro", "bn", "pt", "es", "ar",
    }  # fmt: skip
    assert Language.objects.get(code="ar").direction == "rtl"
    questions = Question.objects.filter(active=True).count()
    for code in ("en", "cy", "pl", "ro", "bn", "pt", "es", "ar"):
        texts = QuestionText.objects.filter(language__code=code)
        assert texts.count() == questions, code
        machine = code not in ("en", "cy")
        assert all(t.machine_translated == machine and t.reviewed != machine for t in texts)


def test_the_equality_questions_ask_age_band_first() -> None:
    keys = list(
        Question.objects.filter(section="equality").order_by("order").values_list("key", flat=True)
    )
    assert keys == ["age_band", "ethnic_group", "sex", "disabled"]


# Codes ------------------------------------------------------------------------------------


def test_an_unknown_code_shows_a_friendly_page_with_404(client: Any) -> None:
    page = client.get(reverse("feedback:code", args=["not-a-real-code"]))
    assert page.status_code == 404
    assert b"This feedback link does not work" in page.content
    assert reverse("feedback:start").encode() in page.content


def test_an_inactive_code_shows_the_same_page(client: Any, officer_code: FeedbackCode) -> None:
    FeedbackCode.objects.filter(pk=officer_code.pk).update(active=False)
    page = client.get(reverse("feedback:code", args=[officer_code.code]))
    assert page.status_code == 404


def test_codes_are_opaque_and_long_enough(officer_code: FeedbackCode) -> None:
    assert len(officer_code.code) >= 12
    assert re.fullmatch(r"[A-Za-z0-9_-]+", officer_code.code)


# The journey --------------------------------------------------------------------------


def test_a_qr_response_is_saved_for_the_officer_team_and_borough(
    client: Any, officer_code: FeedbackCode, personas: dict[str, Any]
) -> None:
    page = _open_form(client, officer_code)
    sent = client.post(reverse("feedback:questions"), _answers(_token(page)))
    assert sent.status_code == 302 and sent["Location"] == reverse("feedback:equality")
    response = Response.objects.get()
    assert response.channel == Channel.QR
    assert response.officer == personas["officer"]
    assert response.team == officer_code.team
    assert response.borough is not None and response.borough.code == "E09000007"
    assert (response.overall, response.respect, response.listened) == (4, "yes", "partly")
    # The month in London: late on the last day of a summer month, UTC is a month behind.
    assert response.month == timezone.localdate(response.submitted_at).replace(day=1)
    assert response.comment is None and not response.routed

    equality = client.get(reverse("feedback:equality"))
    assert equality.status_code == 200
    html = equality.content.decode()
    assert html.index('name="age_band"') < html.index('name="ethnic_group"')
    done = client.post(
        reverse("feedback:equality"),
        {"age_band": "18_24", "ethnic_group": "black", "sex": "female", "disabled": "no"},
    )
    assert done["Location"] == reverse("feedback:thanks")
    response.refresh_from_db()
    assert (response.age_band, response.ethnic_group, response.sex, response.disabled) == (
        "18_24",
        "black",
        "female",
        "no",
    )


def test_the_equality_page_can_be_skipped(client: Any, officer_code: FeedbackCode) -> None:
    page = _open_form(client, officer_code)
    client.post(reverse("feedback:questions"), _answers(_token(page)))
    equality = client.get(reverse("feedback:equality"))
    assert b"Skip these questions and send" in equality.content
    done = client.post(reverse("feedback:equality"), {"skip": "1", "age_band": "18_24"})
    assert done["Location"] == reverse("feedback:thanks")
    response = Response.objects.get()
    assert response.age_band == "" and response.equality_answered_at is not None


def test_the_overall_rating_is_required_and_the_error_links_to_it(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    sent = client.post(reverse("feedback:questions"), _answers(_token(page), overall=""))
    assert sent.status_code == 200
    assert b'href="#overall"' in sent.content
    assert b"Select how good the service was" in sent.content
    assert not Response.objects.exists()


def test_the_form_says_it_is_not_the_way_to_report_a_crime_or_complain(
    client: Any, officer_code: FeedbackCode, settings: Any
) -> None:
    page = _open_form(client, officer_code)
    assert b"This is not the way to report a crime or make a complaint" in page.content
    assert b"999" in page.content
    assert settings.FEEDBACK_REPORT_CRIME_URL.encode() in page.content
    assert settings.FEEDBACK_COMPLAINT_URL.encode() in page.content
    assert b"Exit this page" in page.content


def test_the_questions_are_in_the_plain_words_of_the_style_guide(
    client: Any, officer_code: FeedbackCode
) -> None:
    """docs/content-style.md; the reworded questions come from migration 0007."""
    page = _open_form(client, officer_code).content.decode()
    assert "You only have to answer the first question." in page
    assert "Think about the last time you dealt with the police." in page
    assert "Were you told about your rights and where to get support?" in page
    assert "Do not write names, addresses, phone numbers or crime reference numbers." in page
    assert "support services and your rights as a victim" not in page


def test_the_form_page_loads_no_moj_styles(client: Any, officer_code: FeedbackCode) -> None:
    page = _open_form(client, officer_code)
    assert b"moj-frontend" not in page.content


def test_the_thanks_page_links_rights_and_support_in_the_borough(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    client.post(reverse("feedback:questions"), _answers(_token(page)))
    client.post(reverse("feedback:equality"), {"skip": "1"})
    thanks = client.get(reverse("feedback:thanks"))
    assert thanks.status_code == 200
    assert b"Thank you for your feedback" in thanks.content
    assert reverse("directory:rights").encode() in thanks.content
    assert f"{reverse('directory:services')}?borough=camden".encode() in thanks.content


# Duplicates, automation, rate limits ------------------------------------------------------


def test_sending_the_same_form_twice_saves_one_response_and_shows_thanks(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    data = _answers(_token(page))
    client.post(reverse("feedback:questions"), data)
    client.post(reverse("feedback:equality"), {"skip": "1"})
    again = client.post(reverse("feedback:questions"), data, follow=True)
    assert Response.objects.count() == 1
    assert again.redirect_chain[-1][0] == reverse("feedback:thanks")
    assert b"Thank you for your feedback" in again.content


def test_the_same_token_in_another_session_saves_nothing_new(
    client: Any, officer_code: FeedbackCode
) -> None:
    from django.test import Client

    page = _open_form(client, officer_code)
    data = _answers(_token(page))
    client.post(reverse("feedback:questions"), data)
    other = Client()
    other.get(reverse("feedback:code", args=[officer_code.code]))
    other.post(reverse("feedback:questions"), data)
    assert Response.objects.count() == 1


def test_a_forged_token_saves_nothing_and_keeps_the_answers(
    client: Any, officer_code: FeedbackCode
) -> None:
    _open_form(client, officer_code)
    sent = client.post(reverse("feedback:questions"), _answers("forged:token", comment="kept"))
    assert sent.status_code == 200
    assert b"This form has expired" in sent.content
    assert b"kept" in sent.content
    assert not Response.objects.exists()


@override_settings(FEEDBACK_SUBMIT_RATE_PER_HOUR=2)
def test_a_client_sending_many_forms_is_slowed_down(
    client: Any, officer_code: FeedbackCode
) -> None:
    for _ in range(2):
        page = _open_form(client, officer_code)
        client.post(reverse("feedback:questions"), _answers(_token(page)))
    page = _open_form(client, officer_code)
    refused = client.post(reverse("feedback:questions"), _answers(_token(page)))
    assert refused.status_code == 429
    assert b"Try again in a few minutes" in refused.content
    assert Response.objects.count() == 2


@override_settings(FEEDBACK_SUBMIT_RATE_PER_CODE_PER_HOUR=2)
def test_a_client_changing_its_address_for_each_form_is_still_slowed_down(
    client: Any, officer_code: FeedbackCode
) -> None:
    """The limit counts the printed code too, not only the address (each form has a
    cookie of its own, so a client can shed it with its address)."""
    for n in range(2):
        page = _open_form(client, officer_code)
        client.post(
            reverse("feedback:questions"), _answers(_token(page)), REMOTE_ADDR=f"198.51.100.{n}"
        )
    page = _open_form(client, officer_code)
    refused = client.post(
        reverse("feedback:questions"), _answers(_token(page)), REMOTE_ADDR="198.51.100.99"
    )
    assert refused.status_code == 429
    assert Response.objects.count() == 2


def test_fast_sends_are_a_soft_signal_with_a_smaller_allowance(
    client: Any, officer_code: FeedbackCode, monkeypatch: Any
) -> None:
    """A form sent at once is not refused (assistive technology can be fast), but only a
    few such sends are allowed per hour from one client."""
    from feedback import rules

    monkeypatch.setattr(rules, "MIN_FILL_SECONDS", 3600)
    saved = 0
    for _ in range(rules.FAST_SUBMITS_PER_HOUR + 1):
        page = _open_form(client, officer_code)
        if client.post(reverse("feedback:questions"), _answers(_token(page))).status_code == 302:
            saved += 1
    assert saved == rules.FAST_SUBMITS_PER_HOUR


def test_the_form_has_no_captcha_honeypot_or_script_check(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    html = page.content.decode().lower()
    assert "captcha" not in html
    inputs = re.findall(r"<input[^>]*>", html)
    hidden = [i for i in inputs if 'type="hidden"' in i]
    assert {re.search(r'name="([^"]+)"', i).group(1) for i in hidden} == {  # type: ignore[union-attr]
        "csrfmiddlewaretoken",
        "token",
        "next",  # the site's English/Welsh switch
    }
    assert "<noscript" not in html


# Nothing personal in URLs ---------------------------------------------------------------


def test_no_url_of_the_journey_carries_anything_personal(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code)
    visited = [reverse("feedback:code", args=[officer_code.code])]
    sent = client.post(
        reverse("feedback:questions"),
        _answers(_token(page), comment="Call me on 07700 900123, I am Jane Smith"),
    )
    visited.append(sent["Location"])
    done = client.post(reverse("feedback:equality"), {"age_band": "25_34"})
    visited.append(done["Location"])
    for url in visited:
        assert "?" not in url
        assert "07700" not in url and "Jane" not in url and "25_34" not in url
    cookie = client.cookies[form_session.cookie_name()].value
    context = form_session.cookie_read(cookie)
    assert context is not None and set(context) == {
        "code_id", "channel", "invitation_id", "language", "nonce", "response_id", "done",
    }  # fmt: skip
    assert "Jane" not in str(context) and "07700" not in str(context)


# The website's start ------------------------------------------------------------------


def test_the_website_start_without_a_borough_saves_a_web_response(client: Any) -> None:
    page = client.get(reverse("feedback:start"))
    assert page.status_code == 200
    started = client.post(reverse("feedback:start"), {"borough": "unknown"})
    assert started["Location"] == reverse("feedback:questions")
    form = client.get(reverse("feedback:questions"))
    client.post(reverse("feedback:questions"), _answers(_token(form)))
    response = Response.objects.get()
    assert response.channel == Channel.WEB and response.team is None and response.borough is None


def test_the_website_start_with_a_borough_uses_its_general_team(
    client: Any, camden: Borough
) -> None:
    started = client.post(reverse("feedback:start"), {"borough": "camden"})
    assert started["Location"] == reverse("feedback:questions")
    form = client.get(reverse("feedback:questions"))
    client.post(reverse("feedback:questions"), _answers(_token(form)))
    response = Response.objects.get()
    assert response.borough == camden
    assert response.team is not None and response.team.slug == "camden-borough"


def test_the_website_start_offers_the_boroughs_teams(
    client: Any, officer_code: FeedbackCode
) -> None:
    chosen = client.post(reverse("feedback:start"), {"borough": "camden"})
    assert chosen["Location"] == reverse("feedback:team") + "?borough=camden"
    page = client.get(chosen["Location"])
    assert b"Camden response team A" in page.content
    started = client.post(chosen["Location"], {"team": officer_code.team.slug})
    assert started["Location"] == reverse("feedback:questions")
    form = client.get(reverse("feedback:questions"))
    client.post(reverse("feedback:questions"), _answers(_token(form)))
    response = Response.objects.get()
    assert response.team == officer_code.team and response.officer is None


def test_a_borough_must_be_chosen(client: Any) -> None:
    page = client.post(reverse("feedback:start"), {"borough": ""})
    assert page.status_code == 200
    assert b"Select the borough" in page.content


def test_the_questions_page_without_a_started_form_goes_to_the_start(client: Any) -> None:
    assert client.get(reverse("feedback:questions"))["Location"] == reverse("feedback:start")


def test_the_home_page_links_the_form(client: Any) -> None:
    page = client.get(reverse("pages:home"))
    assert reverse("feedback:start").encode() in page.content


# form_session_start (for invitations) ---------------------------------------------------


def test_form_session_start_for_an_invitation_marks_it_used(
    client: Any, officer_code: FeedbackCode, rf: Any
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from feedback.models import Invitation

    invitation = Invitation.objects.create(
        token_hash="0" * 64,
        channel=Channel.SMS,
        team=officer_code.team,
        officer=officer_code.officer,
        expires_at=timezone.now() + timedelta(days=7),
    )
    session = client.session
    request = rf.get("/")
    request.session = session
    url = services.form_session_start(
        request, code=None, channel=Channel.SMS, invitation=invitation, language="ro"
    )
    session.save()
    assert url == reverse("feedback:questions")
    page = client.get(url)
    assert "V-a tratat poliția cu respect?" in page.content.decode()
    client.post(url, _answers(_token(page)))
    response = Response.objects.get()
    assert response.channel == Channel.SMS and response.invitation == invitation
    assert response.officer == officer_code.officer and response.language == "ro"
    invitation.refresh_from_db()
    assert invitation.used_at is not None
