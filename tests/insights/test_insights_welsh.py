"""The feedback loop pages in Welsh: headings, statuses and theme names."""

from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from tests.insights.access import make_recommendation, past_meeting
from tests.project.test_language_switch import LOCALE_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def welsh_catalogue() -> Any:
    po_file, mo_file = LOCALE_DIR / "django.po", LOCALE_DIR / "django.mo"
    if not mo_file.exists() or mo_file.stat().st_mtime < po_file.stat().st_mtime:
        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale="cy")
        with mo_file.open("wb") as fh:
            write_mo(fh, catalog)
        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_the_overview_and_a_recommendation_read_in_welsh(
    client_as: Any, personas: dict[str, Any]
) -> None:
    recommendation = make_recommendation(personas)
    client = client_as("police_lead")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    overview = client.get(reverse("insights:overview")).content.decode()
    assert "Pob argymhelliad ar draws y fforymau" in overview
    assert "Yn aros am ymateb gan yr heddlu" in overview
    detail = client.get(reverse("insights:recommendation", args=[recommendation.pk]))
    html = detail.content.decode()
    assert "Ymateb yr heddlu" in html and "Cael y wybodaeth ddiweddaraf" in html


def test_the_point_form_offers_themes_by_their_welsh_names(
    client_as: Any, personas: dict[str, Any]
) -> None:
    meeting = past_meeting(personas)
    client = client_as("facilitator_forum_a")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    html = client.get(reverse("insights:point_new", args=[meeting.pk])).content.decode()
    assert "Cofnodi pwynt adborth" in html and "Cyswllt cyntaf" in html
