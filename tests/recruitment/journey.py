"""Answers for walking the public application with the test client (shared by the
recruitment test modules)."""

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

ANSWERS: dict[str, dict[str, Any]] = {
    "age": {"answer": "yes"},
    "area": {"area": ["live", "work"]},
    "victim": {"answer": "yes"},
    "forums": {"cohorts": ["general", "disabled-victims"]},
    "contact": {"full_name": "Alex Example", "email": "alex@example.org", "phone": "07700 900982"},
    "safe-contact": {"channels": ["email", "text"], "times_to_avoid": "Weekday evenings"},
    "access-needs": {"access_needs": "Step-free access"},
    "equality": {"answer": "yes"},
    "ethnic-group": {"answer": "black"},
    "ethnic-background": {"answer": "black_caribbean"},
    "disability": {"answer": "no"},
    "sexual-orientation": {"answer": "prefer_not_to_say"},
    "gender-identity": {"answer": "same"},
    "age-band": {"answer": "25_34"},
    "borough": {"answer": "E09000022"},
    "pnc-check": {"answer": "yes"},
    "agreement": {"answer": "yes"},
    "privacy": {"seen": "yes"},
}
ORDER = list(ANSWERS)
CHECK_URL = reverse("recruitment_public:check")


def step_url(slug: str) -> str:
    return reverse("recruitment_public:step", args=[slug])


def answer(client: Any, slug: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    return client.post(step_url(slug), ANSWERS[slug] if data is None else data, **kwargs)


def answer_until(client: Any, stop: str | None = None, **changes: Any) -> Any:
    """Answer every step in order (with `changes` by slug) until `stop` (not answered).
    Steps the answers make irrelevant are skipped, as the journey skips them."""
    response = None
    for slug in ORDER:
        if slug == stop:
            break
        data = changes.get(slug.replace("-", "_"), ANSWERS[slug])
        if data is None:
            continue  # not asked with these answers
        response = answer(client, slug, data)
        assert response.status_code == 302, (slug, response.status_code)
    return response


def apply(client: Any, **changes: Any) -> Any:
    """Answer every step (with `changes`) and send the application."""
    answer_until(client, **changes)
    return send(client)


def send(client: Any, **extra: Any) -> Any:
    """Open Check your answers and send the application with its token."""
    page = client.get(CHECK_URL)
    assert page.status_code == 200
    token = page.content.decode().split('name="token" value="')[1].split('"')[0]
    return client.post(CHECK_URL, {"token": token, "website": "", **extra})


@pytest.fixture(autouse=True)
def no_minimum_time(settings: Any) -> None:
    """Imported by the public journey's test modules: a test client answers faster than a
    person can, which the journey otherwise refuses as automated."""
    settings.RECRUITMENT_MIN_SECONDS_TO_APPLY = 0


def journey_state(client: Any) -> dict[str, Any]:
    """What the journey keeps in `client`'s session (answers, when each was answered)."""
    from django.test import RequestFactory

    from recruitment import journey

    request = RequestFactory().get("/")
    request.session = client.session
    return journey.state_load(request)


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(response: Any) -> str:
    """The page's words, with whitespace collapsed."""
    return " ".join(soup_of(response).get_text().split())


# Rows made by the test itself --------------------------------------------------------------
# The cast (victimvoice/cast.py) already holds the member persona's application and its
# messages, so a test counts only the rows it made: new(Application), new(Message).

_BASELINE: dict[type, int] = {}


@pytest.fixture(autouse=True)
def only_new_rows(db: Any) -> None:
    """Imported by the recruitment test modules: notes the last row of each model first."""
    from django.db.models import Max

    from notify.models import Message
    from privacy.models import AuditEvent, RetentionReceipt
    from recruitment.models import Application

    for model in (Application, Message, RetentionReceipt, AuditEvent):
        _BASELINE[model] = model.objects.aggregate(last=Max("pk"))["last"] or 0


def new(model: Any) -> Any:
    """The rows of `model` made since the test began."""
    return model.objects.filter(pk__gt=_BASELINE[model])
