"""The feedback invitations API at /api/v1/ (feedback/api.py): bearer tokens per
integration, refusals as JSON, the rate limit, audit, and the OpenAPI document."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from feedback.models import Integration, Invitation
from feedback.services import invitations as service
from notify.models import Message, MessageStatus
from privacy.models import AuditEvent
from tests.feedback.access import officer_code

URL = "/api/v1/invitations"
# tests/conftest.py empties the rate-limit counters before each test.


@pytest.fixture
def code(personas: dict[str, Any]) -> Any:
    return officer_code(personas["officer"])


@pytest.fixture
def integration(personas: dict[str, Any]) -> tuple[Integration, str]:
    return service.integration_create(
        actor=personas["programme_admin"],
        name="Crime recording system (test)",
        organisation=personas["officer"].organisation,
    )


def _post(client: Any, token: str | None, body: dict[str, Any]) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


def _body(code: Any, **changes: Any) -> dict[str, Any]:
    body = {
        "team_code": code.team.codes.get(officer__isnull=True).code,
        "channel": "sms",
        "phone": "07700 900456",
        "crime_type": "burglary",
        "language": "cy",
        "may_contact": True,
    }
    body.update(changes)
    return body


def test_an_integration_requests_an_invitation_and_gets_202_without_the_contact(
    client: Any,
    code: Any,
    integration: tuple[Integration, str],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, integration[1], _body(code))
    assert response.status_code == 202, response.content
    data = response.json()
    assert set(data) == {"id", "status", "expires_at"}
    assert "900456" not in response.content.decode()
    invitation = Invitation.objects.get(pk=data["id"])
    assert invitation.integration == integration[0]
    assert invitation.team == code.team and invitation.officer is None
    assert invitation.contact is None
    message = invitation.message
    assert message is not None
    assert (message.channel, message.language, message.status) == ("sms", "cy", MessageStatus.SENT)
    event = AuditEvent.objects.get(object_type="feedback.invitation", object_id=str(invitation.pk))
    assert event.actor_id is None
    assert f"API integration {integration[0].pk}" in event.note
    integration[0].refresh_from_db()
    assert integration[0].last_used_at is not None


def test_an_officer_code_names_the_officer_and_their_team(
    client: Any, code: Any, integration: tuple[Integration, str]
) -> None:
    body = _body(code, officer_code=code.code, channel="email", email="v@example.org")
    del body["team_code"]
    response = _post(client, integration[1], body)
    assert response.status_code == 202, response.content
    invitation = Invitation.objects.get()
    assert (invitation.officer, invitation.team) == (code.officer, code.team)


def test_a_team_id_works_too(client: Any, code: Any, integration: tuple[Integration, str]) -> None:
    body = _body(code, team_id=code.team.pk)
    del body["team_code"]
    assert _post(client, integration[1], body).status_code == 202


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"crime_type": "domestic-abuse"}, "sensitive_crime_type"),
        ({"crime_type": "sexual-offences"}, "sensitive_crime_type"),
        ({"may_contact": False}, "contact_not_permitted"),
        ({"phone": "12"}, "invalid_phone"),
        ({"channel": "email", "email": "not-an-address"}, "invalid_email"),
        ({"crime_type": "no-such-crime"}, "unknown_crime_type"),
        ({"team_code": "no-such-code"}, "unknown_team"),
        ({"officer_code": "no-such-code"}, "unknown_officer"),
        ({"language": "xx"}, "unknown_language"),
    ],
)
def test_refusals_are_clear_json_and_nothing_is_kept(
    client: Any,
    code: Any,
    integration: tuple[Integration, str],
    changes: dict[str, Any],
    problem: str,
) -> None:
    response = _post(client, integration[1], _body(code, **changes))
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == problem
    assert data["detail"]
    assert not Invitation.objects.exists()
    assert not Message.objects.filter(template="feedback_invitation").exists()


def test_a_malformed_request_is_a_422(
    client: Any, code: Any, integration: tuple[Integration, str]
) -> None:
    body = _body(code)
    del body["may_contact"]
    assert _post(client, integration[1], body).status_code == 422
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("token", [None, "wrong-token", "vvf_" + "x" * 43])
def test_a_missing_or_wrong_token_is_401(
    client: Any, code: Any, integration: tuple[Integration, str], token: str | None
) -> None:
    response = _post(client, token, _body(code))
    assert response.status_code == 401
    assert not Invitation.objects.exists()


def test_a_turned_off_integration_is_401(
    client: Any, code: Any, integration: tuple[Integration, str], personas: dict[str, Any]
) -> None:
    service.integration_deactivate(actor=personas["programme_admin"], integration=integration[0])
    assert _post(client, integration[1], _body(code)).status_code == 401


def test_a_session_is_not_enough(client_as: Any, code: Any) -> None:
    response = _post(client_as("programme_admin"), None, _body(code))
    assert response.status_code == 401


def test_each_integration_is_rate_limited(
    client: Any, code: Any, integration: tuple[Integration, str], settings: Any, personas: Any
) -> None:
    settings.FEEDBACK_API_RATE_PER_MINUTE = 3
    refused = _body(code, may_contact=False)  # cheap requests still count
    for _ in range(3):
        assert _post(client, integration[1], refused).status_code == 422
    limited = _post(client, integration[1], _body(code))
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert limited["Retry-After"] == "60"
    assert not Invitation.objects.exists()
    _other, other_token = service.integration_create(
        actor=personas["programme_admin"],
        name="Other",
        organisation=personas["officer"].organisation,
    )
    assert _post(client, other_token, _body(code)).status_code == 202


def test_only_the_hash_of_the_token_is_kept(integration: tuple[Integration, str]) -> None:
    stored, token = integration
    assert token.startswith("vvf_") and len(token) > 40
    assert stored.token_hash == service.token_hash(token)
    assert token not in " ".join(str(v) for v in Integration.objects.values().get().values())


def test_the_openapi_document_describes_the_invitations_operation(client: Any, db: Any) -> None:
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/api/v1/invitations"}
    operation = document["paths"]["/api/v1/invitations"]["post"]
    assert {"202", "422", "429"} <= set(operation["responses"])
    assert operation["security"] == [{"IntegrationToken": []}]
    schemes = document["components"]["securitySchemes"]
    assert schemes["IntegrationToken"]["scheme"] == "bearer"
    body = document["components"]["schemas"]["InvitationIn"]
    assert {"channel", "crime_type", "may_contact"} <= set(body["required"])


# The programme team's integrations page ------------------------------------------------


def test_the_programme_team_adds_an_integration_and_sees_its_token_once(
    client_as: Any, personas: dict[str, Any], code: Any
) -> None:
    client = client_as("programme_admin")
    organisation = personas["officer"].organisation
    response = client.post(
        reverse("invitations:integrations"),
        {
            "name": "Command and control (test)",
            "organisation": organisation.pk,
            "scopes": ["invitations"],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = page.split('id="integration-token">', 1)[1].split("<", 1)[0]
    integration = Integration.objects.get(name="Command and control (test)")
    assert integration.token_hash == service.token_hash(token)
    assert token not in client.get(reverse("invitations:integrations")).content.decode()
    assert _post(client_as("anonymous"), token, _body(code)).status_code == 202
    assert AuditEvent.objects.filter(
        object_type="feedback.integration", object_id=str(integration.pk)
    ).exists()


def test_the_programme_team_chooses_what_an_integration_may_do(
    client_as: Any, personas: dict[str, Any], code: Any
) -> None:
    client = client_as("programme_admin")
    form = client.get(reverse("invitations:integrations")).content.decode()
    assert "What may this integration do?" in form
    assert 'value="invitations" checked' in form and 'value="desk" checked' not in form
    response = client.post(
        reverse("invitations:integrations"),
        {
            "name": "Crime recording (test)",
            "organisation": personas["officer"].organisation.pk,
            "scopes": ["desk"],
        },
    )
    page = response.content.decode()
    token = page.split('id="integration-token">', 1)[1].split("<", 1)[0]
    integration = Integration.objects.get(name="Crime recording (test)")
    assert integration.scopes == ["desk"]
    assert '<td class="govuk-table__cell">The Victim Focus Desk’s cases and events</td>' in page
    # A token for the desk only cannot ask for invitations.
    assert _post(client_as("anonymous"), token, _body(code)).status_code == 401
    event = AuditEvent.objects.get(
        object_type="feedback.integration", object_id=str(integration.pk)
    )
    assert "scopes" in event.fields


def test_an_integration_must_be_allowed_to_do_something(
    client_as: Any, personas: dict[str, Any]
) -> None:
    response = client_as("programme_admin").post(
        reverse("invitations:integrations"),
        {"name": "Nothing (test)", "organisation": personas["officer"].organisation.pk},
    )
    assert response.status_code == 200
    assert "Choose what this integration may do" in response.content.decode()
    assert not Integration.objects.exists()


def test_an_integration_without_the_invitations_scope_is_401(
    client: Any, code: Any, personas: dict[str, Any]
) -> None:
    desk_only, token = service.integration_create(
        actor=personas["programme_admin"],
        name="Crime recording system (test)",
        organisation=personas["officer"].organisation,
        scopes=["desk"],
    )
    response = _post(client, token, _body(code))
    assert (response.status_code, response.json()["code"]) == (401, "unauthorised")
    assert not Invitation.objects.exists()
    desk_only.refresh_from_db()
    assert desk_only.last_used_at is None
    both, token = service.integration_create(
        actor=personas["programme_admin"],
        name="Both (test)",
        organisation=personas["officer"].organisation,
        scopes=["invitations", "desk"],
    )
    assert both.scopes == ["invitations", "desk"]
    assert _post(client, token, _body(code)).status_code == 202


def test_integrations_made_before_scopes_may_ask_for_invitations_only(
    integration: tuple[Integration, str],
) -> None:
    # The migration gives existing rows the default: invitations, as before.
    assert Integration._meta.get_field("scopes").get_default() == ["invitations"]
    assert integration[0].scopes == ["invitations"]


def test_the_programme_team_turns_an_integration_off(
    client_as: Any, integration: tuple[Integration, str]
) -> None:
    response = client_as("programme_admin").post(
        reverse("invitations:integration_off", kwargs={"integration_id": integration[0].pk})
    )
    assert response.status_code == 302
    integration[0].refresh_from_db()
    assert not integration[0].active


@pytest.mark.parametrize("persona", ["analyst", "officer", "desk_agent", "member"])
def test_other_personas_cannot_add_integrations(
    client_as: Any, persona: str, personas: Any
) -> None:
    response = client_as(persona).post(
        reverse("invitations:integrations"),
        {"name": "Sneaky", "organisation": personas["officer"].organisation.pk},
    )
    assert response.status_code == 403
    assert not Integration.objects.exists()


def test_the_integrations_page_reads_a_fixed_number_of_queries(
    client_as: Any, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    for n in range(4):
        service.integration_create(
            actor=personas["programme_admin"],
            name=f"System {n}",
            organisation=personas["officer"].organisation,
        )
    client = client_as("programme_admin")
    client.get(reverse("invitations:integrations"))  # warm the session
    with django_assert_num_queries(12):  # 10 for the session and sign-in checks
        page = client.get(reverse("invitations:integrations")).content.decode()
    assert "System 3" in page


# Strict input (lib/api.py) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"may_contact": "yes"}, "may_contact"),
        ({"may_contact": "true"}, "may_contact"),
        ({"may_contact": 1}, "may_contact"),
        ({"may_contact": "1"}, "may_contact"),
        ({"may_contact": None}, "may_contact"),
        ({"team_id": True}, "team_id"),
        ({"team_id": "12"}, "team_id"),
        ({"team_id": 12.0}, "team_id"),
        ({"channel": ["sms"]}, "channel"),
        ({"crime_type": 7}, "crime_type"),
        ({"phone": 7700900456}, "phone"),
        ({"maycontact": True}, "maycontact"),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_not_coerced(
    client: Any,
    code: Any,
    integration: tuple[Integration, str],
    changes: dict[str, Any],
    field: str,
) -> None:
    response = _post(client, integration[1], _body(code, **changes))
    assert response.status_code == 422, response.content
    data = response.json()
    assert set(data) == {"code", "detail"}
    assert data["code"] == "invalid_request"
    assert field in data["detail"]
    assert not Invitation.objects.exists()


def test_consent_comes_only_from_json_true(
    client: Any, code: Any, integration: tuple[Integration, str]
) -> None:
    assert _post(client, integration[1], _body(code, may_contact=True)).status_code == 202
    assert Invitation.objects.count() == 1


def test_a_missing_field_is_a_problem_in_the_documented_shape(
    client: Any, code: Any, integration: tuple[Integration, str]
) -> None:
    body = _body(code)
    del body["may_contact"]
    data = _post(client, integration[1], body).json()
    assert data == {"code": "invalid_request", "detail": "may_contact is required."}


@pytest.mark.parametrize(
    ("content_type", "encode"),
    [
        ("application/x-www-form-urlencoded", "form"),
        ("multipart/form-data; boundary=BoUnDaRy", "json"),
        ("text/plain", "json"),
        ("application/x-www-form-urlencoded", "json"),
    ],
)
def test_a_body_that_is_not_sent_as_json_is_refused(
    client: Any,
    code: Any,
    integration: tuple[Integration, str],
    content_type: str,
    encode: str,
) -> None:
    from urllib.parse import urlencode

    body = _body(code)
    data = urlencode(body) if encode == "form" else json.dumps(body)
    response = client.post(
        URL, data=data, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {integration[1]}"
    )
    assert response.status_code == 415, response.content
    assert response.json()["code"] == "unsupported_media_type"
    assert not Invitation.objects.exists()


def test_a_body_that_is_not_json_is_a_400(
    client: Any, integration: tuple[Integration, str]
) -> None:
    response = client.post(
        URL,
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {integration[1]}",
    )
    assert response.status_code == 400
    assert response.json() == {"code": "malformed_json", "detail": "The body is not valid JSON."}


def test_a_refused_token_is_a_problem_too(client: Any, code: Any, db: Any) -> None:
    data = _post(client, "wrong-token", _body(code)).json()
    assert set(data) == {"code", "detail"} and data["code"] == "unauthorised"


def test_the_openapi_document_lists_every_refusal_with_its_shape(client: Any, db: Any) -> None:
    document = client.get(reverse("api:openapi-json")).json()
    operation = document["paths"]["/api/v1/invitations"]["post"]
    for status in ("400", "401", "415", "422", "429"):
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Problem"}, status
    problem = document["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"code", "detail"}
    body = document["components"]["schemas"]["InvitationIn"]
    assert body["properties"]["may_contact"]["type"] == "boolean"
    assert body.get("additionalProperties") is False
