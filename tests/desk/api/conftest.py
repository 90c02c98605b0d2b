"""Fixtures of the desk API tests: the clock, an integration's token, and a check that no
answer a test received holds the victim's identity."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from desk.models import Case
from feedback.models import Team
from feedback.services import invitations as service
from tests.desk.api.bodies import (
    CASES,
    IDENTITY,
    NOW,
    case_body,
    post_json,
)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def token(personas: dict[str, Any]) -> str:
    _integration, token = service.integration_create(
        actor=personas["programme_admin"],
        name="Crime recording system (test)",
        organisation=personas["programme_admin"].organisation,
        scopes=["desk"],
    )
    return token


@pytest.fixture
def answers() -> list[Any]:
    """Every answer a test received, checked for identity after the test."""
    return []


@pytest.fixture(autouse=True)
def _no_identity_in_any_answer(answers: list[Any]) -> Any:
    yield
    for response in answers:
        text = response.content.decode()
        for value in IDENTITY:
            assert value not in text, (response.status_code, text)


@pytest.fixture
def send(client: Any, token: str, answers: list[Any]) -> Any:
    """send(url, body) -> the response, with the desk integration's token."""

    def post(url: str, body: Any, *, bearer: str | None = None) -> Any:
        return post_json(client, url, bearer or token, body, answers)

    return post


@pytest.fixture
def case(send: Any, desk_team: Team) -> Case:
    response = send(CASES, case_body(desk_team))
    assert response.status_code == 202, response.content
    return Case.objects.get(pk=response.json()["case_id"])
