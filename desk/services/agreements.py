"""What a victim agreed about updates, and the one regular update it owes them
(docs/desk.md §1 "Periodic updates"): "only when something happens", or every N days, due
N calendar days after the last contact that reached them (or the agreement), moved to the
next working day."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from desk import deadlines
from desk.access import may_work_desk
from desk.audit_events import AGREEMENT_CHANGED
from desk.models import (
    ContactAgreement,
    Frequency,
    Task,
    TaskKind,
    TaskStatus,
    Through,
    Victim,
)
from desk.rules import check_agreement, check_case_open
from desk.selectors.cases import PERIODIC, current_agreement
from desk.services.common import closed_days, snapshot
from lib.rules import RuleBroken
from privacy.audit import audit_record
from safecontact.models import Channel, Outcome


def _last_reached_at(victim: Victim) -> datetime | None:
    return (
        victim.contacts.filter(outcome=Outcome.REACHED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )


def periodic_schedule(*, victim: Victim, now: datetime | None = None) -> Task | None:
    """Make the victim's one open regular update match their agreement, inside the caller's
    transaction: due `every_days` after the last reached contact (or the agreement), or
    cancelled when they want updates only when something happens. The task, or None."""
    now = now or timezone.now()
    agreement = current_agreement(victim)
    open_tasks = Task.objects.select_for_update().filter(
        victim=victim, kind=TaskKind.PERIODIC, status=TaskStatus.OPEN
    )
    case = victim.case
    if (
        agreement is None
        or agreement.frequency != Frequency.EVERY_N_DAYS
        or not agreement.every_days
        or case.is_closed
    ):
        open_tasks.update(status=TaskStatus.CANCELLED, cancelled_reason="agreement_changed")
        return None
    since = max(filter(None, [_last_reached_at(victim), agreement.agreed_at]))
    closed = closed_days(deadlines.day_zero(since))
    due_at = deadlines.periodic_due_at(since, agreement.every_days, closed=closed)
    due_date = timezone.localdate(due_at - timedelta(microseconds=1))
    task = open_tasks.order_by("pk").first()
    if task is not None:
        open_tasks.exclude(pk=task.pk).update(
            status=TaskStatus.CANCELLED, cancelled_reason="agreement_changed"
        )
        task.due_at, task.due_date = due_at, due_date
        task.save(update_fields=["due_at", "due_date"])
        return task
    return Task.objects.create(
        kind=TaskKind.PERIODIC,
        obligation=PERIODIC,
        case=case,
        victim=victim,
        due_date=due_date,
        due_at=due_at,
        created_at=now,
        **snapshot(victim, case, timezone.localdate(now)).fields(),
    )


def agreement_set(
    *,
    actor: Any,
    victim: Victim,
    frequency: str,
    every_days: int | None,
    channel: str,
    language: str,
    through: str,
) -> ContactAgreement:
    """Record what the victim agreed about updates: supersedes the current agreement and
    (re)schedules their regular update."""
    require(may_work_desk(actor))
    check_agreement(frequency, every_days)
    if channel not in Channel.values:
        raise RuleBroken(_("Choose how they want to be updated."), field="channel")
    if through not in Through.values:
        raise RuleBroken(_("Choose who is updated."), field="through")
    check_case_open(victim.case)
    now = timezone.now()
    with transaction.atomic():
        Victim.objects.select_for_update().filter(pk=victim.pk).first()
        ContactAgreement.objects.filter(victim=victim, superseded_at__isnull=True).update(
            superseded_at=now
        )
        agreement = ContactAgreement.objects.create(
            victim=victim,
            frequency=frequency,
            every_days=every_days if frequency == Frequency.EVERY_N_DAYS else None,
            channel=channel,
            language=language or victim.language,
            through=through,
            agreed_at=now,
            agreed_by=actor,
        )
        audit_record(
            actor=actor,
            action=AGREEMENT_CHANGED,
            obj=victim,
            fields=["frequency", "every_days", "channel", "language", "through"],
            note=f"frequency={frequency}",
        )
        periodic_schedule(victim=victim, now=now)
    return agreement
