"""Finding a case on an inbound call: crime reference and postcode or date of birth, never a
name; the same message whatever did not match; audited; limited per agent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from desk.services import VictimIn
from privacy.models import AuditEvent

pytestmark = pytest.mark.django_db

REFERENCE = "5012345/26"
NOT_FOUND = "We could not find a case with those details"


@pytest.fixture
def case(make_case: Any) -> Any:
    return make_case(
        crime_reference=REFERENCE,
        victims=[
            VictimIn(
                victim_ref="V1",
                full_name="Alex Example",
                date_of_birth=date(1980, 5, 17),
                postcode="NW1 2AB",
            )
        ],
    )


def _find(client: Any, **fields: str) -> Any:
    return client.post(reverse("desk:find"), fields)


def _dob(day: int = 17, month: int = 5, year: int = 1980) -> dict[str, str]:
    return {
        "date_of_birth-day": str(day),
        "date_of_birth-month": str(month),
        "date_of_birth-year": str(year),
    }


def test_the_find_page_asks_for_no_name(client_as: Any) -> None:
    page = client_as("desk_agent").get(reverse("desk:find")).content.decode()
    assert 'name="crime_reference"' in page
    assert 'name="postcode"' in page
    assert 'name="date_of_birth-day"' in page
    assert "full_name" not in page and 'name="name"' not in page


def test_crime_reference_and_postcode_find_the_case(client_as: Any, case: Any) -> None:
    agent = client_as("desk_agent")
    response = _find(agent, crime_reference=" 5012345/26 ", postcode="nw12ab")
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:case", kwargs={"case_id": case.pk})
    found = AuditEvent.objects.get(action="desk.case_found")
    victim = case.victims.get()
    assert (found.object_type, found.object_id) == ("desk.victim", str(victim.pk))
    assert found.note == "second_factor=postcode"


def test_crime_reference_and_date_of_birth_find_the_case(client_as: Any, case: Any) -> None:
    response = _find(client_as("desk_agent"), crime_reference=REFERENCE, **_dob())
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="desk.case_found").note == "second_factor=dob"


@pytest.mark.parametrize(
    "fields",
    [
        {"crime_reference": REFERENCE, "postcode": "NW1 2AC"},  # wrong postcode
        {"crime_reference": REFERENCE, **_dob(day=18)},  # wrong date of birth
        {"crime_reference": "5012346/26", "postcode": "NW1 2AB"},  # wrong reference
        {"crime_reference": REFERENCE, "postcode": "NW1 2AB", **_dob(day=18)},  # one of two
    ],
)
def test_any_wrong_detail_gets_the_same_message(
    client_as: Any, case: Any, fields: dict[str, str]
) -> None:
    response = _find(client_as("desk_agent"), **fields)
    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_FOUND in page
    assert "postcode does not" not in page.lower() and "date of birth does not" not in page
    assert not AuditEvent.objects.filter(action="desk.case_found").exists()
    failed = AuditEvent.objects.get(action="desk.lookup_failed")
    assert failed.object_id == ""  # nothing about who was looked for


def test_a_crime_reference_alone_is_not_enough(client_as: Any, case: Any) -> None:
    response = _find(client_as("desk_agent"), crime_reference=REFERENCE)
    assert response.status_code == 200
    assert "Enter their postcode or their date of birth" in response.content.decode()
    assert (
        not AuditEvent.objects.filter(action__startswith="desk.")
        .exclude(action="desk.case_received")
        .exists()
    )


def test_a_name_finds_nothing(client_as: Any, case: Any) -> None:
    """A name typed where the postcode goes is only a wrong postcode."""
    response = _find(client_as("desk_agent"), crime_reference=REFERENCE, postcode="Alex")
    assert NOT_FOUND in response.content.decode()


@override_settings(DESK_LOOKUPS_PER_MINUTE=3)
def test_lookups_are_limited_per_agent(client_as: Any, case: Any) -> None:
    agent = client_as("desk_agent")
    for _ in range(3):
        assert _find(agent, crime_reference=REFERENCE, postcode="E1 1AA").status_code == 200
    refused = _find(agent, crime_reference=REFERENCE, postcode="NW1 2AB")
    assert refused.status_code == 429
    assert "Too many searches" in refused.content.decode()
    assert AuditEvent.objects.filter(action="desk.lookup_failed").count() == 3
    # Another agent has their own allowance.
    assert _find(client_as("desk_supervisor"), crime_reference=REFERENCE, postcode="NW1 2AB")[
        "Location"
    ] == reverse("desk:case", kwargs={"case_id": case.pk})


@pytest.mark.parametrize("persona", ["analyst", "police_lead", "officer"])
def test_others_cannot_look_for_a_case(client_as: Any, case: Any, persona: str) -> None:
    assert client_as(persona).get(reverse("desk:find")).status_code == 403
    assert (
        _find(client_as(persona), crime_reference=REFERENCE, postcode="NW1 2AB").status_code == 403
    )
    assert not AuditEvent.objects.filter(action="desk.case_found").exists()
