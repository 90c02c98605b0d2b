"""The desk's integration API at /api/v1/desk/ (desk/api.py): cases and case events from the
crime recording system, by bearer token with the `desk` scope, strict and idempotent, with
ids and times only in every answer."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from desk.models import Case, CaseEvent, ReceivedEvent, Task, Victim
from feedback.models import Integration, Team
from feedback.services import invitations as service
from privacy.models import AuditEvent
from safecontact.models import SafeContact

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

CASES = "/api/v1/desk/cases"
EVENTS = "/api/v1/desk/events"
# Friday 22 May 2026, 16:40 in London; Monday 25 May is the Spring bank holiday.
FRIDAY_ARREST = "2026-05-22T16:40:00+01:00"
NOW = datetime(2026, 5, 22, 17, 0, tzinfo=UTC)
REFERENCE = "5012345/26"
NAME = "Alexandra Quinton-Example"
POSTCODE = "NW1 2AB"
BORN = "1980-05-17"
# Everything that identifies the victim or the crime: never in an answer.
IDENTITY = (REFERENCE, NAME, POSTCODE, BORN, "07700 900123", "Jamie Example")


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def token(personas: dict[str, Any]) -> str:
    _integration, token = service.integration_create(
        actor=personas["programme_admin"],
        name="Crime recording system (test)",
        organisation=personas["programme_admin"].organisation,
        scopes=["desk"],
    )
    return token


@pytest.fixture
def answers() -> list[Any]:
    """Every answer a test received, checked for identity after the test."""
    return []


@pytest.fixture(autouse=True)
def _no_identity_in_any_answer(answers: list[Any]) -> Any:
    yield
    for response in answers:
        text = response.content.decode()
        for value in IDENTITY:
            assert value not in text, (response.status_code, text)


def _post(
    client: Any, url: str, token: str | None, body: Any, answers: list[Any] | None = None
) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str) else json.dumps(body)
    response = client.post(url, data=data, content_type="application/json", **headers)
    if answers is not None:
        answers.append(response)
    return response


def _case(team: Team, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source_event_id": f"CRIS-{uuid.uuid4().hex[:8]}",
        "crime_reference": REFERENCE,
        "offence_category": "burglary",
        "team_code": team.slug,
        "oic_display": "DC 1234 Example",
        "victims": [
            {
                "victim_ref": "V1",
                "name": NAME,
                "date_of_birth": BORN,
                "postcode": POSTCODE,
                "language": "cy",
                "sex": "female",
                "ethnic_group": "white",
                "nominee_name": "Jamie Example",
                "nominee_relationship": "sister",
            }
        ],
    }
    body.update(changes)
    return body


def _event(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source_event_id": f"CRIS-{uuid.uuid4().hex[:8]}",
        "crime_reference": REFERENCE,
        "kind": "arrested",
        "occurred_at": FRIDAY_ARREST,
    }
    body.update(changes)
    return body


@pytest.fixture
def send(client: Any, token: str, answers: list[Any]) -> Any:
    """send(url, body) -> the response, with the desk integration's token."""

    def post(url: str, body: Any, *, bearer: str | None = None) -> Any:
        return _post(client, url, bearer or token, body, answers)

    return post


@pytest.fixture
def case(send: Any, desk_team: Team) -> Case:
    response = send(CASES, _case(desk_team))
    assert response.status_code == 202, response.content
    return Case.objects.get(pk=response.json()["case_id"])


# Cases ------------------------------------------------------------------------------------


def test_a_case_arrives_with_its_victims_and_the_answer_holds_ids_only(
    send: Any, desk_team: Team
) -> None:
    response = send(CASES, _case(desk_team))
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
    body = _case(desk_team)
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
    body = _case(desk_team)
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
        *_case(desk_team)["victims"],
        {"victim_ref": "V2", "name": "Sam Example", "grounds": ["vulnerable"]},
    ]
    response = send(CASES, _case(other, offence_category="assault", victims=victims))
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
    body = _case(desk_team, **changes)
    response = send(CASES, body)
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert not Case.objects.exists() and not ReceivedEvent.objects.exists()
    # Put right, the same source event id is taken: the refusal kept nothing.
    assert send(CASES, _case(desk_team, source_event_id=body["source_event_id"])).status_code == 202


def test_a_closed_case_takes_no_more_changes_or_events(
    send: Any, desk_team: Team, case: Case
) -> None:
    assert send(EVENTS, _event(kind="case_closed")).status_code == 202
    response = send(CASES, _case(desk_team))
    assert (response.status_code, response.json()["code"]) == (422, "case_closed")
    response = send(EVENTS, _event())
    assert (response.status_code, response.json()["code"]) == (422, "case_closed")


