"""The feedback form's submit stays cheap (docs/feedback-invitations.md, the submit
benchmark): its database statements are pinned so they cannot creep back; the form's
reference data is read once per process and re-read as soon as it changes; rate-limit
counters never touch the database."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback import form_session, form_text, services
from feedback.models import FeedbackCode, FormText, Language, QuestionText, Response
from lib.ratelimit import RATELIMIT_CACHE_ALIAS

pytestmark = pytest.mark.django_db

COMMENT = "The officer was kind and explained what happens next."


def _ready(client: Any, code: FeedbackCode) -> dict[str, str]:
    client.get(reverse("feedback:code", args=[code.code]))
    page = client.get(reverse("feedback:questions"))
    match = re.search(rb'name="token" value="([^"]+)"', page.content)
    assert match
    return {
        "token": match.group(1).decode(),
        "overall": "4",
        "respect": "yes",
        "listened": "partly",
        "kept_informed": "no",
        "told_support": "not_sure",
        "comment": COMMENT,
    }


def test_a_submit_with_a_comment_takes_eight_statements_and_no_session(
    client: Any, officer_code: FeedbackCode, django_assert_num_queries: Any
) -> None:
    from django.test import Client

    warm = Client()  # the first submit in a process also reads the comment's content type
    warm.post(reverse("feedback:questions"), _ready(warm, officer_code))
    data = _ready(client, officer_code)
    # The code (with its team); the response's INSERT, the comment's INSERT (in
    # redaction's own savepoint) and the response's link to it. In tests each transaction
    # is a savepoint: 2 statements each (in production: one BEGIN and one COMMIT).
    # No session row, no reference data, no rate-limit counter, no duplicate check.
    with django_assert_num_queries(8):
        sent = client.post(reverse("feedback:questions"), data)
    assert sent.status_code == 302
    assert sent["Location"] == reverse("feedback:equality")
    assert Response.objects.count() == 2
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_the_form_context_is_a_signed_httponly_lax_cookie_that_cannot_be_altered(
    client: Any, officer_code: FeedbackCode
) -> None:
    data = _ready(client, officer_code)
    cookie = client.cookies[form_session.cookie_name()]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert not cookie["max-age"]  # gone when the browser closes
    context = form_session.cookie_read(cookie.value)
    assert context is not None and context["code_id"] == officer_code.pk
    # Altered (another code's id) or forged: the form starts again, nothing is saved.
    client.cookies[form_session.cookie_name()] = cookie.value.replace(":", "x:", 1)
    sent = client.post(reverse("feedback:questions"), data)
    assert sent.status_code == 302 and sent["Location"] == reverse("feedback:start")
    assert Response.objects.count() == 0


def test_a_form_started_in_the_session_moves_into_the_cookie(
    client: Any, officer_code: FeedbackCode, rf: Any
) -> None:
    session = client.session
    request = rf.get("/")
    request.session = session
    url = services.form_session_start(request, code=officer_code, channel="qr")
    session.save()
    page = client.get(url)
    assert page.status_code == 200
    assert form_session.SESSION_KEY not in client.session
    assert form_session.cookie_read(client.cookies[form_session.cookie_name()].value)


def test_the_same_form_sent_twice_in_two_sessions_is_refused_by_the_unique_key(
    officer_code: FeedbackCode,
) -> None:
    first = services.response_submit(
        code=officer_code,
        channel="qr",
        answers=services.CoreAnswers(overall=5, comment=COMMENT),
        submission_key="a" * 64,
    )
    again = services.response_submit(
        code=officer_code,
        channel="qr",
        answers=services.CoreAnswers(overall=1, comment="Another comment"),
        submission_key="a" * 64,
    )
    assert first.created and not again.created
    assert again.response.pk == first.response.pk
    assert Response.objects.get().overall == 5


def test_the_rate_limit_counters_are_not_in_the_database(
    client: Any, officer_code: FeedbackCode
) -> None:
    assert settings.CACHES[RATELIMIT_CACHE_ALIAS]["BACKEND"] != (
        "django.core.cache.backends.db.DatabaseCache"
    )
    data = _ready(client, officer_code)
    with CaptureQueriesContext(connection) as queries:
        client.post(reverse("feedback:questions"), data)
    assert not [q for q in queries.captured_queries if "cache_entries" in q["sql"]]


# Reference data in process memory ------------------------------------------------------


def _reference_queries(queries: CaptureQueriesContext) -> list[str]:
    tables = ("feedback_language", "feedback_question", "feedback_formtext")
    return [q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in tables)]


def test_reference_data_is_read_once_then_served_from_memory() -> None:
    polish = form_text.language_resolve("pl", form_text.languages())
    with CaptureQueriesContext(connection) as first:
        form_text.languages()
        form_text.texts(polish)
        form_text.questions(form_text.CORE, polish)
    assert _reference_queries(first)  # read (languages() above already cached)
    with CaptureQueriesContext(connection) as again:
        assert [lang.code for lang in form_text.languages()][:2] == ["en", "cy"]
        assert form_text.texts(polish)["continue"]
        assert form_text.questions(form_text.CORE, polish)[0].key == "overall"
    assert _reference_queries(again) == []


@pytest.mark.parametrize("change", ["question_text", "form_text", "language"])
def test_a_change_to_reference_data_shows_at_once(change: str) -> None:
    polish = form_text.language_resolve("pl", form_text.languages())
    form_text.texts(polish)
    form_text.questions(form_text.CORE, polish)
    if change == "question_text":
        text = QuestionText.objects.get(language__code="pl", question__key="overall")
        text.text = "Nowe brzmienie pytania"
        text.save()
        assert form_text.questions(form_text.CORE, polish)[0].text == "Nowe brzmienie pytania"
    elif change == "form_text":
        row, _ = FormText.objects.update_or_create(
            language=Language.objects.get(code="pl"), key="continue", defaults={"text": "Dalej!"}
        )
        assert form_text.texts(polish)["continue"] == "Dalej!"
        row.delete()
        assert form_text.texts(polish)["continue"] != "Dalej!"
    else:
        language = Language.objects.get(code="pl")
        language.active = False
        language.save()
        assert "pl" not in [lang.code for lang in form_text.languages()]


def test_a_change_made_elsewhere_shows_after_the_time_to_live(monkeypatch: Any) -> None:
    polish = form_text.language_resolve("pl", form_text.languages())
    form_text.questions(form_text.CORE, polish)
    # Another process (or a bulk update) changes the wording: no signal reaches this one.
    QuestionText.objects.filter(language__code="pl", question__key="overall").update(
        text="Zmienione gdzie indziej"
    )
    assert form_text.questions(form_text.CORE, polish)[0].text != "Zmienione gdzie indziej"
    now = form_text.time.monotonic()
    monkeypatch.setattr(
        form_text.time, "monotonic", lambda: now + form_text.REFERENCE_TTL_SECONDS + 1
    )
    assert form_text.questions(form_text.CORE, polish)[0].text == "Zmienione gdzie indziej"
