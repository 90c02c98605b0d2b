"""The Terms of Reference partners are held to, as data (docs/engagement.md, "Partner
requests").

The terms change as a new row from a date, like the desk's time limits: a row in force
today or in the past is never rewritten, so a request keeps the terms (and the deadline)
it was given. A change scheduled for a later day may be set again before it starts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_run_register
from engagement.audit_events import TERMS_SET
from engagement.models import Terms
from lib.rules import RuleBroken
from privacy.audit import audit_record

# The values a programme admin may set: (field, least, most).
LIMITS: dict[str, tuple[int, int]] = {
    "min_notice_working_days": (1, 120),
    "decision_working_days": (1, 60),
    "invite_cap": (1, 50),
    "cap_days": (1, 730),
    "response_days": (1, 365),
}


def terms_on(day: date) -> Terms:
    """The Terms of Reference in force on `day`: the row with the latest `effective_from`
    on or before it. Before the first row, the first row (the terms have always had one:
    migration 0002 sets it from 1 January 2020)."""
    found = Terms.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if found is None:
        found = Terms.objects.order_by("effective_from").first()
    if found is None:
        raise Terms.DoesNotExist("No Terms of Reference are set.")
    return found


def terms_history() -> list[Terms]:
    """Every row, the latest first (changes to come, the one in force, the ones replaced)."""
    return list(Terms.objects.order_by("-effective_from").select_related("created_by"))


@transaction.atomic
def terms_set(
    *,
    actor: Any,
    effective_from: date,
    min_notice_working_days: int,
    decision_working_days: int,
    invite_cap: int,
    cap_days: int,
    response_days: int,
) -> Terms:
    """New Terms of Reference from `effective_from` (today or later). Requests already sent
    keep the terms they were given. A change already scheduled for that later day is set
    again; a row in force today or before is never rewritten."""
    require(may_run_register(actor))
    today = timezone.localdate()
    if effective_from < today:
        raise RuleBroken(
            _("The change must start today or later"), field="effective_from", code="past"
        )
    values = {
        "min_notice_working_days": min_notice_working_days,
        "decision_working_days": decision_working_days,
        "invite_cap": invite_cap,
        "cap_days": cap_days,
        "response_days": response_days,
    }
    for field, value in values.items():
        least, most = LIMITS[field]
        if not least <= value <= most:
            raise RuleBroken(
                _("Enter a number from %(least)s to %(most)s") % {"least": least, "most": most},
                field=field,
                code="out_of_range",
            )
    if decision_working_days >= min_notice_working_days:
        raise RuleBroken(
            _(
                "The programme team must have fewer working days to decide than the least "
                "notice a request gives, so that a decision comes before the first date"
            ),
            field="decision_working_days",
            code="decision_after_notice",
        )
    existing = Terms.objects.select_for_update().filter(effective_from=effective_from).first()
    if existing is not None and existing.effective_from <= today:
        raise RuleBroken(
            _(
                "Terms of Reference already start on %(day)s and requests may already use "
                "them: choose a later day"
            )
            % {"day": date_format(effective_from, "j F Y")},
            field="effective_from",
            code="in_force",
        )
    if existing is None:
        terms = Terms.objects.create(effective_from=effective_from, created_by=actor, **values)
    else:
        for field, value in values.items():
            setattr(existing, field, value)
        existing.created_by = actor
        existing.created_at = timezone.now()
        existing.save()
        terms = existing
    audit_record(actor=actor, action=TERMS_SET, obj=terms, fields=["effective_from", *values])
    return terms
