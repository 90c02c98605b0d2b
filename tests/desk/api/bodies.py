"""What the desk API tests send: request bodies and the identity that must never come back."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from feedback.models import Team

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


def post_json(
    client: Any, url: str, token: str | None, body: Any, answers: list[Any] | None = None
) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str) else json.dumps(body)
    response = client.post(url, data=data, content_type="application/json", **headers)
    if answers is not None:
        answers.append(response)
    return response


def case_body(team: Team, **changes: Any) -> dict[str, Any]:
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


def event_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source_event_id": f"CRIS-{uuid.uuid4().hex[:8]}",
        "crime_reference": REFERENCE,
        "kind": "arrested",
        "occurred_at": FRIDAY_ARREST,
    }
    body.update(changes)
    return body


def case_with_safe_contact(team: Team, **contact: Any) -> dict[str, Any]:
    body = case_body(team)
    body["victims"][0]["safe_contact"] = {
        "may_phone": True,
        "may_text": False,
        "may_email": True,
        "may_voicemail": False,
        "may_letter": False,
        **contact,
    }
    return body
