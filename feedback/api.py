"""The feedback invitations API (django-ninja), mounted at /api/v1/ (feedback/urls/api.py).

A force's crime recording or command and control system asks for an invitation to be sent
to a victim after contact with the police:

    POST /api/v1/invitations
    Authorization: Bearer vvf_...
    {"team_code": "...", "channel": "sms", "phone": "07700 900123",
     "crime_type": "burglary", "language": "cy", "may_contact": true}

    202 {"id": 41, "status": "sent", "expires_at": "2026-12-05T22:10:00Z"}

The phone number or email address is never echoed back. Each integration has its own
token (only its SHA-256 is kept; the programme team creates it at /feedback/integrations/)
and may make FEEDBACK_API_RATE_PER_MINUTE requests a minute (429 beyond). Refusals are
4xx JSON with a stable `code` and a plain-English `detail`. Input is strict
(lib/api.py): `may_contact` only from JSON true or false, `team_id` only from a JSON
number, no unknown fields, and only a body sent as `Content-Type: application/json`. The
OpenAPI document is at /api/v1/openapi.json. See docs/feedback-invitations.md.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from ninja import NinjaAPI, Schema, Status
from ninja.security import HttpBearer

from feedback import selectors
from feedback.models import (
    CrimeType,
    FeedbackCode,
    Integration,
    IntegrationScope,
    Language,
    Team,
)
from feedback.services import invitations as service
from lib.api import ERROR_RESPONSES, Problem, StrictSchema, strict_json_api
from lib.ratelimit import ratelimit_hit
from lib.rules import RuleBroken


class RateLimited(Exception):
    pass


class IntegrationToken(HttpBearer):
    """Authorization: Bearer <token> of an active integration with `scope`, within the
    number of requests a minute the setting `rate_setting` allows (429 beyond)."""

    def __init__(self, *, scope: str, rate_setting: str) -> None:
        super().__init__()
        self.scope = scope
        self.rate_setting = rate_setting

    def authenticate(self, request: HttpRequest, token: str) -> Integration | None:
        integration = service.integration_for_token(token, scope=self.scope)
        if integration is None:
            return None
        limit = int(getattr(settings, self.rate_setting))
        if not ratelimit_hit(f"api-{self.scope}", str(integration.pk), limit=limit, period=60):
            raise RateLimited
        return integration


def integration_api(*, scope: str, rate_setting: str, **kwargs: Any) -> NinjaAPI:
    """A strict JSON API (lib/api.py) for the integrations with `scope`: bearer tokens, a
    rate limit per integration, and 429 with Retry-After when it is reached. The feedback
    invitations API and the Victim Focus Desk's API are both made this way."""
    made = strict_json_api(auth=IntegrationToken(scope=scope, rate_setting=rate_setting), **kwargs)

    @made.exception_handler(RateLimited)
    def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        response = made.create_response(
            request,
            {"code": "rate_limited", "detail": "Too many requests. Try again in a minute."},
            status=429,
        )
        response["Retry-After"] = "60"
        return response

    return made


api = integration_api(
    scope=IntegrationScope.INVITATIONS,
    rate_setting="FEEDBACK_API_RATE_PER_MINUTE",
    title="Victim Voice feedback invitations API",
    version="1",
    description=(
        "Ask Victim Voice to send a victim of crime an invitation to give feedback about "
        "their contact with the police, by text message or email. The link in the message "
        "is opaque, works once and expires; invitations are refused for sensitive crime "
        "types and for people who did not agree to be contacted. Contact details are used "
        "to send and never returned."
    ),
    urls_namespace="api",
    docs_url=None,
)


class InvitationIn(StrictSchema):
    team_id: int | None = None
    team_code: str | None = None
    officer_code: str | None = None
    channel: Literal["sms", "email"]
    phone: str | None = None
    email: str | None = None
    crime_type: str
    language: str = "en"
    may_contact: bool


class InvitationOut(Schema):
    id: int
    status: Literal["sent"]
    expires_at: datetime


def _problem(code: str, detail: Any) -> Status[dict[str, str]]:
    return Status(422, {"code": code, "detail": str(detail)})


@api.post(
    "/invitations",
    response={202: InvitationOut, **ERROR_RESPONSES, 429: Problem},
    url_name="invitation_create",
    summary="Send an invitation to give feedback",
)
def invitation_create(request: HttpRequest, payload: InvitationIn) -> Status[Any]:
    """Send one invitation by text message (`phone`) or email (`email`).

    Name the team by `team_id` or by its feedback code (`team_code`), or name the officer
    by their feedback code (`officer_code`), which also gives their team. `crime_type` is
    a crime type code; `language` the code of the feedback form's language (the message
    itself is in English, or Welsh for `cy`). `may_contact` is the person's answer to "may
    we contact you about feedback?": only JSON `true` sends, `false` is refused, and any
    other value ("yes", 1) is a 422. Sensitive crime types are refused. Types are strict
    and unknown fields refused (422); the body must be JSON with `Content-Type:
    application/json` (415), and well formed (400).
    """
    integration: Integration = request.auth  # type: ignore[attr-defined]
    with translation.override("en"):
        return _create(integration, payload)


def _create(integration: Integration, payload: InvitationIn) -> Status[Any]:
    officer = None
    team: Team | None = None
    if payload.officer_code:
        found = selectors.officer_for_code(payload.officer_code)
        if found is None:
            return _problem("unknown_officer", "There is no officer with this feedback code.")
        officer, team = found
    if payload.team_id is not None:
        team = Team.objects.filter(pk=payload.team_id).first()
    elif payload.team_code:
        code = (
            FeedbackCode.objects.filter(code=payload.team_code, active=True)
            .select_related("team")
            .first()
        )
        team = code.team if code else None
    if team is None:
        return _problem("unknown_team", "Give a team_id, team_code or officer_code we know.")
    crime_type = CrimeType.objects.filter(code=payload.crime_type).first()
    if crime_type is None:
        return _problem("unknown_crime_type", "There is no crime type with this code.")
    language = Language.objects.filter(code=payload.language, active=True).first()
    if language is None:
        return _problem("unknown_language", "The feedback form is not offered in this language.")
    contact = payload.phone if payload.channel == "sms" else payload.email
    try:
        invitation = service.invitation_create(
            integration=integration,
            channel=payload.channel,
            contact=contact or "",
            team=team,
            officer=officer,
            crime_type=crime_type,
            language=language,
            may_contact=payload.may_contact,
        )
    except RuleBroken as refused:
        return _problem(refused.code, refused.message)
    return Status(202, {"id": invitation.pk, "status": "sent", "expires_at": invitation.expires_at})
