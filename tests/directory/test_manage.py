"""The programme team keeps the directory: adds, changes and retires organisations and
services, records funding and downloads the register of funded organisations. Other
personas are refused. Every change is written to the directory's change log."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from directory import services
from directory.demo import seed_directory
from directory.models import DirectoryChange, Funding, Organisation, Service

pytestmark = pytest.mark.django_db


def org(name: str = "Beacon Help") -> Organisation:
    return services.organisation_save(actor=None, organisation=None, data={"name": name})


SERVICE_FORM = {
    "name": "Advice line",
    "description": "Advice after crime.",
    "referral": "both",
    "how_to_access": "Call us.",
    "email": "advice@beacon.example.org",
    "phone": "020 7946 0200",
    "website": "",
    "hours": "",
    "boroughs": ["camden", "hackney"],
    "crime_types": ["fraud"],
    "groups": ["older-people"],
    "accessibility": ["bsl"],
    "languages": "en, pl",
}


def test_the_programme_team_adds_an_organisation_and_a_service(client_as, personas) -> None:
    client = client_as("programme_admin")
    response = client.post(
        reverse("directory:organisation_new"),
        {
            "name": "Beacon Help",
            "email": "info@beacon.example.org",
            "website": "beacon.example.org",
        },
    )
    beacon = Organisation.objects.get(name="Beacon Help")
    assert response["Location"] == reverse("directory:organisation", args=[beacon.pk])
    assert beacon.website == "https://beacon.example.org"
    response = client.post(reverse("directory:service_new", args=[beacon.pk]), SERVICE_FORM)
    assert response.status_code == 302
    service = Service.objects.get(organisation=beacon)
    assert sorted(service.boroughs.values_list("slug", flat=True)) == ["camden", "hackney"]
    assert sorted(service.languages.values_list("code", flat=True)) == ["en", "pl"]
    changes = DirectoryChange.objects.filter(actor=personas["programme_admin"])
    assert {(c.object_type, c.action) for c in changes} == {
        ("organisation", "created"),
        ("service", "created"),
    }


def test_a_service_needs_an_area_and_a_way_to_contact_it(client_as) -> None:
    beacon = org()
    form = dict(SERVICE_FORM, boroughs=[], email="", phone="")
    response = client_as("programme_admin").post(
        reverse("directory:service_new", args=[beacon.pk]), form
    )
    body = response.content.decode()
    assert "Choose the boroughs the service covers" in body
    assert Service.objects.count() == 0


def test_editing_a_service_records_which_fields_changed(client_as, personas) -> None:
    beacon = org()
    service = services.service_save(
        actor=None,
        service=None,
        organisation=beacon,
        data={"name": "Advice line", "london_wide": True, "phone": "020 7946 0200"},
    )
    client = client_as("programme_admin")
    assert client.get(reverse("directory:service_edit", args=[service.pk])).status_code == 200
    form = dict(SERVICE_FORM, phone="020 7946 0201", boroughs=[], london_wide="on")
    response = client.post(reverse("directory:service_edit", args=[service.pk]), form)
    assert response.status_code == 302
    change = DirectoryChange.objects.filter(object_type="service", action="changed").get()
    assert change.actor == personas["programme_admin"]
    assert "phone" in change.fields and "groups" in change.fields


def test_retiring_hides_and_restoring_shows_again(client_as, client) -> None:
    beacon = org()
    service = services.service_save(
        actor=None,
        service=None,
        organisation=beacon,
        data={"name": "Advice line", "london_wide": True, "phone": "020 7946 0200"},
    )
    public = reverse("directory:service", args=[service.slug])
    assert client.get(public).status_code == 200
    admin = client_as("programme_admin")
    admin.post(reverse("directory:organisation_retire", args=[beacon.pk]))
    assert client.get(public).status_code == 404
    admin.post(reverse("directory:organisation_retire", args=[beacon.pk]), {"restore": "1"})
    assert client.get(public).status_code == 200
    admin.post(reverse("directory:service_retire", args=[service.pk]))
    assert client.get(public).status_code == 404
    assert list(DirectoryChange.objects.order_by("pk").values_list("action", flat=True))[-3:] == [
        "retired",
        "restored",
        "retired",
    ]


@pytest.mark.parametrize("persona", ["officer", "analyst", "police_lead", "member", "outsider"])
def test_other_personas_cannot_change_the_directory(client_as, persona) -> None:
    beacon = org()
    client = client_as(persona)
    assert client.post(reverse("directory:organisation_new"), {"name": "X"}).status_code == 403
    assert (
        client.post(reverse("directory:organisation_edit", args=[beacon.pk]), {"name": "Y"})
    ).status_code == 403
    assert (
        client.post(reverse("directory:organisation_retire", args=[beacon.pk])).status_code == 403
    )
    assert (
        client.post(
            reverse("directory:funding_add", args=[beacon.pk]),
            {"fund": "F", "year": "2025", "amount": "1"},
        ).status_code
        == 403
    )
    beacon.refresh_from_db()
    assert beacon.name == "Beacon Help" and beacon.active
    assert not Funding.objects.exists()


def test_funding_is_recorded_and_shown_on_the_register_with_a_csv_export(client_as) -> None:
    beacon = org()
    client = client_as("programme_admin")
    client.post(
        reverse("directory:funding_add", args=[beacon.pk]),
        {"fund": "Victims' Fund", "year": "2025", "amount": "25000"},
    )
    client.post(
        reverse("directory:funding_add", args=[beacon.pk]),
        {"fund": "Victims' Fund", "year": "2024", "amount": "20000.50"},
    )
    assert Funding.objects.count() == 2
    body = client.get(reverse("directory:register")).content.decode()
    assert "2 funding records, £45,000.50 in total" in body
    body = client.get(reverse("directory:register"), {"year": "2024"}).content.decode()
    assert "1 funding records, £20,000.50 in total" in body
    response = client.get(reverse("directory:register_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Organisation", "Charity number", "Fund", "Year", "Amount (GBP)", "Active"]
    assert ["Beacon Help", "", "Victims' Fund", "2025", "25000.00", "yes"] in rows


def test_a_wrong_funding_amount_is_explained(client_as) -> None:
    beacon = org()
    response = client_as("programme_admin").post(
        reverse("directory:funding_add", args=[beacon.pk]),
        {"fund": "Victims' Fund", "year": "2025", "amount": "lots"},
    )
    assert "Enter the amount in pounds" in response.content.decode()
    assert not Funding.objects.exists()


def test_the_register_and_organisation_list_take_a_fixed_number_of_queries(
    client_as, django_assert_num_queries
) -> None:
    seed_directory()
    client = client_as("programme_admin")
    client.get(reverse("directory:register"))  # warm the session
    # 10 for the signed-in staff session (session, user, MFA, roles...), then the page's own:
    # the register is its total, rows (with their organisations) and years; the list is the
    # organisations and their services.
    with django_assert_num_queries(13):
        client.get(reverse("directory:register"))
    with django_assert_num_queries(12):
        client.get(reverse("directory:manage"))


def test_contacts_are_role_mailboxes_in_the_demo() -> None:
    seed_directory()
    emails = list(Service.objects.values_list("email", flat=True))
    assert emails and all(e.startswith("referrals@") and e.endswith(".example.org") for e in emails)
    assert all(p.startswith("020 7946 0") for p in Service.objects.values_list("phone", flat=True))
    assert Funding.objects.filter(amount__gt=Decimal("0")).count() >= 15


def test_the_register_csv_does_not_let_a_name_run_as_a_formula(client_as) -> None:
    rogue = org('=HYPERLINK("https://example.org")')
    services.funding_record(
        actor=None, organisation=rogue, fund="Victims' Fund", year=2025, amount=Decimal("1")
    )
    response = client_as("programme_admin").get(reverse("directory:register_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == '\'=HYPERLINK("https://example.org")'
