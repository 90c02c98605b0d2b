"""Importing the directory from CSV and Excel: a good file imports (and re-imports as an
update), a file with any wrong row saves nothing and says which rows and columns are wrong,
from the command and from the programme team's upload page with its preview."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from directory.importing import COLUMNS
from directory.models import DirectoryChange, Funding, Organisation, Service

pytestmark = pytest.mark.django_db

GOOD = [
    {
        "organisation": "Lantern Victim Help",
        "organisation_email": "info@lantern.example.org",
        "charity_number": "1234567",
        "service": "Helpline",
        "service_description": "Someone to talk to.",
        "referral": "self",
        "phone": "020 7946 0101",
        "email": "helpline@lantern.example.org",
        "boroughs": "Camden; islington",
        "crime_types": "burglary, Theft",
        "groups": "older-people",
        "languages": "en; pl; so",
        "accessibility": "step-free; Hearing loop",
        "location_name": "Lantern House",
        "address": "1 Example Street",
        "postcode": "NW1 0AA",
        "fund": "Victims' Fund",
        "fund_year": "2025",
        "fund_amount": "£12,500.00",
    },
    {
        "organisation": "Lantern Victim Help",
        "service": "Court support",
        "referral": "professional",
        "website": "https://lantern.example.org/court",
        "boroughs": "London-wide",
    },
]


def csv_bytes(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append(
            [int(row[c]) if c == "fund_year" and row.get(c) else row.get(c, "") for c in COLUMNS]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_good_csv_file_imports_organisations_services_and_funding(tmp_path) -> None:
    out = io.StringIO()
    call_command("import_directory", write(tmp_path, "d.csv", csv_bytes(GOOD)), stdout=out)
    assert "2 services added" in out.getvalue()
    org = Organisation.objects.get(name="Lantern Victim Help")
    helpline = Service.objects.get(organisation=org, name="Helpline")
    assert sorted(helpline.boroughs.values_list("slug", flat=True)) == ["camden", "islington"]
    assert sorted(helpline.crime_types.values_list("code", flat=True)) == ["burglary", "theft"]
    assert sorted(helpline.languages.values_list("code", flat=True)) == ["en", "pl", "so"]
    assert sorted(helpline.accessibility.values_list("key", flat=True)) == [
        "hearing-loop",
        "step-free",
    ]
    borough = helpline.locations.get().borough
    assert borough is not None and borough.slug == "camden"
    court = Service.objects.get(organisation=org, name="Court support")
    assert court.london_wide and court.referral == "professional"
    assert Funding.objects.get(organisation=org).amount == Decimal("12500.00")
    assert DirectoryChange.objects.filter(action="imported").count() == 1


def test_importing_the_same_file_again_updates_rather_than_doubles(tmp_path) -> None:
    path = write(tmp_path, "d.csv", csv_bytes(GOOD))
    call_command("import_directory", path, stdout=io.StringIO())
    changed = [dict(GOOD[0], phone="020 7946 0102", fund_amount="13000"), GOOD[1]]
    out = io.StringIO()
    call_command("import_directory", write(tmp_path, "e.csv", csv_bytes(changed)), stdout=out)
    assert "0 services added, 2 updated" in out.getvalue()
    assert Service.objects.count() == 2
    assert Service.objects.get(name="Helpline").phone == "020 7946 0102"
    assert Funding.objects.get().amount == Decimal("13000")


def test_an_excel_file_imports(tmp_path) -> None:
    call_command(
        "import_directory", write(tmp_path, "d.xlsx", xlsx_bytes(GOOD)), stdout=io.StringIO()
    )
    assert Service.objects.count() == 2
    assert Funding.objects.get().year == 2025


def test_a_file_with_a_wrong_row_saves_nothing_and_names_each_problem(tmp_path) -> None:
    bad = [
        GOOD[0],
        {
            "organisation": "Nowhere Help",
            "service": "Line",
            "boroughs": "Atlantis",
            "email": "not-an-email",
            "languages": "xx",
        },
        {"organisation": "", "service": "No org", "boroughs": "camden", "phone": "12"},
    ]
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was saved"):
        call_command("import_directory", write(tmp_path, "bad.csv", csv_bytes(bad)), stderr=err)
    text = err.getvalue()
    assert "Row 3, boroughs: “Atlantis” is not a London borough." in text
    assert "Row 3, email: Enter an email address" in text
    assert "Row 3, languages:" in text
    assert "Row 4, organisation: Enter the organisation." in text
    assert "Row 4, phone:" in text
    assert Organisation.objects.count() == 0
    assert Service.objects.count() == 0


def test_a_file_without_the_needed_columns_is_refused(tmp_path) -> None:
    with pytest.raises(CommandError, match="Missing: boroughs"):
        call_command(
            "import_directory",
            write(tmp_path, "x.csv", b"organisation,service\nA,B\n"),
            stdout=io.StringIO(),
        )


def test_the_upload_page_previews_then_imports_on_confirmation(client_as) -> None:
    client = client_as("programme_admin")
    upload = SimpleUploadedFile("d.csv", csv_bytes(GOOD), content_type="text/csv")
    response = client.post(reverse("directory:import"), {"file": upload})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Check the 2 rows before you import them" in body
    assert Service.objects.count() == 0  # nothing saved until confirmed
    response = client.post(reverse("directory:import"), {"confirm": "1"})
    assert response.status_code == 302
    assert Service.objects.count() == 2
    assert DirectoryChange.objects.filter(actor__isnull=False, action="imported").exists()


def test_the_upload_page_lists_row_errors_and_saves_nothing(client_as) -> None:
    client = client_as("programme_admin")
    bad = [GOOD[0], {"organisation": "X", "service": "Y", "boroughs": "Gotham"}]
    upload = SimpleUploadedFile("d.xlsx", xlsx_bytes(bad))
    response = client.post(reverse("directory:import"), {"file": upload})
    body = response.content.decode()
    assert "problems in the file. Nothing was saved." in body
    assert "“Gotham” is not a London borough." in body
    assert "Import these rows" not in body
    # A confirmation without a checked file imports nothing.
    client.post(reverse("directory:import"), {"confirm": "1"})
    assert Service.objects.count() == 0


def test_the_upload_page_refuses_other_file_types(client_as) -> None:
    client = client_as("programme_admin")
    upload = SimpleUploadedFile("d.txt", b"hello")
    response = client.post(reverse("directory:import"), {"file": upload})
    assert "must be a CSV file (.csv) or an Excel file (.xlsx)" in response.content.decode()


def test_only_the_programme_team_may_import(client_as) -> None:
    upload = SimpleUploadedFile("d.csv", csv_bytes(GOOD), content_type="text/csv")
    response = client_as("analyst").post(reverse("directory:import"), {"file": upload})
    assert response.status_code == 403
    assert Service.objects.count() == 0
