"""The desk's integration API (django-ninja), mounted at /api/v1/desk/ (desk/urls/api.py):
the force's crime recording system sends cases and case events (docs/desk.md §3,
docs/desk-api.md).

    POST /api/v1/desk/cases     a case and its victims (created, or updated by crime reference)
    POST /api/v1/desk/events    one event on a case: an arrest, a charge, a decision to close
    Authorization: Bearer vvf_...

    202 {"id": 9041, "case_id": 311, "tasks": [{"id": 77120, "kind": "right6",
         "due_at": "2026-05-26T23:00:00Z"}]}

Only an integration with the `desk` scope may call it (401 otherwise), at most
DESK_API_RATE_PER_MINUTE requests a minute each (429). Every request carries the source
system's `source_event_id`: the same id with the same body again gets the same 202 body,
the same id with another body is a 409. Answers hold ids and times only: never a name, a
date of birth or the crime reference. Input is strict (lib/api.py): JSON booleans only, no
unknown fields, dates and times as text in the formats given, a time with its offset.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from ninja import Schema, Status
from pydantic import Field, field_validator, model_validator

from desk.models import Victim
from desk.services import (
    SOURCE_EVENT_ID_REUSED,
    CaseIn,
    VictimIn,
    case_receive,
    event_receive,
)
from desk.services.intake import victim_safe_contact_from_source
from feedback.api import integration_api
from feedback.models import EthnicGroup, Integration, IntegrationScope, Sex
from lib.api import ERROR_RESPONSES, Problem, StrictSchema
from lib.rules import RuleBroken

# RFC 3339: a date, "T", a time with optional fractions, then the offset ("Z" or +01:00).
# Without the offset the time is read as naive and refused as `naive_datetime`.
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(?P<offset>[Zz]|[+-]\d{2}:\d{2})?$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


api = integration_api(
    scope=IntegrationScope.DESK,
    rate_setting="DESK_API_RATE_PER_MINUTE",
    title="Victim Voice: Victim Focus Desk API",
    version="1",
    description=(
        "The force's crime recording system sends the Victim Focus Desk its cases (with "
        "their victims) and the events on them that the Victims' Code says a victim must be "
        "told about. The desk works out what each victim is owed and by when. Requests are "
        "idempotent by `source_event_id`; answers hold ids and times only."
    ),
    urls_namespace="desk_api",
    docs_url=None,
)


# Input -----------------------------------------------------------------------------------

Text40 = Annotated[str, Field(min_length=1, max_length=40)]
SourceEventId = Annotated[str, Field(min_length=1, max_length=100)]


class SafeContactIn(StrictSchema):
    """Which ways of contacting the victim are safe, as the source recorded them."""

    may_phone: bool
    may_text: bool
    may_email: bool
    may_voicemail: bool
    may_letter: bool
    phone: Annotated[str, Field(max_length=40)] | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    address: Annotated[str, Field(max_length=500)] | None = None


class VictimBody(StrictSchema):
    victim_ref: Text40
    name: Annotated[str, Field(min_length=1, max_length=200)]
    date_of_birth: str | None = None
    postcode: Annotated[str, Field(max_length=10)] | None = None
    language: Annotated[str, Field(min_length=2, max_length=12)] | None = None
    interpreter_language: Annotated[str, Field(max_length=12)] | None = None
    sex: str | None = None
    ethnic_group: str | None = None
    grounds: list[Annotated[str, Field(min_length=1, max_length=40)]] = []
    nominee_name: Annotated[str, Field(max_length=200)] | None = None
    nominee_relationship: Annotated[str, Field(max_length=100)] | None = None
    feedback_opt_out: bool = False
    safe_contact: SafeContactIn | None = None

    @field_validator("date_of_birth")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        if value is not None:
            if not _DATE.match(value):
                raise ValueError("give the date as YYYY-MM-DD")
            date.fromisoformat(value)  # ValueError for 2026-02-30
        return value

    @field_validator("sex")
    @classmethod
    def _a_sex(cls, value: str | None) -> str | None:
        if value and value not in Sex.values:
            raise ValueError(f"one of {', '.join(Sex.values)}")
        return value

    @field_validator("ethnic_group")
    @classmethod
    def _an_ethnic_group(cls, value: str | None) -> str | None:
        if value and value not in EthnicGroup.values:
            raise ValueError(f"one of {', '.join(EthnicGroup.values)}")
        return value


class CaseBody(StrictSchema):
    source_event_id: SourceEventId
    crime_reference: Text40
    offence_category: Text40
    team_code: Annotated[str, Field(min_length=1, max_length=100)]
    oic_display: Annotated[str, Field(max_length=200)] | None = None
    victims: Annotated[list[VictimBody], Field(min_length=1)]

    @model_validator(mode="after")
    def _each_victim_once(self) -> CaseBody:
        refs = [victim.victim_ref for victim in self.victims]
        if len(set(refs)) != len(refs):
            raise ValueError("each victim_ref may appear once")
        return self


class EventBody(StrictSchema):
    source_event_id: SourceEventId
    crime_reference: Text40
    kind: Text40
    occurred_at: str
    victim_refs: Annotated[list[Text40], Field(min_length=1)] | None = None

    @field_validator("occurred_at")
    @classmethod
    def _a_date_time(cls, value: str) -> str:
        if not _DATE_TIME.match(value):
            raise ValueError("give the time as RFC 3339, like 2026-05-22T16:40:00+01:00")
        datetime.fromisoformat(value.upper())  # ValueError for 2026-02-30T25:00:00Z
        return value


# Output ----------------------------------------------------------------------------------


class CaseOut(Schema):
    id: int
    case_id: int
    victim_ids: list[int]


class TaskOut(Schema):
    id: int
    kind: str
    due_at: str


class EventOut(Schema):
    id: int
    case_id: int
    tasks: list[TaskOut]


RESPONSES: dict[int, Any] = {**ERROR_RESPONSES, 409: Problem, 429: Problem}


def _refused(broken: RuleBroken) -> Status[dict[str, str]]:
    status = 409 if broken.code == SOURCE_EVENT_ID_REUSED else 422
    return Status(status, {"code": broken.code, "detail": str(broken.message)})


@api.post(
    "/cases",
    response={202: CaseOut, **RESPONSES},
    url_name="case_receive",
    summary="Send a case and its victims",
)
def case_receive_view(request: HttpRequest, payload: CaseBody) -> Status[Any]:
    """Create a case, or update the one with this `crime_reference`, and its victims (each
    by the source's `victim_ref`, once per case).

    `offence_category` is an offence category code, `team_code` a team's code; `grounds`
    are the enhanced-rights grounds the source knows (`bereaved_close_relative`,
    `persistently_targeted`, `vulnerable`, `intimidated`); `sex` and `ethnic_group` are
    codes. `safe_contact` says which ways of contacting the victim are safe: the first time
    it is taken as sent, after that it can only make contact safer (a desk agent agrees
    the rest with the victim). A replay of the same `source_event_id` and body gets the
    same 202 body; the same id with another body is a 409.
    """
    integration: Integration = request.auth  # type: ignore[attr-defined]
    data = CaseIn(
        crime_reference=payload.crime_reference,
        offence_category=payload.offence_category,
        team_code=payload.team_code,
        oic_display=payload.oic_display or "",
        victims=[
            VictimIn(
                victim_ref=victim.victim_ref,
                full_name=victim.name,
                date_of_birth=date.fromisoformat(victim.date_of_birth)
                if victim.date_of_birth
                else None,
                postcode=victim.postcode or "",
                language=victim.language or "en",
                interpreter_language=victim.interpreter_language or "",
                sex=victim.sex or "",
                ethnic_group=victim.ethnic_group or "",
                grounds=list(victim.grounds),
                nominee_name=victim.nominee_name or "",
                nominee_relationship=victim.nominee_relationship or "",
                feedback_opt_out=victim.feedback_opt_out,
            )
            for victim in payload.victims
        ],
    )
    with translation.override("en"):
        try:
            with transaction.atomic():
                body, new = case_receive(
                    data=data,
                    source_event_id=payload.source_event_id,
                    payload=payload.model_dump(mode="json"),
                    integration=integration,
                )
                if new:
                    _safe_contacts(payload, body["victim_ids"])
        except RuleBroken as broken:
            return _refused(broken)
    return Status(202, body)


def _safe_contacts(payload: CaseBody, victim_ids: list[int]) -> None:
    given = {
        victim_id: victim.safe_contact
        for victim, victim_id in zip(payload.victims, victim_ids, strict=True)
        if victim.safe_contact is not None
    }
    if not given:
        return
    victims = Victim.objects.in_bulk(list(given))
    for victim_id, contact in given.items():
        victim_safe_contact_from_source(victim=victims[victim_id], fields=contact.model_dump())


@api.post(
    "/events",
    response={202: EventOut, **RESPONSES},
    url_name="event_receive",
    summary="Send an event on a case",
)
def event_receive_view(request: HttpRequest, payload: EventBody) -> Status[Any]:
    """Record one event on a case and make the tasks the Victims' Code owes for it.

    `kind` is an event kind: a Right 6 trigger (`arrested`, `interviewed_under_caution`,
    `released_without_charge`, `bail_or_rui`, `bail_conditions_changed`, `charged`,
    `out_of_court_disposal`, `not_investigated`, `case_closed`) or an event that owes
    nothing (`case_opened`, `details_changed`, `officer_changed`). `occurred_at` is
    when it happened, RFC 3339 with its offset (no offset: `naive_datetime`; more than 5
    minutes ahead: `occurred_in_future`). `victim_refs` names the victims it concerns
    (default: every victim on the case). The 202 lists the tasks made, each with when it is
    due (the end of a London working day, in UTC).
    """
    integration: Integration = request.auth  # type: ignore[attr-defined]
    occurred_at = datetime.fromisoformat(payload.occurred_at.upper())
    with translation.override("en"):
        try:
            body, _new = event_receive(
                crime_reference=payload.crime_reference,
                kind=payload.kind,
                occurred_at=occurred_at,
                source_event_id=payload.source_event_id,
                payload=payload.model_dump(mode="json"),
                victim_refs=payload.victim_refs,
                integration=integration,
            )
        except RuleBroken as broken:
            return _refused(broken)
    return Status(202, body)
