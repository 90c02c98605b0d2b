"""What the desk's records allow now (docs/architecture.md, "rules"). Each check raises
`lib.rules.RuleBroken` with a message for the page and the field it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from desk.models import Case, Frequency
from lib.rules import RuleBroken
from safecontact.models import Outcome

# A contact logged a little ahead of the server's clock (a slow page) is still "now".
CLOCK_GRACE = timedelta(minutes=5)
MAX_EVERY_DAYS = 365


def check_case_open(case: Case) -> None:
    if case.is_closed:
        raise RuleBroken(_("This case is closed."), code="case_closed")


def check_contact_time(at: datetime, *, now: datetime | None = None) -> None:
    """A contact is logged for today, at a time that has passed: an agent may log a call
    made earlier today, never one on another day or in the future."""
    now = now or timezone.now()
    if at > now + CLOCK_GRACE:
        raise RuleBroken(_("The time of the contact must not be in the future."), field="at")
    if timezone.localdate(at) != timezone.localdate(now):
        raise RuleBroken(_("Log a contact on the day it was made."), field="at")


def check_rights_delivered(
    outcome: str, rights_delivered: Iterable[str], *, owed: Iterable[str]
) -> None:
    """Only a contact that reached the person tells them anything, and only what is owed."""
    delivered = set(rights_delivered)
    if delivered and outcome != Outcome.REACHED:
        raise RuleBroken(
            _("Only a contact that reached them can give them an update."),
            field="rights_delivered",
        )
    unknown = delivered - set(owed)
    if unknown:
        raise RuleBroken(_("Choose only updates this victim is owed."), field="rights_delivered")


def check_agreement(frequency: str, every_days: int | None) -> None:
    if frequency == Frequency.EVERY_N_DAYS:
        if every_days is None or not 1 <= every_days <= MAX_EVERY_DAYS:
            raise RuleBroken(
                _("Enter how many days between updates, from 1 to %(max)s.")
                % {"max": MAX_EVERY_DAYS},
                field="every_days",
            )
    elif frequency != Frequency.EVENTS_ONLY:
        raise RuleBroken(_("Choose how often they want updates."), field="frequency")


def default_every_days() -> int:
    return int(settings.DESK_PERIODIC_DEFAULT_DAYS)
