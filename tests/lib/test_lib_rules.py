"""One rule error (lib.rules.RuleBroken), one way to show it on a form, the page title's
"Error: " worked out by base.html, and the signed-in person from accounts.access.actor."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.template import engines
from django.urls import reverse

from forums.forms import CancelForm
from lib.rules import RuleBroken, form_rule_error
from tests.forums.test_forums_services import forum_a

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", "tests", "migrations", "var", "static", "bench"}


def _summary(form: Any) -> BeautifulSoup:
    source = '{% from "recruitment/staff/_fields.html" import errors %}{{ errors(form) }}'
    env = engines["jinja2"].env  # type: ignore[attr-defined]
    return BeautifulSoup(env.from_string(source).render(form=form), "html.parser")


def _sources() -> list[Path]:
    return [
        path for path in ROOT.rglob("*.py") if not SKIP.intersection(path.relative_to(ROOT).parts)
    ]


def test_a_rule_broken_on_a_field_lands_on_that_field_and_the_summary_links_to_it() -> None:
    form = CancelForm({"reason": "The room flooded"})
    assert form.is_valid()
    form_rule_error(form, RuleBroken("This meeting has already started.", field="reason"))
    assert form.errors["reason"] == ["This meeting has already started."]
    link = _summary(form).select_one(".govuk-error-summary__list a")
    assert link is not None
    assert link["href"] == f"#{form['reason'].id_for_label}"
    assert link.get_text(strip=True) == "This meeting has already started."


def test_a_rule_broken_without_a_field_is_an_error_of_the_whole_form() -> None:
    form = CancelForm({"reason": "The room flooded"})
    assert form.is_valid()
    form_rule_error(form, RuleBroken("This meeting was cancelled."))
    assert form.non_field_errors() == ["This meeting was cancelled."]
    assert "reason" not in form.errors
    item = _summary(form).select_one(".govuk-error-summary__list li")
    assert item is not None
    assert item.get_text(strip=True) == "This meeting was cancelled."
    assert item.select_one("a") is None


def test_a_rule_broken_on_a_field_the_form_lacks_is_an_error_of_the_whole_form() -> None:
    form = CancelForm({"reason": "The room flooded"})
    assert form.is_valid()
    form_rule_error(form, RuleBroken("Choose police leads only", field="leads"))
    assert form.non_field_errors() == ["Choose police leads only"]


def test_a_rule_broken_carries_its_message_field_and_code() -> None:
    error = RuleBroken("Choose text message or email", field="channel", code="invalid_channel")
    assert str(error) == "Choose text message or email"
    assert (error.message, error.field, error.code) == (
        "Choose text message or email",
        "channel",
        "invalid_channel",
    )
    assert RuleBroken("No field", field="").field is None


def test_no_module_defines_another_rule_error() -> None:
    """Rules and services raise lib.rules.RuleBroken: no app keeps its own class for a
    broken rule or a refused input."""
    pattern = re.compile(r"RuleBroken|Refused|Refusal.*Error|RuleError")
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ClassDef) and pattern.search(node.name):
                found.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert found == ["lib/rules.py: RuleBroken"]


def test_no_view_works_out_form_errors_or_the_signed_in_user_itself() -> None:
    """base.html works out whether the page has form errors; accounts.access.actor gives
    the signed-in person."""
    found = []
    for path in _sources():
        text = path.read_text()
        name = str(path.relative_to(ROOT))
        if name != "victimvoice/jinja2.py" and "form_has_errors" in text:
            found.append(f"{name}: form_has_errors")
        if re.search(r"def (_user|request_user)\(request", text):
            found.append(f"{name}: its own user helper")
        if re.search(r"\w+: User = request\.user", text):
            found.append(f"{name}: request.user typed by hand")
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "url", "data"),
    [
        ("programme_admin", lambda p: reverse("directory:organisation_new"), {"name": ""}),
        ("programme_admin", lambda p: reverse("insights:theme_new"), {"name": ""}),
        ("programme_admin", lambda p: reverse("accounts:person_invite"), {"email": "nope"}),
        (
            "facilitator_forum_a",
            lambda p: reverse("forums:meeting_new", args=[forum_a(p).pk]),
            {"start_time": "25:99"},
        ),
    ],
    ids=["directory", "insights", "accounts", "forums"],
)
def test_a_page_with_form_errors_has_error_in_its_title(
    client_as: Any, personas: dict[str, Any], persona: str, url: Any, data: dict[str, str]
) -> None:
    """No view says its form has errors: base.html finds the bound form with errors."""
    response = client_as(persona).post(url(personas), data)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title is not None
    assert page.title.get_text(strip=True).startswith("Error: ")
    assert page.select_one(".govuk-error-summary") is not None


@pytest.mark.django_db
def test_a_page_with_a_form_without_errors_has_no_error_in_its_title(client_as: Any) -> None:
    response = client_as("programme_admin").get(reverse("directory:organisation_new"))
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title is not None
    assert not page.title.get_text(strip=True).startswith("Error")
