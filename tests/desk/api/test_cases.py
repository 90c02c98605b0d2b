"""The desk API's cases: created and updated by crime reference, idempotent, refused whole, and the
source system's safe contact taken first and only made safer after."""

from __future__ import annotations

from typing import Any

import pytest

from desk.models import Case, ReceivedEvent, Victim
from feedback.models import Team
from privacy.models import AuditEvent
from safecontact.models import SafeContact
from tests.desk.api.bodies import (
    BORN,
    CASES,
    EVENTS,
    NAME,
    POSTCODE,
    REFERENCE,
    case_body,
    case_with_safe_contact,
    event_body,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_a_case_arrives_with_its_victims_and_the_answer_holds_ids_only(
    send: Any, desk_team: Team
) -> None:
    response = send(CASES, case_body(desk_team))
    assert response.status_code == 202, response.content
    data = response.json()
    assert set(data) == {"id", "case_id", "victim_ids"}
    case = Case.objects.get(pk=data["case_id"])
    assert case.crime_reference == REFERENCE and case.team == desk_team
    assert case.oic_display == "DC 1234 Example"
    victim = Victim.objects.get(pk=data["victim_ids"][0])
    assert (victim.full_name, victim.date_of_birth, victim.postcode) == (NAME, BORN, POSTCODE)
    assert (victim.language, victim.sex, victim.ethnic_group) == ("cy", "female", "white")
    assert victim.nominee_name == "Jamie Example"
    assert victim.enhanced is False
    assert data["id"] == ReceivedEvent.objects.get().pk
    assert AuditEvent.objects.filter(action="desk.case_received").count() == 1


def test_a_case_sent_again_gets_the_same_answer_and_changes_nothing(
    send: Any, desk_team: Team
) -> None:
    body = case_body(desk_team)
    first = send(CASES, body)
    again = send(CASES, body)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.content == first.content
    assert (Case.objects.count(), Victim.objects.count(), ReceivedEvent.objects.count()) == (
        1,
        1,
        1,
    )
    assert AuditEvent.objects.filter(action="desk.case_received").count() == 1


def test_the_same_source_event_id_with_another_body_is_a_409(send: Any, desk_team: Team) -> None:
    body = case_body(desk_team)
    assert send(CASES, body).status_code == 202
    response = send(CASES, {**body, "oic_display": "DS 99 Other"})
    assert response.status_code == 409
    assert response.json()["code"] == "source_event_id_reused"
    assert Case.objects.get().oic_display == "DC 1234 Example"


def test_a_case_sent_with_a_new_id_updates_the_case_by_its_crime_reference(
    send: Any, desk_team: Team, case: Case
) -> None:
    other = Team.objects.create(
        name="Islington response", slug="islington-response", borough=desk_team.borough
    )
    victims = [
        *case_body(desk_team)["victims"],
        {"victim_ref": "V2", "name": "Sam Example", "grounds": ["vulnerable"]},
    ]
    response = send(CASES, case_body(other, offence_category="assault", victims=victims))
    assert response.status_code == 202, response.content
    assert response.json()["case_id"] == case.pk
    case.refresh_from_db()
    assert (case.team, case.offence_category.code) == (other, "assault")
    second = case.victims.get(victim_ref="V2")
    assert second.enhanced is True
    assert list(second.grounds.values_list("ground__code", flat=True)) == ["vulnerable"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"team_code": "no-such-team"}, "unknown_team"),
        ({"offence_category": "no-such-offence"}, "unknown_offence_category"),
        ({"victims": [{"victim_ref": "V1", "name": NAME, "grounds": ["brave"]}]}, "unknown_ground"),
        # Derived grounds are the desk's to work out, not the source's to send.
        (
            {"victims": [{"victim_ref": "V1", "name": NAME, "grounds": ["under_18"]}]},
            "unknown_ground",
        ),
    ],
)
def test_a_case_the_desk_cannot_place_is_refused_and_nothing_is_kept(
    send: Any, desk_team: Team, changes: dict[str, Any], code: str
) -> None:
    body = case_body(desk_team, **changes)
    response = send(CASES, body)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert not Case.objects.exists() and not ReceivedEvent.objects.exists()
    # Put right, the same source event id is taken: the refusal kept nothing.
    assert (
        send(CASES, case_body(desk_team, source_event_id=body["source_event_id"])).status_code
        == 202
    )


def test_a_closed_case_takes_no_more_changes_or_events(
    send: Any, desk_team: Team, case: Case
) -> None:
    assert send(EVENTS, event_body(kind="case_closed")).status_code == 202
    response = send(CASES, case_body(desk_team))
    assert (response.status_code, response.json()["code"]) == (422, "case_closed")
    response = send(EVENTS, event_body())
    assert (response.status_code, response.json()["code"]) == (422, "case_closed")


# Safe contact ---------------------------------------------------------------------------


def test_the_first_safe_contact_is_taken_as_sent(send: Any, desk_team: Team) -> None:
    response = send(CASES, case_with_safe_contact(desk_team, phone="07700 900123"))
    assert response.status_code == 202, response.content
    contact = SafeContact.objects.get(victim_id=response.json()["victim_ids"][0])
    assert (contact.may_phone, contact.may_text, contact.may_email) == (True, False, True)
    assert contact.phone == "07700 900123" and contact.email == ""
    assert AuditEvent.objects.filter(
        action="safecontact.changed", object_id=str(contact.pk)
    ).exists()


def test_afterwards_the_source_can_only_make_contact_safer(send: Any, desk_team: Team) -> None:
    response = send(CASES, case_with_safe_contact(desk_team, phone="07700 900123"))
    contact = SafeContact.objects.get(victim_id=response.json()["victim_ids"][0])
    # The desk agreed with the victim that phoning is no longer safe.
    SafeContact.objects.filter(pk=contact.pk).update(may_phone=False)
    later = case_with_safe_contact(
        desk_team, may_email=False, may_letter=True, phone="07700 900999", email="v@example.org"
    )
    assert send(CASES, later).status_code == 202
    contact.refresh_from_db()
    assert contact.may_phone is False  # not opened again by the source
    assert contact.may_email is False  # closed by the source
    assert contact.may_letter is False  # not opened by the source either
    assert contact.phone == "07700 900123"  # the number the desk holds stays
    assert contact.email == "v@example.org"  # one the desk did not have fills in


def test_a_refused_case_keeps_no_safe_contact(send: Any, desk_team: Team) -> None:
    body = case_with_safe_contact(desk_team, team_code="no-such-team")
    assert send(CASES, body).status_code == 422
    assert not SafeContact.objects.filter(victim__isnull=False).exists()


# Events ---------------------------------------------------------------------------------
