"""Cases and their events arriving from the crime recording system (desk/api.py) or added and
corrected by desk staff, and the tasks the Victims' Code makes of them (docs/desk.md §1-3).

Both ways in share one path: a source event id (the source system's, or "staff:<uuid>" for a
person) is recorded first, so a retry of the same request gets the same answer and the same
id with other content is refused. Every Right 6 trigger makes one task per victim it
concerns, due a set number of working days (fewer for enhanced rights) after the event's
London date, with the desk's closed days and bank holidays skipped."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from accounts.access import require
from desk import deadlines
from desk.access import may_work_desk
from desk.audit_events import (
    CASE_CORRECTED,
    CASE_CREATED,
    CASE_RECEIVED,
    EVENT_RECEIVED,
    GROUND_RECORDED,
)
from desk.models import (
    Case,
    CaseEvent,
    CaseStatus,
    CreatedVia,
    EnhancedGround,
    EventKind,
    LateReason,
    OffenceCategory,
    ReceivedEvent,
    Right,
    Task,
    TaskKind,
    TaskStatus,
    Victim,
    VictimGround,
    desk_digest,
)
from desk.services.common import closed_days, snapshot, time_limits_on
from feedback.models import Integration, Team
from lib.rules import RuleBroken
from privacy.audit import audit_record

# Events that owe the victim nothing: they only change what the desk knows.
INFORMATION_ONLY = frozenset(
    {EventKind.CASE_OPENED, EventKind.DETAILS_CHANGED, EventKind.OFFICER_CHANGED}
)
# Events after which the case is closed (the retention clock starts).
CLOSING = frozenset({EventKind.CASE_CLOSED, EventKind.NOT_INVESTIGATED})


# The code of the one refusal that is a conflict (HTTP 409), not a bad request.
SOURCE_EVENT_ID_REUSED = "source_event_id_reused"


def refused(code: str, message: str) -> RuleBroken:
    """A request the desk will not take, with the stable code the API returns."""
    return RuleBroken(message, code=code)


@dataclass
class VictimIn:
    victim_ref: str
    full_name: str
    date_of_birth: date | None = None
    postcode: str = ""
    language: str = "en"
    interpreter_language: str = ""
    sex: str = ""
    ethnic_group: str = ""
    grounds: list[str] = field(default_factory=list)
    nominee_name: str = ""
    nominee_relationship: str = ""
    feedback_opt_out: bool = False


@dataclass
class CaseIn:
    crime_reference: str
    offence_category: str
    team_code: str
    oic_display: str = ""
    victims: list[VictimIn] = field(default_factory=list)


def payload_hash(payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _claim_event_id(
    *, integration: Integration | None, source_event_id: str, digest: str
) -> tuple[ReceivedEvent, bool]:
    """Record the source event id; (the earlier record, False) when it was seen before.

    On PostgreSQL one statement, `INSERT ... ON CONFLICT DO NOTHING RETURNING id`: no row back
    means the id was seen before (a concurrent first request waits on the unique index until
    it commits). Elsewhere an INSERT in a savepoint, its IntegrityError meaning the same."""
    if connection.vendor == "postgresql":
        received = ReceivedEvent(
            integration=integration, source_event_id=source_event_id, payload_hash=digest
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO desk_receivedevent (integration_id, source_event_id, payload_hash, "
                "response, received_at) VALUES (%s, %s, %s, '{}'::jsonb, %s) "
                "ON CONFLICT DO NOTHING RETURNING id",
                [
                    integration.pk if integration else None,
                    source_event_id,
                    digest,
                    received.received_at,
                ],
            )
            row = cursor.fetchone()
        if row is not None:
            received.pk = row[0]
            return received, True
        return _earlier(integration=integration, source_event_id=source_event_id, digest=digest)
    try:
        with transaction.atomic():
            return (
                ReceivedEvent.objects.create(
                    integration=integration, source_event_id=source_event_id, payload_hash=digest
                ),
                True,
            )
    except IntegrityError:
        return _earlier(integration=integration, source_event_id=source_event_id, digest=digest)


def _earlier(
    *, integration: Integration | None, source_event_id: str, digest: str
) -> tuple[ReceivedEvent, bool]:
    """The earlier record of a source event id seen before, if its payload was the same."""
    earlier = ReceivedEvent.objects.get(integration=integration, source_event_id=source_event_id)
    if earlier.payload_hash != digest:
        raise refused(
            SOURCE_EVENT_ID_REUSED,
            "This source_event_id was used before for a different request.",
        )
    return earlier, False


def _team(code: str) -> Team:
    team = Team.objects.select_related("borough").filter(slug=code, active=True).first()
    if team is None:
        team = (
            Team.objects.select_related("borough")
            .filter(codes__code=code, codes__active=True, active=True)
            .first()
        )
    if team is None:
        raise refused("unknown_team", "No active team has this code.")
    return team


def _offence(code: str) -> OffenceCategory:
    offence = OffenceCategory.objects.filter(code=code, active=True).first()
    if offence is None:
        raise refused("unknown_offence_category", "No offence category has this code.")
    return offence


def case_by_reference(crime_reference: str) -> Case | None:
    return (
        Case.objects.select_related("offence_category", "team__borough")
        .filter(crime_reference_digest=desk_digest("crime_reference", crime_reference))
        .first()
    )


def _apply_victim(case: Case, data: VictimIn, *, via: str, actor: Any) -> tuple[Victim, bool]:
    victim = case.victims.filter(victim_ref=data.victim_ref).first()
    created = victim is None
    if victim is None:
        victim = Victim(case=case, victim_ref=data.victim_ref)
    victim.full_name = data.full_name
    victim.date_of_birth = data.date_of_birth.isoformat() if data.date_of_birth else None
    victim.postcode = data.postcode.strip().upper()
    victim.postcode_digest = (
        desk_digest("postcode", case.crime_reference, data.postcode) if data.postcode else ""
    )
    victim.dob_digest = (
        desk_digest("dob", case.crime_reference, data.date_of_birth.isoformat())
        if data.date_of_birth
        else ""
    )
    victim.language = data.language or "en"
    victim.interpreter_language = data.interpreter_language
    victim.sex = data.sex
    victim.ethnic_group = data.ethnic_group
    victim.nominee_name = data.nominee_name
    victim.nominee_relationship = data.nominee_relationship
    victim.feedback_opt_out = data.feedback_opt_out
    victim.updated_at = timezone.now()
    victim.save()
    known = {code: ground for code, ground in EnhancedGround.objects.values_list("code", "pk")}
    for code in data.grounds:
        if code not in known or code in (
            EnhancedGround.MOST_SERIOUS_CRIME,
            EnhancedGround.UNDER_18,
        ):
            raise refused("unknown_ground", f"“{code}” is not a ground that can be recorded.")
        _, made = VictimGround.objects.get_or_create(
            victim=victim,
            ground_id=known[code],
            defaults={"recorded_via": via, "recorded_by": actor},
        )
        if made:
            audit_record(
                actor=actor, action=GROUND_RECORDED, obj=victim, fields={"ground": code, "via": via}
            )
    victim.enhanced = bool(_grounds_today(victim, case))
    victim.save(update_fields=["enhanced"])
    return victim, created


def _grounds_today(victim: Victim, case: Case) -> list[str]:
    from desk.services.common import grounds_on

    return grounds_on(victim, case, timezone.localdate())


@transaction.atomic
def case_receive(
    *,
    data: CaseIn,
    source_event_id: str,
    payload: dict[str, Any],
    integration: Integration | None = None,
    actor: Any = None,
    reason: str = "",
) -> tuple[dict[str, Any], bool]:
    """Create or update a case and its victims. Returns the response body and whether it was
    new (False: a replay of the same request, answered the same way)."""
    if integration is None:
        require(may_work_desk(actor))
        if not reason.strip():
            raise RuleBroken("Say why you are adding or correcting this case.", field="reason")
    received, new = _claim_event_id(
        integration=integration, source_event_id=source_event_id, digest=payload_hash(payload)
    )
    if not new:
        return received.response, False
    offence = _offence(data.offence_category)
    team = _team(data.team_code)
    case = case_by_reference(data.crime_reference)
    created = case is None
    via = CreatedVia.API if integration is not None else CreatedVia.STAFF
    if case is None:
        case = Case(
            crime_reference=data.crime_reference.strip(),
            crime_reference_digest=desk_digest("crime_reference", data.crime_reference),
            integration=integration,
            created_via=via,
        )
    elif case.is_closed:
        raise refused("case_closed", "This case is closed.")
    changed = [
        name
        for name, value in (("offence_category", offence.pk), ("team", team.pk))
        if getattr(case, f"{name}_id") != value
    ]
    case.offence_category = offence
    case.team = team
    case.oic_display = data.oic_display
    case.updated_at = timezone.now()
    case.save()
    if not created and "team" in changed:
        # Open tasks follow the case to its new team.
        case.tasks.filter(status=TaskStatus.OPEN).update(team=team, borough_id=team.borough_id)
    victim_ids = []
    for victim_data in data.victims:
        victim, _ = _apply_victim(case, victim_data, via=via, actor=actor)
        victim_ids.append(victim.pk)
    if integration is not None:
        audit_record(
            actor=None,
            action=CASE_RECEIVED,
            obj=case,
            fields={
                "integration": integration.pk,
                "offence_category": offence.code,
                "team": team.pk,
                "victims": len(victim_ids),
            },
        )
    elif created:
        audit_record(
            actor=actor,
            action=CASE_CREATED,
            obj=case,
            fields={
                "offence_category": offence.code,
                "team": team.pk,
                "victims": len(victim_ids),
                "reason": "given",
            },
        )
    else:
        audit_record(
            actor=actor,
            action=CASE_CORRECTED,
            obj=case,
            fields={"changed": changed + ["victims"] * bool(victim_ids), "reason": "given"},
        )
    response = {"id": received.pk, "case_id": case.pk, "victim_ids": victim_ids}
    received.response = response
    received.save(update_fields=["response"])
    return response, True


def _task_for(
    *,
    event: CaseEvent,
    victim: Victim,
    case: Case,
    limit: Any,
    closed: frozenset[date],
    now: datetime,
) -> Task:
    day0 = deadlines.day_zero(event.occurred_at)
    snap = snapshot(victim, case, day0)
    days = limit.working_days(enhanced=snap.enhanced)
    due = deadlines.due_date(event.occurred_at, days, closed=closed)
    due_at = deadlines.end_of_day(due)
    return Task(
        kind=TaskKind.RIGHT_6,
        obligation=limit.code,
        case=case,
        victim=victim,
        time_limit=limit,
        days_used=days,
        event=event,
        due_date=due,
        due_at=due_at,
        closure_moved=bool(closed) and due != deadlines.due_date(event.occurred_at, days),
        # Told to us after its deadline: late before anyone could act.
        late_reason=LateReason.SOURCE_LATE if due_at <= now else "",
        **snap.fields(),
    )


@transaction.atomic
def event_receive(
    *,
    crime_reference: str,
    kind: str,
    occurred_at: datetime,
    source_event_id: str,
    payload: dict[str, Any],
    victim_refs: list[str] | None = None,
    integration: Integration | None = None,
    actor: Any = None,
    reason: str = "",
) -> tuple[dict[str, Any], bool]:
    """Record one event on a case and make the tasks it owes. Returns the response body (ids
    and due times only) and whether it was new."""
    now = timezone.now()
    if integration is None:
        require(may_work_desk(actor))
        if not reason.strip():
            raise RuleBroken("Say why you are recording this event by hand.", field="reason")
    if timezone.is_naive(occurred_at):
        raise refused("naive_datetime", "occurred_at needs a time zone offset.")
    if occurred_at > now + timedelta(minutes=5):
        raise refused("occurred_in_future", "occurred_at is in the future.")
    if kind not in EventKind.values:
        raise refused("unknown_kind", "This kind of event is not known.")
    received, new = _claim_event_id(
        integration=integration, source_event_id=source_event_id, digest=payload_hash(payload)
    )
    if not new:
        return received.response, False
    case = case_by_reference(crime_reference)
    if case is None:
        raise refused("unknown_case", "No case has this crime reference.")
    if case.is_closed:
        raise refused("case_closed", "This case is closed.")
    victims = list(
        case.victims.filter(erased_at__isnull=True).prefetch_related(
            Prefetch("grounds", queryset=VictimGround.objects.select_related("ground"))
        )
    )
    if victim_refs:
        by_ref = {victim.victim_ref: victim for victim in victims}
        missing = [ref for ref in victim_refs if ref not in by_ref]
        if missing:
            raise refused("unknown_victim", "A victim_ref is not on this case.")
        victims = [by_ref[ref] for ref in victim_refs]
    event = CaseEvent.objects.create(
        case=case,
        victim=victims[0] if victim_refs and len(victims) == 1 else None,
        kind=kind,
        occurred_at=occurred_at,
        received_at=now,
        received_event=received if integration is not None else None,
        created_by=actor if integration is None else None,
        correction_reason=reason,
    )
    tasks: list[Task] = []
    if kind not in INFORMATION_ONLY:
        day0 = deadlines.day_zero(occurred_at)
        limit = time_limits_on(day0).get(kind)
        if limit is not None and limit.right == Right.RIGHT_6:
            closed = closed_days(day0)
            tasks = Task.objects.bulk_create(
                [
                    _task_for(
                        event=event, victim=victim, case=case, limit=limit, closed=closed, now=now
                    )
                    for victim in victims
                ]
            )
    if kind in CLOSING:
        case.status = CaseStatus.CLOSED
        case.closed_at = now
        case.save(update_fields=["status", "closed_at"])
        Task.objects.filter(case=case, status=TaskStatus.OPEN, kind=TaskKind.PERIODIC).update(
            status=TaskStatus.CANCELLED, cancelled_reason="case_closed"
        )
    audit_record(
        actor=actor,
        action=EVENT_RECEIVED,
        obj=case,
        fields={
            "kind": kind,
            "integration": integration.pk if integration else None,
            "tasks": len(tasks),
            "via": CreatedVia.API if integration is not None else CreatedVia.STAFF,
        },
        note=f"{kind}: {len(tasks)} task(s)",
    )
    response = {
        "id": event.pk,
        "case_id": case.pk,
        "tasks": [
            {
                "id": task.pk,
                "kind": task.kind,
                "due_at": task.due_at.isoformat().replace("+00:00", "Z"),
            }
            for task in tasks
        ],
    }
    received.response = response
    received.save(update_fields=["response"])
    return response, True
