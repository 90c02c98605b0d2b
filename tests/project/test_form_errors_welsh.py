"""Error messages in Welsh say "Gwall:" to screen readers, not "Error:". GOV.UK Frontend's
error message hard-codes its hidden prefix in English; victimvoice/jinja2.py makes it
translatable in one place, for every field of every form. Also the link helper that builds
the `html` of table cells and summary lists (never markup shown as text)."""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template import engines
from django.urls import reverse
from django.utils import translation

from tests.portal.fixtures import meeting, member_place
from tests.project.test_language_switch import compiled_welsh_catalogue  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db

# Every GOV.UK Frontend component that shows an error message under a field.
COMPONENTS = {
    "input": '{"id": "f", "name": "f", "label": {"text": "L"}, "errorMessage": {"text": "X"}}',
    "textarea": '{"id": "f", "name": "f", "label": {"text": "L"}, "errorMessage": {"text": "X"}}',
    "select": '{"id": "f", "name": "f", "label": {"text": "L"}, "items": [], '
    '"errorMessage": {"text": "X"}}',
    "file-upload": '{"id": "f", "name": "f", "label": {"text": "L"}, '
    '"errorMessage": {"text": "X"}}',
    "radios": '{"idPrefix": "f", "name": "f", "items": [{"value": "a", "text": "A"}], '
    '"errorMessage": {"text": "X"}}',
    "checkboxes": '{"idPrefix": "f", "name": "f", "items": [{"value": "a", "text": "A"}], '
    '"errorMessage": {"text": "X"}}',
    "date-input": '{"id": "f", "namePrefix": "f", "errorMessage": {"text": "X"}}',
    "password-input": '{"id": "f", "name": "f", "label": {"text": "L"}, '
    '"errorMessage": {"text": "X"}}',
}


def _macro(component: str) -> str:
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


def _render(component: str) -> str:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    source = (
        f'{{% from "govuk_frontend_jinja/components/{component}/macro.html" '
        f"import {_macro(component)} %}}{{{{ {_macro(component)}({COMPONENTS[component]}) }}}}"
    )
    return env.from_string(source).render()


def _prefixes(html: str) -> list[str]:
    page = BeautifulSoup(html, "html.parser")
    return [
        span.get_text(strip=True)
        for span in page.select(".govuk-error-message .govuk-visually-hidden")
    ]


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_fields_error_message_has_its_hidden_prefix_in_the_pages_language(
    component: str,
) -> None:
    with translation.override("cy"):
        assert _prefixes(_render(component)) == ["Gwall:"]
    with translation.override("en"):
        assert _prefixes(_render(component)) == ["Error:"]


def _assert_welsh_errors(response: Any) -> None:
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    prefixes = _prefixes(response.content.decode())
    assert prefixes and set(prefixes) == {"Gwall:"}
    assert page.title is not None
    assert page.title.get_text().startswith("Gwall:")
    assert "Error" not in page.get_text()


def test_a_welsh_member_sending_an_empty_claim_hears_gwall(client_as: Any, personas: Any) -> None:
    member_place(personas)
    meeting(personas, days=-3)
    client = client_as("member")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    _assert_welsh_errors(client.post(reverse("expenses:claim_new"), {}))


def test_a_welsh_sign_in_with_nothing_entered_hears_gwall(client: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    _assert_welsh_errors(client.post(reverse("account_login"), {}))


def test_the_link_helper_escapes_its_text_and_gives_markup_for_html_parameters() -> None:
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    html = env.from_string(
        '{% from "govuk_frontend_jinja/components/summary-list/macro.html" '
        "import govukSummaryList %}"
        '{{ govukSummaryList({"rows": [{"key": {"text": "Receipt"}, '
        '"value": {"html": link("/r/1/", name)}}]}) }}'
    ).render(name="<b>Tom & Jerry</b>")
    page = BeautifulSoup(html, "html.parser")
    anchor = page.select_one("dd a.govuk-link")
    assert anchor is not None and anchor["href"] == "/r/1/"
    assert anchor.get_text() == "<b>Tom & Jerry</b>"  # shown as typed, not as markup
    assert "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;" in html
