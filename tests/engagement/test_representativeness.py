"""The register's representativeness: registered -> invited -> took part against the Census,
"Prefer not to say" as its own row, small numbers suppressed, for the programme team only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from engagement.models import InvitationStatus, ParticipantStatus
from engagement.selectors.representativeness import (
    INVITED,
    REGISTERED,
    TOOK_PART,
    representativeness_report,
)
from tests.engagement.factories import opportunity, participant
from tests.engagement.test_invitations import invitation_with_token

pytestmark = pytest.mark.django_db


def report_for(field: str) -> Any:
    return next(r for r in representativeness_report() if r.field == field)


def row(report: Any, label: str) -> Any:
    return next(r for r in report.rows if r.label == label)


def register() -> None:
    """12 women and 8 men on the register, 6 prefer not to say their sex; of them 14 invited
    and 6 who took part; and people who left or never confirmed, who are not counted."""
    item = opportunity()
    people = (
        [participant(sex="female") for _ in range(12)]
        + [participant(sex="male") for _ in range(8)]
        + [participant(sex="prefer_not_to_say") for _ in range(6)]
    )
    for i, person in enumerate(people):
        if i % 2 == 0 or i >= 20:
            status = InvitationStatus.TOOK_PART if i in (0, 2, 4, 6, 8, 10) else "invited"
            invitation_with_token(person, opportunity=item, status=status)
    participant(sex="female", status=ParticipantStatus.LEFT)
    participant(sex="female", status=ParticipantStatus.UNVERIFIED)


def test_the_funnel_counts_registered_invited_and_took_part() -> None:
    register()
    sex = report_for("sex")
    women = row(sex, "Female")
    assert [c.value for c in women.cells] == [12, 6, 6]
    assert women.census == pytest.approx(51.5, abs=0.1)
    totals = [c.value for c in sex.totals]
    assert totals == [26, 16, 6]
    assert women.shares[0] == pytest.approx(12 / 26 * 100)


def test_prefer_not_to_say_is_its_own_row_with_no_census_figure() -> None:
    for _ in range(10):
        participant(sex="female")
        participant(sex="prefer_not_to_say")
    prefer = row(report_for("sex"), "Prefer not to say")
    assert prefer.cells[0].value == 10
    assert prefer.census is None
    assert row(report_for("sex"), "Female").cells[0].value == 10
    not_given = row(report_for("ethnic_group"), "Not given")
    assert not_given.cells[0].value == 20  # nobody here answered the ethnic group question


def test_small_numbers_are_suppressed() -> None:
    register()
    sex = report_for("sex")
    men_invited = row(sex, "Male").cells[1]  # 4 men invited: fewer than 5
    assert men_invited.suppressed and men_invited.value is None
    assert row(sex, "Male").shares[1] is None


def test_the_page_shows_the_tables_to_the_programme_team(client_as: Any) -> None:
    register()
    page = client_as("programme_admin").get(reverse("engagement:representativeness"))
    assert page.status_code == 200
    text = page.content.decode()
    for heading in ("Registered", "Invited", "Took part", "Prefer not to say", "Ethnic group"):
        assert heading in text
    assert "fewer than 5" in text
    assert "Test Participant" not in text


def test_the_programme_admin_dashboard_links_to_it(client_as: Any) -> None:
    page = client_as("programme_admin").get(reverse("accounts:dashboard_programme_admin"))
    assert reverse("engagement:representativeness") in page.content.decode()


@pytest.mark.parametrize("persona", ["analyst", "partner_agency", "police_lead"])
def test_nobody_else_reaches_it(client_as: Any, persona: str) -> None:
    page = client_as(persona).get(reverse("engagement:representativeness"))
    assert page.status_code == 403


def test_columns_are_in_funnel_order() -> None:
    register()
    assert list(report_for("sex").table.columns) == [REGISTERED, INVITED, TOOK_PART]
