"""Fixtures shared by the feedback tests: the Camden borough and the officer persona's own
feedback code, with their team and posting."""

from typing import Any

import pytest

from feedback import services
from feedback.models import Borough, FeedbackCode


@pytest.fixture
def camden() -> Borough:
    return Borough.objects.get(code="E09000007")


@pytest.fixture
def officer_code(personas: dict[str, Any], camden: Borough) -> FeedbackCode:
    team = services.team_ensure(borough=camden, name="Camden response team A")
    services.officer_posting_set(officer=personas["officer"], team=team)
    return FeedbackCode.objects.get(officer=personas["officer"], active=True)