# Safe contact ---------------------------------------------------------------------------


def _with_safe_contact(team: Team, **contact: Any) -> dict[str, Any]:
    body = _case(team)
    body["victims"][0]["safe_contact"] = {
        "may_phone": True,
        "may_text": False,
        "may_email": True,
        "may_voicemail": False,
        "may_letter": False,
        **contact,
    }
    return body


def test_the_first_safe_contact_is_taken_as_sent(send: Any, desk_team: Team) -> None:
    response = send(CASES, _with_safe_contact(desk_team, phone="07700 900123"))
    assert response.status_code == 202, response.content
    contact = SafeContact.objects.get(victim_id=response.json()["victim_ids"][0])
    assert (contact.may_phone, contact.may_text, contact.may_email) == (True, False, True)
    assert contact.phone == "07700 900123" and contact.email == ""
    assert AuditEvent.objects.filter(
        action="safecontact.changed", object_id=str(contact.pk)
    ).exists()


def test_afterwards_the_source_can_only_make_contact_safer(send: Any, desk_team: Team) -> None:
    response = send(CASES, _with_safe_contact(desk_team, phone="07700 900123"))
    contact = SafeContact.objects.get(victim_id=response.json()["victim_ids"][0])
    # The desk agreed with the victim that phoning is no longer safe.
    SafeContact.objects.filter(pk=contact.pk).update(may_phone=False)
    later = _with_safe_contact(
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
    body = _with_safe_contact(desk_team, team_code="no-such-team")
    assert send(CASES, body).status_code == 422
    assert not SafeContact.objects.filter(victim__isnull=False).exists()


# Events ---------------------------------------------------------------------------------


def test_an_event_makes_the_tasks_it_owes_and_answers_with_ids_and_times(
    send: Any, case: Case
) -> None:
    response = send(EVENTS, _event())
    assert response.status_code == 202, response.content
    data = response.json()
    assert set(data) == {"id", "case_id", "tasks"}
    task = Task.objects.get()
    assert data == {
        "id": CaseEvent.objects.get().pk,
        "case_id": case.pk,
        "tasks": [{"id": task.pk, "kind": "right6", "due_at": "2026-06-01T23:00:00Z"}],
    }


def test_an_enhanced_victims_friday_arrest_before_a_bank_holiday_is_due_by_tuesday(
    send: Any, desk_team: Team
) -> None:
    body = _case(desk_team)
    body["victims"][0]["grounds"] = ["intimidated"]
    assert send(CASES, body).status_code == 202
    response = send(EVENTS, _event())
    assert response.status_code == 202, response.content
    # Monday 25 May is the Spring bank holiday: the next working day is Tuesday, due by
    # its end (midnight, 23:00 UTC in summer time).
    assert [t["due_at"] for t in response.json()["tasks"]] == ["2026-05-26T23:00:00Z"]


def test_an_event_sent_again_gets_the_same_answer(send: Any, case: Case) -> None:
    body = _event()
    first = send(EVENTS, body)
    again = send(EVENTS, body)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.content == first.content
    assert (CaseEvent.objects.count(), Task.objects.count()) == (1, 1)


def test_an_event_id_used_for_another_event_is_a_409(send: Any, case: Case) -> None:
    body = _event()
    assert send(EVENTS, body).status_code == 202
    response = send(EVENTS, {**body, "kind": "charged"})
    assert (response.status_code, response.json()["code"]) == (409, "source_event_id_reused")
    assert Task.objects.count() == 1


def test_an_event_that_owes_nothing_makes_no_task(send: Any, case: Case) -> None:
    response = send(EVENTS, _event(kind="officer_changed"))
    assert response.status_code == 202
    assert response.json()["tasks"] == []


def test_an_event_for_some_victims_makes_tasks_for_them_only(send: Any, desk_team: Team) -> None:
    victims = [*_case(desk_team)["victims"], {"victim_ref": "V2", "name": "Sam Example"}]
    assert send(CASES, _case(desk_team, victims=victims)).status_code == 202
    response = send(EVENTS, _event(victim_refs=["V2"]))
    assert response.status_code == 202
    assert list(Task.objects.values_list("victim__victim_ref", flat=True)) == ["V2"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"crime_reference": "9999999/26"}, "unknown_case"),
        ({"victim_refs": ["V9"]}, "unknown_victim"),
        ({"kind": "abducted_by_aliens"}, "unknown_kind"),
        ({"occurred_at": "2026-05-22T16:40:00"}, "naive_datetime"),
        ({"occurred_at": "2026-05-22T18:10:00+01:00"}, "occurred_in_future"),
    ],
)
def test_an_event_the_desk_cannot_take_is_refused_and_nothing_is_kept(
    send: Any, case: Case, changes: dict[str, Any], code: str
) -> None:
    response = send(EVENTS, _event(**changes))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    assert not CaseEvent.objects.exists()
    assert ReceivedEvent.objects.count() == 1  # the case's own


