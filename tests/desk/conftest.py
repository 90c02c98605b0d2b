"""Fixtures shared by the desk's tests: a team, an integration with the desk's scope, and
cases made through the desk's own services (as the crime recording system would send them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import pytest

from desk.models import Case, Victim
from desk.services import CaseIn, VictimIn, case_receive, event_receive
from feedback import services as feedback_services
from feedback.models import Borough, Integration, Team
from feedback.services import invitations as invitation_services


def team_for_tests() -> Team:
    camden = Borough.objects.get(code="E09000007")
    return feedback_services.team_ensure(borough=camden, name="Camden investigation team")


def integration_for_tests(personas: dict[str, Any]) -> Integration:
    admin = personas["programme_admin"]
    integration, _token = invitation_services.integration_create(
        actor=admin,
        name="Crime recording system (test)",
        organisation=admin.organisation,
        scopes=["desk"],
    )
    return integration


@pytest.fixture
def desk_team(db: Any) -> Team:
    return team_for_tests()


@pytest.fixture
def desk_integration(personas: dict[str, Any]) -> Integration:
    return integration_for_tests(personas)


def new_case(
    *,
    team: Team,
    integration: Integration | None = None,
    offence: str = "burglary",
    crime_reference: str | None = None,
    victims: list[VictimIn] | None = None,
) -> Case:
    """A case received from the crime recording system (or added by hand when there is no
    integration: then pass it through `case_receive` yourself with an actor)."""
    reference = crime_reference or f"{uuid.uuid4().int % 10**7:07d}/26"
    data = CaseIn(
        crime_reference=reference,
        offence_category=offence,
        team_code=team.slug,
        victims=victims
        or [
            VictimIn(
                victim_ref="V1",
                full_name="Alex Example",
                date_of_birth=date(1980, 5, 17),
                postcode="NW1 2AB",
            )
        ],
    )
    body, _ = case_receive(
        data=data,
        source_event_id=f"case-{uuid.uuid4()}",
        payload={"crime_reference": reference},
        integration=integration,
    )
    return Case.objects.get(pk=body["case_id"])


def new_event(
    case: Case,
    kind: str,
    occurred_at: datetime,
    *,
    integration: Integration,
    victim_refs: list[str] | None = None,
) -> dict[str, Any]:
    body, _ = event_receive(
        crime_reference=case.crime_reference,
        kind=kind,
        occurred_at=occurred_at,
        source_event_id=f"event-{uuid.uuid4()}",
        payload={"kind": kind, "at": occurred_at.isoformat()},
        victim_refs=victim_refs,
        integration=integration,
    )
    return body


@pytest.fixture
def make_case(desk_team: Team, desk_integration: Integration) -> Any:
    def make(**kwargs: Any) -> Case:
        kwargs.setdefault("team", desk_team)
        kwargs.setdefault("integration", desk_integration)
        return new_case(**kwargs)

    return make


@pytest.fixture
def make_event(desk_integration: Integration) -> Any:
    def make(case: Case, kind: str, occurred_at: datetime, **kwargs: Any) -> dict[str, Any]:
        return new_event(case, kind, occurred_at, integration=desk_integration, **kwargs)

    return make


def victim_of(case: Case, ref: str = "V1") -> Victim:
    return case.victims.get(victim_ref=ref)
