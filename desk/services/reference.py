"""The desk supervisor's rules as data (docs/desk.md §1): the desk's closed days and the
Victims' Code time limits.

A closed day is not a working day for deadlines made after it is added; deadlines already set
never move (a task keeps its due date). A time limit changes as a new row from a date: the
current row ends on that date, so tasks made before it keep the row and days they used."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from desk.access import may_supervise_desk
from desk.audit_events import CLOSURE_ADDED, CLOSURE_REMOVED, TIME_LIMIT_CHANGED
from desk.models import DeskClosure, TimeLimit
from desk.services.common import rules_changed
from lib.rules import RuleBroken
from privacy.audit import audit_record

# The most working days a time limit may give: far beyond any the Code sets.
MAX_WORKING_DAYS = 60


@transaction.atomic
def closure_add(*, actor: Any, day: date, reason: str) -> DeskClosure:
    """Close the desk on `day` (today or later)."""
    require(may_supervise_desk(actor))
    if day < timezone.localdate():
        raise RuleBroken(_("The day must be today or in the future"), field="day", code="past")
    if not reason.strip():
        raise RuleBroken(_("Say why the desk is closed"), field="reason", code="reason_required")
    if DeskClosure.objects.filter(day=day).exists():
        raise RuleBroken(
            _("The desk is already closed on that day"), field="day", code="already_closed"
        )
    try:
        with transaction.atomic():
            closure = DeskClosure.objects.create(
                day=day, reason=reason.strip()[:200], created_by=actor
            )
    except IntegrityError:
        raise RuleBroken(
            _("The desk is already closed on that day"), field="day", code="already_closed"
        ) from None
    audit_record(actor=actor, action=CLOSURE_ADDED, obj=closure, fields=["day"])
    rules_changed()
    return closure


@transaction.atomic
def closure_remove(*, actor: Any, closure: DeskClosure) -> None:
    """Open the desk again on a closed day that has not passed."""
    require(may_supervise_desk(actor))
    if closure.day < timezone.localdate():
        raise RuleBroken(_("A day that has passed cannot be changed"), code="past")
    audit_record(actor=actor, action=CLOSURE_REMOVED, obj=closure, fields=["day"])
    closure.delete()
    rules_changed()


def current_time_limit(code: str) -> TimeLimit | None:
    """The latest row of a time limit: in force now, or scheduled to start later."""
    return TimeLimit.objects.filter(code=code, effective_to__isnull=True).first()


@transaction.atomic
def time_limit_change(
    *,
    actor: Any,
    code: str,
    standard_working_days: int,
    enhanced_working_days: int,
    effective_from: date,
    reason: str,
) -> TimeLimit:
    """A new row for the time limit `code` from `effective_from` (today or later); the current
    row ends that day. Tasks already made keep the row and days they used."""
    require(may_supervise_desk(actor))
    current = (
        TimeLimit.objects.select_for_update().filter(code=code, effective_to__isnull=True).first()
    )
    if current is None:
        raise RuleBroken(_("Select a time limit"), field="code", code="unknown_time_limit")
    if effective_from < timezone.localdate():
        raise RuleBroken(
            _("The change must start today or later"), field="effective_from", code="past"
        )
    if effective_from <= current.effective_from:
        raise RuleBroken(
            _("A change to this time limit already starts on %(day)s: choose a later day")
            % {"day": current.effective_from.strftime("%-d %B %Y")},
            field="effective_from",
            code="overlaps",
        )
    for field, value in (
        ("standard_working_days", standard_working_days),
        ("enhanced_working_days", enhanced_working_days),
    ):
        if not 1 <= value <= MAX_WORKING_DAYS:
            raise RuleBroken(
                _("Enter a number of working days from 1 to %(max)s") % {"max": MAX_WORKING_DAYS},
                field=field,
                code="days_out_of_range",
            )
    if enhanced_working_days > standard_working_days:
        raise RuleBroken(
            _("Victims with enhanced rights cannot wait longer than other victims"),
            field="enhanced_working_days",
            code="enhanced_longer",
        )
    if not reason.strip():
        raise RuleBroken(
            _("Say why the time limit is changing"), field="reason", code="reason_required"
        )
    current.effective_to = effective_from
    current.save(update_fields=["effective_to"])
    new = TimeLimit.objects.create(
        code=current.code,
        label=current.label,
        right=current.right,
        standard_working_days=standard_working_days,
        enhanced_working_days=enhanced_working_days,
        source=current.source,
        effective_from=effective_from,
        reason=reason.strip(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=TIME_LIMIT_CHANGED,
        obj=new,
        fields=["code", "standard_working_days", "enhanced_working_days", "effective_from"],
    )
    rules_changed()
    return new