def test_an_event_a_few_minutes_ahead_of_our_clock_is_taken(send: Any, case: Case) -> None:
    assert send(EVENTS, _event(occurred_at="2026-05-22T18:04:00+01:00")).status_code == 202


def test_a_time_in_utc_is_taken(send: Any, case: Case) -> None:
    response = send(EVENTS, _event(occurred_at="2026-05-22T15:40:00Z"))
    assert response.status_code == 202
    assert CaseEvent.objects.get().occurred_at == datetime(2026, 5, 22, 15, 40, tzinfo=UTC)


def test_an_event_is_taken_in_a_fixed_number_of_statements(
    send: Any, desk_team: Team, django_assert_num_queries: Any
) -> None:
    victims = [
        {"victim_ref": f"V{n}", "name": f"Victim {n}", "grounds": ["vulnerable", "intimidated"]}
        for n in range(1, 4)
    ]
    assert send(CASES, _case(desk_team, victims=victims)).status_code == 202
    # 13 statements, whatever the number of victims and grounds: the integration; the
    # source event id (INSERT in its own savepoint: 3; on PostgreSQL one INSERT ... ON
    # CONFLICT DO NOTHING); the case; its victims; their grounds; the event; the time limits;
    # the closed days; the tasks (one INSERT); the audit row; the answer stored. The test
    # runs in a transaction, so the service's own is a savepoint: 2 more.
    with django_assert_num_queries(13 if connection.vendor == "postgresql" else 15):
        response = send(EVENTS, _event())
    assert response.status_code == 202
    assert len(response.json()["tasks"]) == 3


# Strict input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda b: b["victims"][0].update(feedback_opt_out="true"), "feedback_opt_out"),
        (lambda b: b["victims"][0].update(feedback_opt_out=1), "feedback_opt_out"),
        (lambda b: b["victims"][0].update(date_of_birth="17/05/1980"), "date_of_birth"),
        (lambda b: b["victims"][0].update(date_of_birth="1980-02-30"), "date_of_birth"),
        (lambda b: b["victims"][0].update(sex="f"), "sex"),
        (lambda b: b["victims"][0].update(ethnic_group="martian"), "ethnic_group"),
        (lambda b: b["victims"][0].update(nickname="Al"), "nickname"),
        (lambda b: b["victims"][0].update(grounds="vulnerable"), "grounds"),
        (lambda b: b["victims"][0].update(safe_contact={"may_phone": "yes"}), "may_phone"),
        (
            lambda b: b["victims"][0].update(
                safe_contact={
                    "may_phone": 1,
                    "may_text": True,
                    "may_email": True,
                    "may_voicemail": True,
                    "may_letter": True,
                }
            ),
            "may_phone",
        ),
        (lambda b: b.update(crime_reference=5012345), "crime_reference"),
        (lambda b: b.update(victims=[]), "victims"),
        (lambda b: b.update(victims=b["victims"] * 2), "victim_ref"),
        (lambda b: b.update(officer="DC 1"), "officer"),
        (lambda b: b.pop("source_event_id"), "source_event_id"),
    ],
)
def test_a_case_of_the_wrong_shape_is_refused_not_coerced(
    send: Any, desk_team: Team, change: Any, field: str
) -> None:
    body = _case(desk_team)
    change(body)
    response = send(CASES, body)
    assert response.status_code == 422, response.content
    data = response.json()
    assert data["code"] == "invalid_request"
    assert field in data["detail"]
    assert not Case.objects.exists() and not ReceivedEvent.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"occurred_at": "22 May 2026 16:40"}, "occurred_at"),
        ({"occurred_at": "2026-05-22"}, "occurred_at"),
        ({"occurred_at": "2026-05-22T25:40:00Z"}, "occurred_at"),
        ({"occurred_at": 1779464400}, "occurred_at"),
        ({"victim_refs": "V1"}, "victim_refs"),
        ({"victim_refs": []}, "victim_refs"),
        ({"kind": True}, "kind"),
        ({"at": FRIDAY_ARREST}, "at"),
    ],
)
def test_an_event_of_the_wrong_shape_is_refused(
    send: Any, case: Case, changes: dict[str, Any], field: str
) -> None:
    response = send(EVENTS, _event(**changes))
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid_request"
    assert field in response.json()["detail"]
    assert not CaseEvent.objects.exists()


