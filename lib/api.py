"""What every JSON API of the product shares (django-ninja): strict input, JSON bodies only,
and every refusal in one shape, `{"code": "...", "detail": "..."}`.

    from lib.api import ERROR_RESPONSES, StrictSchema, strict_json_api

    api = strict_json_api(title="...", version="1", urls_namespace="api", auth=...)

    class ThingIn(StrictSchema):
        may_contact: bool       # only JSON true or false: not "yes", 1 or "true"
        team_id: int | None     # only a JSON number: not true, "12" or 12.0

    @api.post("/things", response={202: ThingOut, **ERROR_RESPONSES})

- `StrictSchema` validates in pydantic's strict mode and refuses fields it does not know,
  so consent is never read from a string or a number and a misspelt field is not ignored.
- `strict_json_api` refuses a body that is not `Content-Type: application/json` (415), a
  body that is not JSON (400), input of the wrong type or shape (422), a missing or wrong
  token (401), each as a Problem. Its OpenAPI document lists these responses.
See docs/feedback-invitations.md ("The API").
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from pydantic import ConfigDict

__all__ = [
    "ERROR_RESPONSES",
    "Problem",
    "StrictSchema",
    "problem_response",
    "strict_json_api",
]


class StrictSchema(Schema):
    """Input of a JSON API: strict types (no "yes" for true, no true for 1) and no unknown
    fields."""

    model_config = ConfigDict(strict=True, extra="forbid")


class Problem(Schema):
    """Every refusal: a stable `code` for programs and a plain-English `detail` for people."""

    code: str
    detail: str


# The refusals every operation of a strict API can give, for its `response=` (OpenAPI).
ERROR_RESPONSES: dict[int, type[Problem]] = {
    400: Problem,
    401: Problem,
    415: Problem,
    422: Problem,
}

JSON_TYPES = ("application/json",)


class UnsupportedMediaType(Exception):
    pass


class JsonOnlyParser(Parser):
    """Read a body only when it says it is JSON: a JSON document sent as a form (or as
    text) is refused rather than guessed at."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        content_type = (request.content_type or "").lower()
        if content_type not in JSON_TYPES:
            raise UnsupportedMediaType(content_type)
        return json.loads(request.body)  # type: ignore[no-any-return]


def _field(location: Sequence[Any]) -> str:
    """("body", "payload", "team_id") -> "team_id"; the body as a whole -> "body"."""
    parts = [str(p) for p in location[2:]] if len(location) > 2 else []
    return ".".join(parts) or "body"


def _validation_detail(errors: Sequence[Mapping[str, Any]]) -> str:
    found = []
    for error in errors:
        kind = str(error.get("type", ""))
        field = _field(error.get("loc", ()))
        if kind == "missing":
            found.append(f"{field} is required")
        elif kind == "extra_forbidden":
            found.append(f"{field} is not a field we know")
        else:
            found.append(f"{field}: {error.get('msg', 'is not valid')}")
    return "; ".join(found) + "." if found else "The request is not valid."


def problem_response(
    api: NinjaAPI, request: HttpRequest, *, status: int, code: str, detail: str
) -> HttpResponse:
    return api.create_response(request, {"code": code, "detail": detail}, status=status)


def _http_error(api: NinjaAPI, request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, UnsupportedMediaType):
        return problem_response(
            api,
            request,
            status=415,
            code="unsupported_media_type",
            detail="Send the body as JSON, with Content-Type: application/json.",
        )
    if isinstance(exc, AuthenticationError):
        return problem_response(
            api,
            request,
            status=exc.status_code,
            code="unauthorised",
            detail="Give a valid token: Authorization: Bearer <token>.",
        )
    if exc.status_code == 400:
        return problem_response(
            api, request, status=400, code="malformed_json", detail="The body is not valid JSON."
        )
    return problem_response(
        api, request, status=exc.status_code, code="http_error", detail=str(exc)
    )


def _validation_error(api: NinjaAPI, request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return problem_response(
        api, request, status=422, code="invalid_request", detail=_validation_detail(exc.errors)
    )


def strict_json_api(**kwargs: Any) -> NinjaAPI:
    """A NinjaAPI that reads only JSON bodies and answers every refusal as a Problem."""
    api = NinjaAPI(parser=JsonOnlyParser(), **kwargs)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _http_error(api, request, exc)

    def validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return _validation_error(api, request, exc)

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, validation_error)
    return api
