"""The Terms of Reference as data: new terms start on a date (today or later), a row in
force is never rewritten, a change still to come may be set again, the decision always
comes before the least notice runs out, and only the programme team sets them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from engagement.models import Terms
from engagement.services.terms import terms_on, terms_set
from lib.rules import RuleBroken
from privacy.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Wednesday 20 May 2026, 11:00 in London.
NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)
TODAY = date(2026, 5, 20)
FIRST_OF_JUNE = date(2026, 6, 1)

SEEDED = {
    "min_notice_working_days": 15,
    "decision_working_days": 5,
    "invite_cap": 3,
    "cap_days": 90,
    "response_days": 30,
}


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def values(**changes: int) -> dict[str, int]:
    return SEEDED | changes


def test_the_terms_in_force_on_a_day_are_the_latest_that_started_by_then(
    personas: dict[str, Any],
) -> None:
    seeded = terms_on(TODAY)
    assert seeded.effective_from == date(2020, 1, 1)
    assert seeded.min_notice_working_days == 15 and seeded.decision_working_days == 5

    later = terms_set(
        actor=personas["programme_admin"],
        effective_from=FIRST_OF_JUNE,
        **values(min_notice_working_days=20),
    )

    assert terms_on(TODAY) == seeded
    assert terms_on(date(2026, 5, 31)) == seeded
    assert terms_on(FIRST_OF_JUNE) == later
    assert terms_on(date(2027, 1, 1)) == later
    # Before the first row, the first row.
    assert terms_on(date(2019, 6, 1)) == seeded


def test_new_terms_start_today_or_later_never_in_the_past(personas: dict[str, Any]) -> None:
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken) as past:
        terms_set(actor=admin, effective_from=date(2026, 5, 19), **values())
    assert past.value.field == "effective_from" and past.value.code == "past"

    today = terms_set(actor=admin, effective_from=TODAY, **values(decision_working_days=4))
    assert terms_on(TODAY) == today


def test_terms_in_force_are_never_rewritten_but_terms_to_come_may_be_set_again(
    personas: dict[str, Any],
) -> None:
    admin = personas["programme_admin"]
    terms_set(actor=admin, effective_from=TODAY, **values(decision_working_days=4))
    with pytest.raises(RuleBroken) as in_force:
        terms_set(actor=admin, effective_from=TODAY, **values(decision_working_days=3))
    assert in_force.value.code == "in_force"
    assert terms_on(TODAY).decision_working_days == 4

    planned = terms_set(actor=admin, effective_from=FIRST_OF_JUNE, **values(invite_cap=2))
    again = terms_set(actor=admin, effective_from=FIRST_OF_JUNE, **values(invite_cap=4))
    assert again.pk == planned.pk and again.invite_cap == 4
    assert Terms.objects.filter(effective_from=FIRST_OF_JUNE).count() == 1
    # The seeded row from 2020 is untouched.
    assert Terms.objects.get(effective_from=date(2020, 1, 1)).decision_working_days == 5


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"min_notice_working_days": 0}, "min_notice_working_days"),
        ({"decision_working_days": 0}, "decision_working_days"),
        ({"invite_cap": 51}, "invite_cap"),
        ({"cap_days": 0}, "cap_days"),
        ({"response_days": 366}, "response_days"),
        # A decision must come before the least notice runs out.
        ({"min_notice_working_days": 5, "decision_working_days": 5}, "decision_working_days"),
    ],
)
def test_terms_out_of_range_are_refused_on_their_field(
    personas: dict[str, Any], changes: dict[str, int], field: str
) -> None:
    with pytest.raises(RuleBroken) as refused:
        terms_set(actor=personas["programme_admin"], effective_from=TODAY, **values(**changes))
    assert refused.value.field == field
    assert not Terms.objects.filter(effective_from=TODAY).exists()


@pytest.mark.parametrize("persona", ["partner_agency", "desk_supervisor", "member"])
def test_only_the_programme_team_sets_the_terms(personas: dict[str, Any], persona: str) -> None:
    with pytest.raises(PermissionDenied):
        terms_set(actor=personas[persona], effective_from=TODAY, **values())


def test_setting_the_terms_is_audited_by_field_name(personas: dict[str, Any]) -> None:
    terms = terms_set(
        actor=personas["programme_admin"], effective_from=FIRST_OF_JUNE, **values(cap_days=60)
    )
    event = AuditEvent.objects.get(action="engagement.terms_set")
    assert event.object_id == str(terms.pk)
    assert event.actor_id == personas["programme_admin"].pk
    assert set(event.fields) == {"effective_from", *SEEDED}
    assert "60" not in event.note


def test_the_terms_page_shows_the_terms_in_force_and_sets_new_ones(client_as: Any) -> None:
    browser = client_as("programme_admin")
    page = browser.get(reverse("engagement:terms")).content.decode()
    assert "In force today" in page and "15 working days" in page
    assert "1 January 2020" in page

    response = browser.post(
        reverse("engagement:terms"),
        {
            "effective_from-day": "1",
            "effective_from-month": "6",
            "effective_from-year": "2026",
            **{name: str(value) for name, value in values(min_notice_working_days=20).items()},
        },
        follow=True,
    )
    text = response.content.decode()
    assert "New Terms of Reference from 1 June 2026" in text
    assert "To come" in text
    assert terms_on(FIRST_OF_JUNE).min_notice_working_days == 20


def test_the_terms_page_shows_a_past_date_as_an_error_on_the_date(client_as: Any) -> None:
    response = client_as("programme_admin").post(
        reverse("engagement:terms"),
        {
            "effective_from-day": "1",
            "effective_from-month": "5",
            "effective_from-year": "2026",
            **{name: str(value) for name, value in SEEDED.items()},
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text and "The change must start today or later" in text
    assert 'href="#effective_from-day"' in text
    assert Terms.objects.count() == 1
