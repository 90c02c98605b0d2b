"""Helpers shared by the public feedback form's tests (test_form_journey.py,
test_form_languages.py, test_form_routing.py): the Welsh catalogue, opening the form and
answering it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from feedback.models import FeedbackCode


@pytest.fixture(scope="module", autouse=True)
def _compiled_welsh_catalogue() -> Any:
    """`make test` compiles the catalogue; compile it here too when run on its own."""
    from tests.project.test_language_switch import compiled_welsh_catalogue

    yield from compiled_welsh_catalogue.__wrapped__()  # type: ignore[attr-defined]


def _token(page: Any) -> str:
    match = re.search(rb'name="token" value="([^"]+)"', page.content)
    assert match, "the form has no token"
    return match.group(1).decode()


def _answers(token: str, **extra: str) -> dict[str, str]:
    data = {
        "token": token,
        "overall": "4",
        "respect": "yes",
        "listened": "partly",
        "kept_informed": "no",
        "told_support": "not_sure",
        "comment": "",
    }
    data.update(extra)
    return data


def _open_form(client: Any, code: FeedbackCode, lang: str = "") -> Any:
    landing = client.get(reverse("feedback:code", args=[code.code]))
    assert landing.status_code == 302
    assert landing["Location"] == reverse("feedback:questions")
    if lang:
        client.get(reverse("feedback:questions") + f"?lang={lang}")
    page = client.get(reverse("feedback:questions"))
    assert page.status_code == 200
    return page
