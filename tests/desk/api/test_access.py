"""The desk API's strictness and access: shapes refused not coerced, JSON only, tokens with the
desk scope, rate limits, and the public OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from desk.models import Case, CaseEvent, ReceivedEvent
from feedback.models import Integration, Team
from feedback.services import invitations as service
from tests.desk.api.bodies import (
    CASES,
    EVENTS,
    FRIDAY_ARREST,
    case_body,
    event_body,
    post_json,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


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
    body = case_body(desk_team)
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
    response = send(EVENTS, event_body(**changes))
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
    response = post_json(client, EVENTS, token, "{not json", answers)
    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


# Who may call it --------------------------------------------------------------------------


@pytest.mark.parametrize("bearer", [None, "vvf_not-a-token"])
def test_a_missing_or_wrong_token_is_401(
    client: Any, desk_team: Team, answers: list[Any], bearer: str | None
) -> None:
    response = post_json(client, CASES, bearer, case_body(desk_team), answers)
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
    for url, body in ((CASES, case_body(desk_team)), (EVENTS, event_body())):
        response = post_json(client, url, invitations_only, body, answers)
        assert (response.status_code, response.json()["code"]) == (401, "unauthorised")
    assert not Case.objects.exists()
    integration.refresh_from_db()
    assert integration.last_used_at is None


def test_a_turned_off_integration_is_401(
    client: Any, desk_team: Team, token: str, personas: dict[str, Any], answers: list[Any]
) -> None:
    integration = Integration.objects.get(token_hash=service.token_hash(token))
    service.integration_deactivate(actor=personas["programme_admin"], integration=integration)
    assert post_json(client, CASES, token, case_body(desk_team), answers).status_code == 401


def test_a_signed_in_desk_agent_is_not_an_integration(
    client_as: Any, desk_team: Team, answers: list[Any]
) -> None:
    response = post_json(client_as("desk_agent"), CASES, None, case_body(desk_team), answers)
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
        assert send(EVENTS, event_body(crime_reference="9999999/26")).status_code == 422
    limited = send(EVENTS, event_body())
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
    assert post_json(client, EVENTS, other_token, event_body(), answers).status_code == 202


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
