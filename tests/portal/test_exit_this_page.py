"""Every page a member reads carries "Exit this page" (GOV.UK Design System), as the public
pages meant for victims do: a member of a forum is a victim of crime, and may be reading in
danger. The pages are found from the access declarations, so a new member page is covered
without being listed here."""

from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import User
from tests.access import EVERYONE, Declared
from tests.conftest import PERSONA_KEYS
from tests.project.access_all import DECLARATIONS

STAFF = set(PERSONA_KEYS) - {"member", "outsider"}


def _member_pages() -> list[str]:
    """URLs only members open (no staff persona may): the portal, expenses, their dashboard."""
    keys = []
    for key, declared in DECLARATIONS.items():
        allow = declared.allow
        if allow == EVERYONE or declared.not_a_page or "member" not in allow:
            continue
        if declared.ok == 200 and not (set(allow) & STAFF):
            keys.append(key)
    return sorted(keys)


MEMBER_PAGES = _member_pages()


def test_the_member_pages_found_include_the_portal_expenses_and_the_dashboard() -> None:
    for key in ("portal:home", "portal:your_data", "expenses:mine", "expenses:claim_new"):
        assert key in MEMBER_PAGES
    assert "accounts:dashboard_member" in MEMBER_PAGES


@pytest.mark.parametrize("key", MEMBER_PAGES)
def test_every_member_page_has_exit_this_page_and_its_skip_link(
    personas: dict[str, User], client_as: Any, key: str
) -> None:
    declared: Declared = DECLARATIONS[key]
    kwargs = declared.kwargs(personas) if declared.kwargs else {}
    response = client_as("member").get(reverse(key, kwargs=kwargs or None))
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return  # a download (the member's data as JSON): not a page
    page = BeautifulSoup(response.content, "html.parser")
    button = page.select_one('[data-module="govuk-exit-this-page"] a.govuk-exit-this-page__button')
    assert button is not None, f"{key}: no Exit this page button"
    skip_link = page.select_one("a.govuk-skip-link.govuk-js-exit-this-page-skiplink")
    assert skip_link is not None and skip_link["href"] == button["href"]
    # Above the grid, first in the main content (the Design System's placement).
    main = page.select_one("main")
    assert main is not None, f"{key}: no main element"
    first = main.find(True)
    assert first is not None, f"{key}: an empty main element"
    assert first.get("data-module") == "govuk-exit-this-page"
