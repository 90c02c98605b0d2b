"""The feedback dashboards in Welsh: the analysts' dashboard and the officer's own view."""

from typing import Any

import pytest
from django.conf import settings

from dashboards import services
from tests.dashboards.test_rollups import LATER, make_teams, random_responses
from tests.project.test_language_switch import compiled_welsh_catalogue  # noqa: F401 - autouse

pytestmark = pytest.mark.django_db


def test_the_dashboard_and_the_officer_view_speak_welsh(client_as: Any) -> None:
    random_responses(make_teams(), 40)
    services.rollup_refresh(now=LATER)
    analyst = client_as("analyst")
    analyst.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = analyst.get("/dashboards/", {"borough": "camden"}).content.decode()
    assert "Ymatebion a sgoriau fesul mis" in html
    assert "Cymharu ardaloedd" in html
    officer = client_as("officer")
    officer.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert "Dim digon o ymatebion eto" in officer.get("/dashboards/mine/").content.decode()
