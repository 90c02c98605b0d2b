"""The compliance figures as CSV and Excel files (desk:compliance_csv, desk:compliance_xlsx):
the same tables as the page, suppressed the same way, every download audited, and no case
in them."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import BytesIO, StringIO
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from desk.audit_events import COMPLIANCE_EXPORTED
from desk.measures import Period
from desk.services import compliance_export_record
from privacy.models import AuditEvent
from tests.desk.test_compliance import NOW, Made, fixed_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def made(make_case: Any, make_event: Any, personas: dict[str, Any]) -> Iterator[Made]:
    with fixed_tasks(make_case, make_event, personas["desk_agent"]) as tasks:
        yield tasks


JUNE = {"from_month": "2025-07", "to_month": "2026-06"}


def _csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(StringIO(response.content.decode())))


def _sheets(response: Any) -> dict[str, list[list[Any]]]:
    workbook = load_workbook(BytesIO(response.content))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def _no_case_in(text: str, made: Made) -> None:
    for case in made.cases:
        assert case.crime_reference not in text
    for task in made.tasks.values():
        assert f"/tasks/{task.pk}/" not in text


def test_the_supervisor_downloads_exact_figures_as_csv(made: Made, client_as: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        response = client_as("desk_supervisor").get(reverse("desk:compliance_csv"), JUNE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    assert "desk-compliance-2025-07-01-to-2026-06-10.csv" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert rows[1] == ["Tasks due from 1 July 2025 to 10 June 2026."]
    assert any("Exact figures" in row[0] for row in rows if row)
    by_label = {row[0]: row[1:] for row in rows if row}
    assert by_label["Suspect arrested (Right 6)"] == ["6", "2", "3", "1", "33.3", "2.0"]
    assert by_label["Not given"] == ["1", "2", "3"]
    _no_case_in(response.content.decode(), made)
    event = AuditEvent.objects.get(action=COMPLIANCE_EXPORTED.name)
    assert event.actor_id is not None
    assert event.note == "format=csv; period=2025-07-01..2026-06-10; suppressed=no"
    assert sorted(event.fields) == ["format", "period", "suppressed"]


def test_an_analyst_downloads_the_suppressed_figures_as_excel(made: Made, client_as: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        page = client_as("analyst").get(reverse("desk:compliance"), JUNE)
        response = client_as("analyst").get(reverse("desk:compliance_xlsx"), JUNE)
    assert response.status_code == 200
    sheets = _sheets(response)
    assert list(sheets) == [
        "About",
        "1 obligations",
        "2 reasons",
        "3 borough",
        "4 team",
        "5 enhanced",
        "6 age_band",
        "7 sex",
        "8 ethnic_group",
    ]
    about = [row[0] for row in sheets["About"]]
    assert any("fewer than 5" in line for line in about)
    cells = [cell for sheet in sheets.values() for row in sheet for cell in row]
    assert "fewer than 5" in cells
    # No small number is in the file: counts are 0, 5 or more, or the words.
    counts = [
        value
        for title, sheet in sheets.items()
        if title != "About"
        for row in sheet[2:]
        for value in row[1:4]
        if isinstance(value, int)
    ]
    assert all(value == 0 or value >= 5 for value in counts)
    # The page shows the same suppressed table.
    summary = sheets["1 obligations"]
    arrested = next(row for row in summary if row[0] == "Suspect arrested (Right 6)")
    assert arrested[2] == "fewer than 5"
    assert "fewer than 5" in page.content.decode()
    _no_case_in(" ".join(str(c) for c in cells), made)
    event = AuditEvent.objects.get(action=COMPLIANCE_EXPORTED.name)
    assert event.note == "format=xlsx; period=2025-07-01..2026-06-10; suppressed=yes"


def test_viewing_the_page_is_not_audited_as_a_download(made: Made, client_as: Any) -> None:
    with time_machine.travel(NOW, tick=False):
        client_as("desk_supervisor").get(reverse("desk:compliance"))
    assert not AuditEvent.objects.filter(action=COMPLIANCE_EXPORTED.name).exists()


def test_only_supervisors_and_analysts_may_record_a_download(
    db: Any, personas: dict[str, Any]
) -> None:
    from django.core.exceptions import PermissionDenied

    period = Period(NOW.date().replace(day=1), NOW.date())
    with pytest.raises(PermissionDenied):
        compliance_export_record(
            actor=personas["desk_agent"], format="csv", period=period, suppressed=True
        )
    with pytest.raises(ValueError):
        compliance_export_record(
            actor=personas["analyst"], format="pdf", period=period, suppressed=True
        )
    assert not AuditEvent.objects.filter(action=COMPLIANCE_EXPORTED.name).exists()


def test_a_team_name_cannot_run_as_a_spreadsheet_formula(
    made: Made, client_as: Any, desk_team: Any
) -> None:
    desk_team.name = "=HYPERLINK(1)"
    desk_team.save(update_fields=["name"])
    with time_machine.travel(NOW, tick=False):
        response = client_as("desk_supervisor").get(reverse("desk:compliance_csv"))
    labels = [row[0] for row in _csv_rows(response) if row]
    assert not any(label.startswith("=") for label in labels)
    assert any(label.startswith("'=HYPERLINK(1)") for label in labels)
