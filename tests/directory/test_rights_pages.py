"""The Victims' Code: an index of the 12 rights and a page for each, in plain English and
in Welsh, on victim-facing pages with "Exit this page"; the home page links to them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from directory.rights import RIGHTS
from tests.project.test_language_switch import compiled_welsh_catalogue  # noqa: F401

pytestmark = pytest.mark.django_db


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def h1(page: BeautifulSoup) -> str:
    heading = page.find("h1")
    assert heading is not None
    return heading.get_text(strip=True)


def welsh(client):
    client.cookies["django_language"] = "cy"
    return client


def test_the_index_lists_all_twelve_rights_in_order(client) -> None:
    page = soup(client.get(reverse("directory:rights")))
    links = [a.get_text(strip=True) for a in page.select("main ol li a")]
    assert links == [str(r.title) for r in RIGHTS]
    assert len(links) == 12
    assert page.select_one(".govuk-exit-this-page")


@pytest.mark.parametrize("right", RIGHTS, ids=lambda r: r.slug)
def test_each_right_has_its_own_page_saying_what_to_expect_and_who_to_ask(client, right) -> None:
    page = soup(client.get(reverse("directory:right", args=[right.slug])))
    assert h1(page) == str(right.title)
    text = page.get_text(" ", strip=True)
    assert f"Right {right.number} of 12" in text
    assert "What you can expect" in text and "Who to ask" in text
    assert str(right.ask) in text
    assert page.select_one(".govuk-exit-this-page")


def test_a_right_links_to_the_next_and_previous(client) -> None:
    page = soup(client.get(reverse("directory:right", args=["victim-personal-statement"])))
    hrefs = [a["href"] for a in page.select(".govuk-pagination a")]
    assert reverse("directory:right", args=["investigation-and-prosecution"]) in hrefs
    assert reverse("directory:right", args=["trial-and-witness"]) in hrefs


def test_an_unknown_right_is_not_found(client) -> None:
    assert client.get(reverse("directory:right", args=["right-to-lunch"])).status_code == 404


def test_the_rights_are_in_welsh(client) -> None:
    page = soup(welsh(client).get(reverse("directory:rights")))
    assert h1(page) == "Eich hawliau fel dioddefwr trosedd"
    text = page.get_text(" ", strip=True)
    assert "Gwneud Datganiad Personol Dioddefwr" in text
    page = soup(welsh(client).get(reverse("directory:right", args=["victim-personal-statement"])))
    text = page.get_text(" ", strip=True)
    assert h1(page) == "Gwneud Datganiad Personol Dioddefwr"
    assert "Hawl 7 o 12" in text and "Pwy i ofyn" in text
    assert "Beth allwch chi ei ddisgwyl" in text
    assert "What you can expect" not in text


def test_every_right_is_translated_into_welsh() -> None:
    from django.utils import translation

    for right in RIGHTS:
        for text in (right.title, right.summary, right.intro, right.ask, *right.expect):
            with translation.override("cy"):
                welsh = str(text)
            with translation.override("en"):
                english = str(text)
            assert welsh and welsh != english, english


def test_the_home_page_links_to_rights_and_support(client) -> None:
    page = soup(client.get("/"))
    hrefs = {a.get_text(strip=True): a["href"] for a in page.select("a")}
    assert hrefs["Know your rights as a victim of crime"] == reverse("directory:rights")
    assert hrefs["Get support"] == reverse("directory:services")


def test_the_support_directory_is_in_welsh(client) -> None:
    page = soup(welsh(client).get(reverse("directory:services")))
    assert h1(page) == "Dod o hyd i gymorth"
