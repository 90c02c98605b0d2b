"""The public feedback form in the person's language (docs/feedback.md): Welsh from the
catalogue, Polish form texts, Arabic right to left, English when a text is missing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from feedback.models import FeedbackCode, Response
from tests.feedback.form_helpers import (  # noqa: F401 (_compiled_welsh_catalogue: autouse)
    _answers,
    _compiled_welsh_catalogue,
    _open_form,
    _token,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


# Languages ----------------------------------------------------------------------------


def test_the_form_in_welsh_uses_the_catalogue_and_welsh_questions(
    client: Any, officer_code: FeedbackCode
) -> None:
    page = _open_form(client, officer_code, lang="cy")
    html = page.content.decode()
    assert '<div lang="cy" dir="ltr"' in html
    assert "Dywedwch wrthym sut wnaeth yr heddlu ddelio â chi" in html  # gettext
    assert "Gadael y dudalen hon" in html  # Exit this page
    assert "A wnaeth yr heddlu eich trin â pharch?" in html
    assert "A gawsoch chi wybod am eich hawliau a ble i gael cymorth?" in html  # reworded
    assert "Do" in html and "Naddo" in html
    sent = client.post(reverse("feedback:questions"), _answers(_token(page)))
    assert sent.status_code == 302
    assert Response.objects.get().language == "cy"


def test_the_form_in_polish_uses_form_texts(client: Any, officer_code: FeedbackCode) -> None:
    page = _open_form(client, officer_code, lang="pl")
    html = page.content.decode()
    assert '<div lang="pl" dir="ltr"' in html
    assert "Czy policja traktowała Cię z szacunkiem?" in html
    assert "Oceń kontakt z policją" in html  # FormText
    assert '<title lang="pl">Oceń kontakt z policją' in html
    sent = client.post(reverse("feedback:questions"), _answers(_token(page)))
    assert sent.status_code == 302
    assert Response.objects.get().language == "pl"
    equality = client.get(reverse("feedback:equality"))
    assert "Wolę nie podawać" in equality.content.decode()
    client.post(reverse("feedback:equality"), {"skip": "1"})
    thanks = client.get(reverse("feedback:thanks"))
    assert "Dziękujemy za opinię" in thanks.content.decode()


def test_arabic_is_right_to_left(client: Any, officer_code: FeedbackCode) -> None:
    page = _open_form(client, officer_code, lang="ar")
    html = page.content.decode()
    assert '<div lang="ar" dir="rtl"' in html
    assert "feedback/rtl.css" in html
    assert "هل عاملتك الشرطة باحترام؟" in html


def test_a_missing_form_text_falls_back_to_english(client: Any, officer_code: FeedbackCode) -> None:
    from feedback.models import FormText

    FormText.objects.filter(language__code="es", key="continue").delete()
    page = _open_form(client, officer_code, lang="es")
    assert b">Continue<" in page.content or b"Continue\n" in page.content


def test_an_unknown_language_is_ignored(client: Any, officer_code: FeedbackCode) -> None:
    _open_form(client, officer_code)
    page = client.get(reverse("feedback:questions") + "?lang=xx", follow=True)
    assert b'<div lang="en" dir="ltr"' in page.content
