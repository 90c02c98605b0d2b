"""The public support directory: search by borough, postcode area, crime type, group
served, language and accessibility; a service page says how to get the service; retired
services and organisations are not shown; the search's queries are pinned."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from directory import selectors, services
from directory.demo import seed_directory
from directory.models import Organisation, Service
from feedback.models import Borough, CrimeType
from tests.project.test_language_switch import compiled_welsh_catalogue  # noqa: F401

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:services")


def make_service(
    name: str,
    *,
    boroughs: tuple[str, ...] = (),
    london_wide: bool = False,
    crimes: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
    access: tuple[str, ...] = (),
    org: str = "",
) -> Service:
    organisation = Organisation.objects.filter(name=org or f"{name} org").first()
    organisation = organisation or services.organisation_save(
        actor=None, organisation=None, data={"name": org or f"{name} org"}
    )
    return services.service_save(
        actor=None,
        service=None,
        organisation=organisation,
        data={
            "name": name,
            "description": f"{name} helps victims.",
            "phone": "020 7946 0999",
            "email": "help@example.org",
            "london_wide": london_wide,
            "referral": "self",
            "how_to_access": "Call the helpline.",
        },
        links={
            "boroughs": list(Borough.objects.filter(slug__in=boroughs)),
            "crime_types": list(CrimeType.objects.filter(code__in=crimes)),
            "groups": services.groups_for(groups),
            "languages": services.spoken_languages(languages),
            "accessibility": services.accessibility_for(access),
        },
    )


def names(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    results = soup.select_one("ul.vv-results")
    return [h3.get_text(strip=True) for h3 in results.select("h3")] if results else []


def total(response) -> int:
    heading = BeautifulSoup(response.content, "html.parser").select_one("#results")
    assert heading is not None
    return int(heading.get_text().split()[0])


@pytest.fixture
def directory() -> dict[str, Service]:
    return {
        "camden": make_service(
            "Camden Helpline", boroughs=("camden",), crimes=("burglary",), languages=("pl",)
        ),
        "lambeth": make_service(
            "Lambeth Youth", boroughs=("lambeth",), groups=("young-people",), access=("bsl",)
        ),
        "london": make_service("London Line", london_wide=True, crimes=("fraud",)),
        "any_crime": make_service("Anything Support", boroughs=("hackney",)),
    }


def test_searching_by_borough_shows_the_boroughs_services_and_london_wide_ones(
    client, directory
) -> None:
    response = client.get(SEARCH, {"borough": "camden"})
    assert names(response) == ["Camden Helpline", "London Line"]


def test_a_postcode_area_finds_its_borough(client, directory) -> None:
    assert names(client.get(SEARCH, {"postcode": "sw9 8qq"})) == ["Lambeth Youth", "London Line"]
    assert names(client.get(SEARCH, {"postcode": "NW1"})) == ["Camden Helpline", "London Line"]
    # A district with a letter falls back to its number: WC1E -> WC1 (Camden).
    borough = selectors.borough_for_postcode("WC1E 7HX")
    assert borough is not None and borough.slug == "camden"


@pytest.mark.parametrize("postcode", ["ZZ9", "XYZ", "12345"])
def test_an_unknown_postcode_area_says_so_and_keeps_the_search(client, directory, postcode) -> None:
    response = client.get(SEARCH, {"postcode": postcode, "q": "London"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title is not None
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None
    assert f"We do not know the postcode area “{postcode}”" in summary.get_text()
    link = summary.select_one("a")
    assert link is not None
    assert link["href"] == "#postcode"
    assert soup.select_one("#postcode-error") is not None
    postcode_input = soup.select_one("#postcode")
    assert postcode_input is not None
    assert postcode_input["value"] == postcode
    q_input = soup.select_one("#q")
    assert q_input is not None
    assert q_input["value"] == "London"
    # The results say they are not narrowed by the postcode: nothing passes silently.
    assert "These results are not narrowed by postcode" in response.content.decode()
    assert names(response) == ["London Line"]


def test_an_unknown_postcode_area_falls_back_to_the_borough_chosen(client, directory) -> None:
    response = client.get(SEARCH, {"postcode": "XYZ", "borough": "camden"})
    assert names(response) == ["Camden Helpline", "London Line"]
    assert "They are for the borough you chose." in response.content.decode()


def test_a_known_postcode_area_shows_no_error(client, directory) -> None:
    response = client.get(SEARCH, {"postcode": "NW1"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".govuk-error-summary") is None
    assert soup.title is not None
    assert not soup.title.get_text().startswith("Error")


def test_a_crime_type_also_finds_services_for_any_crime(client, directory) -> None:
    assert names(client.get(SEARCH, {"crime": "burglary"})) == [
        "Anything Support",
        "Camden Helpline",
        "Lambeth Youth",
    ]
    assert names(client.get(SEARCH, {"crime": "fraud"})) == [
        "Anything Support",
        "Lambeth Youth",
        "London Line",
    ]


def test_group_language_and_accessibility_filters(client, directory) -> None:
    assert names(client.get(SEARCH, {"group": "young-people"})) == ["Lambeth Youth"]
    assert names(client.get(SEARCH, {"language": "pl"})) == ["Camden Helpline"]
    assert names(client.get(SEARCH, {"access": "bsl"})) == ["Lambeth Youth"]
    assert names(client.get(SEARCH, {"q": "youth"})) == ["Lambeth Youth"]
    assert names(client.get(SEARCH, {"access": "bsl", "borough": "camden"})) == []


def test_retired_services_and_organisations_are_not_shown(client, directory, personas) -> None:
    admin = personas["programme_admin"]
    services.service_retire(actor=admin, service=directory["camden"])
    services.organisation_retire(actor=admin, organisation=directory["london"].organisation)
    assert names(client.get(SEARCH)) == ["Anything Support", "Lambeth Youth"]
    assert (
        client.get(reverse("directory:service", args=[directory["camden"].slug])).status_code == 404
    )


def test_a_service_page_says_how_to_contact_or_be_referred(client, directory) -> None:
    response = client.get(reverse("directory:service", args=[directory["camden"].slug]))
    body = response.content.decode()
    assert "How to get this service" in body
    assert "You can contact them yourself" in body
    assert 'href="tel:02079460999"' in body
    assert "mailto:help@example.org" in body
    assert "Polish" in body and "Burglary" in body and "Camden" in body


def test_the_search_runs_in_a_fixed_number_of_queries(client, django_assert_num_queries) -> None:
    seed_directory()
    # Session and user middleware take none for an anonymous visitor; the search takes:
    # the borough, count, page, its boroughs, and the form's boroughs, crime types and
    # languages.
    with django_assert_num_queries(7):
        response = client.get(SEARCH, {"borough": "camden", "crime": "violence"})
    assert total(response) >= 2
    with django_assert_num_queries(6):
        response = client.get(SEARCH)
    assert total(response) == 25


def test_the_demo_is_idempotent() -> None:
    seed_directory()
    seed_directory()
    assert Organisation.objects.count() == 25
    assert Service.objects.count() == 25


def test_a_service_page_takes_a_fixed_number_of_queries(
    client, directory, django_assert_num_queries
) -> None:
    url = reverse("directory:service", args=[directory["camden"].slug])
    # The service with its organisation, then its boroughs, crime types, groups, languages,
    # accessibility and locations.
    with django_assert_num_queries(7):
        client.get(url)


def test_a_service_page_is_in_welsh(client, directory) -> None:
    client.cookies["django_language"] = "cy"
    body = client.get(reverse("directory:service", args=[directory["lambeth"].slug])).text
    assert "Sut i gael y gwasanaeth hwn" in body
    assert "Pobl ifanc" in body and "Dehonglwyr Iaith Arwyddion Prydain" in body