def test_a_body_not_sent_as_json_is_a_415_and_one_that_is_not_json_a_400(
    client: Any, token: str, answers: list[Any]
) -> None:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    response = client.post(EVENTS, data={"kind": "arrested"}, **headers)
    answers.append(response)
    assert (response.status_code, response.json()["code"]) == (415, "unsupported_media_type")
    response = _post(client, EVENTS, token, "{not json", answers)
    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


# Who may call it --------------------------------------------------------------------------


@pytest.mark.parametrize("bearer", [None, "vvf_not-a-token"])
def test_a_missing_or_wrong_token_is_401(
    client: Any, desk_team: Team, answers: list[Any], bearer: str | None
) -> None:
    response = _post(client, CASES, bearer, _case(desk_team), answers)
    assert (response.status_code, response.json()["code"]) == (401, "unauthorised")
    assert not Case.objects.exists()


def test_an_integration_without_the_desk_scope_is_401(
    client: Any, desk_team: Team, personas: dict[str, Any], answers: list[Any]
) -> None:
    integration, invitations_only = service.integration_create(
        actor=personas["programme_admin"],
        name="Command and control (test)",
        organisation=personas["programme_admin"].organisation,
    )
    assert integration.scopes == ["invitations"]
    for url, body in ((CASES, _case(desk_team)), (EVENTS, _event())):
        response = _post(client, url, invitations_only, body, answers)
        assert (response.status_code, response.json()["code"]) == (401, "unauthorised")
    assert not Case.objects.exists()
    integration.refresh_from_db()
    assert integration.last_used_at is None


def test_a_turned_off_integration_is_401(
    client: Any, desk_team: Team, token: str, personas: dict[str, Any], answers: list[Any]
) -> None:
    integration = Integration.objects.get(token_hash=service.token_hash(token))
    service.integration_deactivate(actor=personas["programme_admin"], integration=integration)
    assert _post(client, CASES, token, _case(desk_team), answers).status_code == 401


def test_a_signed_in_desk_agent_is_not_an_integration(
    client_as: Any, desk_team: Team, answers: list[Any]
) -> None:
    response = _post(client_as("desk_agent"), CASES, None, _case(desk_team), answers)
    assert response.status_code == 401


def test_each_integration_is_rate_limited(
    client: Any,
    send: Any,
    case: Case,
    settings: Any,
    personas: dict[str, Any],
    answers: list[Any],
) -> None:
    settings.DESK_API_RATE_PER_MINUTE = 3  # the case fixture's request was one
    for _ in range(2):
        assert send(EVENTS, _event(crime_reference="9999999/26")).status_code == 422
    limited = send(EVENTS, _event())
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")
    assert limited["Retry-After"] == "60"
    assert not CaseEvent.objects.exists()
    _other, other_token = service.integration_create(
        actor=personas["programme_admin"],
        name="Another force system",
        organisation=personas["programme_admin"].organisation,
        scopes=["desk", "invitations"],
    )
    # Another integration has its own allowance.
    assert _post(client, EVENTS, other_token, _event(), answers).status_code == 202


# The OpenAPI document ---------------------------------------------------------------------


def test_the_openapi_document_is_public_and_lists_both_operations_and_their_refusals(
    client: Any, db: Any
) -> None:
    response = client.get(reverse("desk_api:openapi-json"))
    assert response.status_code == 200
    document = response.json()
    assert set(document["paths"]) == {CASES, EVENTS}
    for path in (CASES, EVENTS):
        operation = document["paths"][path]["post"]
        assert {"202", "400", "401", "409", "415", "422", "429"} <= set(operation["responses"])
        assert operation["security"] == [{"IntegrationToken": []}]
    assert document["components"]["securitySchemes"]["IntegrationToken"]["scheme"] == "bearer"
    schemas = document["components"]["schemas"]
    assert {"source_event_id", "crime_reference", "kind", "occurred_at"} <= set(
        schemas["EventBody"]["required"]
    )
    assert set(schemas["EventOut"]["properties"]) == {"id", "case_id", "tasks"}
