"""What the engagement register's records allow now (docs/architecture.md, "rules").

Each check raises the one rule error, `lib.rules.RuleBroken`, with a message for the page
and the form field it concerns. Services call them (and check again inside their
transaction); views only show the error.

Partner requests (docs/engagement.md, "Partner requests"): the Terms of Reference in force
on the day a request is submitted set the least notice it must give. Working days are
Monday to Friday less the bank holidays of England and Wales together (`lib.workdays`):
the same calendar for a London force and a Welsh force (Dyfed-Powys), since the two
nations' bank holidays are the same days today.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    OpportunityStatus,
    PartnerRequest,
    RequestStatus,
    Terms,
)
from lib.rules import RuleBroken
from lib.workdays import add_working_days

# Partner requests ---------------------------------------------------------------------

# The most people one request may ask for: a sensible cap for one piece of engagement.
MAX_PEOPLE_WANTED = 200

# The material a partner may attach: a PDF or a video, checked by extension and first bytes.
MATERIAL_TYPES = {
    ".pdf": "application/pdf",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
}
_MATERIAL_MAGIC = {
    ".pdf": (b"%PDF",),
    ".webm": (b"\x1a\x45\xdf\xa3",),
}
# ISO base media files (MP4, M4V, QuickTime) carry "ftyp" at bytes 4 to 8.
_FTYP_SUFFIXES = (".mp4", ".m4v", ".mov")


def material_max_bytes() -> int:
    """The largest material file a partner may upload (setting
    ENGAGEMENT_REQUEST_MATERIAL_MAX_BYTES, 200 MB unless set)."""
    return int(getattr(settings, "ENGAGEMENT_REQUEST_MATERIAL_MAX_BYTES", 200 * 1024 * 1024))


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def earliest_start(submitted_on: date, terms: Terms) -> date:
    """The first day people may take part for a request submitted on `submitted_on`: the
    Terms' least notice in working days after it (England and Wales's calendar)."""
    return add_working_days(submitted_on, terms.min_notice_working_days)


def decision_due(submitted_on: date, terms: Terms) -> date:
    """The working day by which the programme team decides on a request submitted then."""
    return add_working_days(submitted_on, terms.decision_working_days)


def check_notice(*, starts_on: date, ends_on: date, submitted_on: date, terms: Terms) -> None:
    """The timeframe rule: the first date gives at least the Terms' least notice, counted in
    working days from the day the request is submitted; the last date is on or after the
    first. The message names the earliest first date they may ask for."""
    earliest = earliest_start(submitted_on, terms)
    if starts_on < earliest:
        raise RuleBroken(
            _(
                "The first date must be at least %(days)s working days after the day you "
                "send the request. The earliest you can ask for is %(earliest)s."
            )
            % {"days": terms.min_notice_working_days, "earliest": _day(earliest)},
            field="starts_on",
            code="too_soon",
        )
    if ends_on < starts_on:
        raise RuleBroken(
            _("The last date must be the same as or after the first date"),
            field="ends_on",
            code="ends_before_start",
        )


def check_people_wanted(people_wanted: int) -> None:
    if not 1 <= people_wanted <= MAX_PEOPLE_WANTED:
        raise RuleBroken(
            _("Enter a number of people from 1 to %(max)s") % {"max": MAX_PEOPLE_WANTED},
            field="people_wanted",
            code="people_out_of_range",
        )


def check_material(name: str, head: bytes, size: int) -> str:
    """The content type to store for a request's material, or RuleBroken on "material": a
    PDF or a video, not empty, within the size limit, whose first bytes match its name."""
    suffix = PurePosixPath(name or "").suffix.lower()
    if suffix not in MATERIAL_TYPES:
        raise RuleBroken(
            _("The file must be a PDF or a video (MP4, MOV or WEBM)"),
            field="material",
            code="material_type",
        )
    if size == 0:
        raise RuleBroken(_("The selected file is empty"), field="material", code="material_empty")
    limit = material_max_bytes()
    if size > limit:
        raise RuleBroken(
            _("The file must be smaller than %(size)s MB") % {"size": limit // (1024 * 1024)},
            field="material",
            code="material_too_big",
        )
    magic = _MATERIAL_MAGIC.get(suffix)
    wrong = (magic is not None and not head.startswith(magic)) or (
        suffix in _FTYP_SUFFIXES and head[4:8] != b"ftyp"
    )
    if wrong:
        raise RuleBroken(
            _("The file is not the type its name says. Check it and try again."),
            field="material",
            code="material_mismatch",
        )
    return MATERIAL_TYPES[suffix]


def may_resubmit(request: PartnerRequest) -> bool:
    """The partner may change and send a request again only while changes are asked for."""
    return request.status == RequestStatus.CHANGES_REQUESTED


def may_withdraw(request: PartnerRequest) -> bool:
    """A request may be withdrawn until it is approved or declined."""
    return request.status in (RequestStatus.SUBMITTED, RequestStatus.CHANGES_REQUESTED)


def may_decide(request: PartnerRequest) -> bool:
    """The programme team decides on a request that is waiting for a decision."""
    return request.status == RequestStatus.SUBMITTED


def is_overdue(request: PartnerRequest, today: date) -> bool:
    """Waiting for a decision after the day it was due."""
    return may_decide(request) and request.decide_by < today


def check_resubmit(request: PartnerRequest) -> None:
    if not may_resubmit(request):
        raise RuleBroken(
            _("You can only change a request when the programme team has asked for changes"),
            code="not_changes_requested",
        )


def check_withdraw(request: PartnerRequest) -> None:
    if not may_withdraw(request):
        raise RuleBroken(
            _("This request has been decided, so it can no longer be withdrawn"),
            code="decided",
        )


def check_decide(request: PartnerRequest) -> None:
    if not may_decide(request):
        raise RuleBroken(
            _("This request is not waiting for a decision"), code="not_waiting_for_decision"
        )


# Opportunities and invitations ----------------------------------------------------------
# (services/opportunities.py, services/invitations.py)

# An invitation's answers: who has said yes (and may withdraw), and what each answer allows.
YES_STATUSES = frozenset(
    {
        InvitationStatus.ACCEPTED,
        InvitationStatus.SELECTED,
        InvitationStatus.RESERVE,
    }
)


def check_request_approved(opportunity: Opportunity) -> None:
    """An opportunity made from a partner's request: nobody is contacted, and it does not
    open, unless the request is approved."""
    request = opportunity.request
    if request is not None and request.status != RequestStatus.APPROVED:
        raise RuleBroken(
            _("The partner's request is not approved, so nobody can be asked yet"),
            code="request_not_approved",
        )


def check_dates(*, opens_at: datetime, closes_at: datetime) -> None:
    if closes_at <= opens_at:
        raise RuleBroken(
            _("The closing date must be after the opening date"),
            field="closes_on",
            code="closes_before_opens",
        )


def check_may_open(opportunity: Opportunity, *, now: datetime) -> None:
    """A draft (or closed) opportunity opens only from an approved request, if it has one,
    and only between its opening and closing times."""
    if opportunity.status not in (OpportunityStatus.DRAFT, OpportunityStatus.CLOSED):
        raise RuleBroken(_("This opportunity is already open or finished"), code="not_draft")
    check_request_approved(opportunity)
    if now < opportunity.opens_at:
        raise RuleBroken(
            _("It cannot open before its opening date, %(day)s")
            % {"day": _day(timezone.localtime(opportunity.opens_at).date())},
            code="before_opens",
        )
    if now >= opportunity.closes_at:
        raise RuleBroken(
            _("Its closing date has passed. Change the dates first."), code="after_closes"
        )


def check_may_close(opportunity: Opportunity) -> None:
    if opportunity.status != OpportunityStatus.OPEN:
        raise RuleBroken(_("Only an open opportunity can be closed"), code="not_open")


def may_invite(opportunity: Opportunity, *, now: datetime) -> bool:
    return (
        opportunity.status == OpportunityStatus.OPEN
        and opportunity.opens_at <= now < opportunity.closes_at
        and (opportunity.request is None or opportunity.request.status == RequestStatus.APPROVED)
    )


def check_may_invite(opportunity: Opportunity, *, now: datetime) -> None:
    """Invitations go only for an open opportunity, before it closes, from an approved
    request if it has one."""
    check_request_approved(opportunity)
    if opportunity.status != OpportunityStatus.OPEN or not (
        opportunity.opens_at <= now < opportunity.closes_at
    ):
        raise RuleBroken(
            _("People can only be invited while the opportunity is open"), code="not_open"
        )


def check_may_accept(invitation: Invitation, *, now: datetime) -> None:
    """Yes, while the opportunity is open: to a first invitation, or after a no (a change
    of mind is welcome)."""
    _check_still_open(invitation, now=now)
    if invitation.status not in (InvitationStatus.INVITED, InvitationStatus.DECLINED):
        raise RuleBroken(_("You have already answered this invitation"), code="answered")


def check_may_decline(invitation: Invitation, *, now: datetime) -> None:
    _check_still_open(invitation, now=now)
    if invitation.status != InvitationStatus.INVITED:
        raise RuleBroken(_("You have already answered this invitation"), code="answered")


def may_withdraw_invitation(invitation: Invitation) -> bool:
    """Someone who said yes may withdraw at any point, without a reason."""
    return invitation.status in YES_STATUSES


def check_may_withdraw(invitation: Invitation) -> None:
    if not may_withdraw_invitation(invitation):
        raise RuleBroken(
            _("There is nothing to withdraw from: you have not said yes to this"),
            code="nothing_to_withdraw",
        )


def _check_still_open(invitation: Invitation, *, now: datetime) -> None:
    opportunity = invitation.opportunity
    if opportunity.status != OpportunityStatus.OPEN or now >= opportunity.closes_at:
        raise RuleBroken(_("This opportunity has closed"), code="closed")
