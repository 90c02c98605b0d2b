"""Times to take part, bookings and waiting lists, and consent to be recorded for training
material (docs/engagement.md, "Call testing, group discussions and interviews").

The programme team adds slots to a call testing session (by phone or online), a group
discussion (in person, with a venue, or online, with a link) or an interview. Someone who
said yes books a slot through their invitation's link: a place when one is left, else the
slot's waiting list. Places are counted under a lock on the slot's row, so two people
cannot take the last place at once. Nothing more is asked of anyone on a waiting list: the
details for the day (a number to ring, access arrangements) are asked for only once a place
is confirmed. When someone with a place cancels, the first on the waiting list gets it and
is told by their safe channel (safecontact.rules.check_attempt). The venue or link is sent
only to people with a confirmed place. Reminders go the day before.

An interview for training material needs its own consent first: what the recording is used
for, who sees it and until when consent can be withdrawn, kept as they were shown.
Withdrawing cancels their interview booking.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import require
from engagement.access import may_run_register
from engagement.audit_events import (
    BOOKING_CANCELLED,
    BOOKING_DETAILS_RECORDED,
    BOOKING_MADE,
    BOOKING_REMINDED,
    INTERVIEW_CONSENT_GIVEN,
    INTERVIEW_CONSENT_WITHDRAWN,
    PLACE_OFFERED,
    SLOT_ADDED,
    SLOT_REMOVED,
)
from engagement.models import (
    Booking,
    BookingStatus,
    InterviewConsent,
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    OpportunityStatus,
    ParticipantStatus,
    Slot,
    SlotMode,
)
from engagement.services.common import participant_tell
from lib.rules import RuleBroken
from privacy.audit import audit_record

# The kinds of opportunity people book a time for, and how each may be held.
MODES_FOR_KIND: dict[str, tuple[str, ...]] = {
    Kind.CALL_TESTING: (SlotMode.PHONE, SlotMode.ONLINE),
    Kind.GROUP_DISCUSSION: (SlotMode.IN_PERSON, SlotMode.ONLINE),
    Kind.INTERVIEW: (SlotMode.IN_PERSON, SlotMode.ONLINE, SlotMode.PHONE),
}
BOOKING_STATUSES = (InvitationStatus.ACCEPTED, InvitationStatus.SELECTED)
LIVE = (BookingStatus.CONFIRMED, BookingStatus.WAITING)
DETAILS_MAX_CHARS = 1000


def _when(slot: Slot, language: str) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    with translation.override(language or "en"):
        return f"{date_format(start, 'l j F Y')}, {date_format(start, 'H:i')}-{date_format(end, 'H:i')}"


def _how(slot: Slot, language: str) -> str:
    with translation.override(language or "en"):
        how = str(SlotMode(slot.mode).label)
        if slot.where:
            return f"{how}: {slot.where}"
        if slot.mode == SlotMode.PHONE:
            return f"{how}: " + _("we will ring you on the number you give us")
        return how


def _personalisation(booking: Booking) -> dict[str, str]:
    participant = booking.invitation.participant
    opportunity = booking.invitation.opportunity
    title = opportunity.title
    if participant.language == "cy" and opportunity.title_cy:
        title = opportunity.title_cy
    return {
        "title": title,
        "when": _when(booking.slot, participant.language),
        "how": _how(booking.slot, participant.language),
    }


# Slots (the programme team) -----------------------------------------------------------------


def slot_add(
    *,
    actor: Any,
    opportunity: Opportunity,
    starts_at: datetime,
    ends_at: datetime,
    mode: str,
    capacity: int,
    where: str = "",
) -> Slot:
    """A time to take part, with its number of places and its venue or joining link (kept
    encrypted, sent only to people with a confirmed place)."""
    require(may_run_register(actor))
    modes = MODES_FOR_KIND.get(opportunity.kind)
    if modes is None:
        raise RuleBroken(_("People do not book a time for this kind of opportunity."))
    if mode not in modes:
        raise RuleBroken(_("Select how people take part in this opportunity"), field="mode")
    if ends_at <= starts_at:
        raise RuleBroken(_("The end time must be after the start time"), field="end_time")
    if starts_at <= timezone.now():
        raise RuleBroken(_("The time must be in the future"), field="date")
    if capacity < 1:
        raise RuleBroken(_("There must be at least 1 place"), field="capacity")
    where = (where or "").strip()
    if mode == SlotMode.IN_PERSON and not where:
        raise RuleBroken(_("Enter the venue's name and address"), field="where")
    if mode == SlotMode.ONLINE and not where:
        raise RuleBroken(_("Enter the link to join"), field="where")
    with transaction.atomic():
        slot = Slot.objects.create(
            opportunity=opportunity,
            starts_at=starts_at,
            ends_at=ends_at,
            mode=mode,
            capacity=capacity,
            where=where,
        )
        audit_record(
            actor=actor,
            action=SLOT_ADDED,
            obj=slot,
            fields=["starts_at", "ends_at", "mode", "capacity", *(["where"] if where else [])],
            note=f"opportunity={opportunity.pk}",
        )
    return slot


def slot_remove(*, actor: Any, slot: Slot) -> None:
    """Remove a time nobody has booked (people with a booking are contacted first)."""
    require(may_run_register(actor))
    with transaction.atomic():
        locked = Slot.objects.select_for_update().get(pk=slot.pk)
        if locked.bookings.filter(status__in=LIVE).exists():
            raise RuleBroken(
                _(
                    "People have booked this time or are waiting for a place. Cancel their "
                    "bookings with them first."
                ),
                code="has_bookings",
            )
        audit_record(
            actor=actor,
            action=SLOT_REMOVED,
            obj=locked,
            fields=["slot"],
            note=f"opportunity={locked.opportunity_id}",
        )
        locked.delete()


# Bookings (the participant, through their invitation's link) ----------------------------


def live_booking(invitation: Invitation) -> Booking | None:
    """The invitation's booking that is not cancelled (a place or the waiting list)."""
    return (
        invitation.bookings.filter(status__in=LIVE)
        .select_related("slot")
        .order_by("created_at", "id")
        .first()
    )


def consent_in_force(invitation: Invitation) -> InterviewConsent | None:
    consent = InterviewConsent.objects.filter(invitation=invitation).first()
    if consent is None or consent.withdrawn_at is not None:
        return None
    return consent


def check_may_book(invitation: Invitation) -> None:
    """RuleBroken unless this invitation may book a time now."""
    opportunity = invitation.opportunity
    if opportunity.kind not in MODES_FOR_KIND:
        raise RuleBroken(_("There are no times to book for this opportunity."), code="no_slots")
    if opportunity.status != OpportunityStatus.OPEN:
        raise RuleBroken(_("This opportunity is not open for booking."), code="not_open")
    if invitation.participant.status == ParticipantStatus.LEFT:
        raise RuleBroken(_("This invitation is no longer open."), code="not_open")
    if invitation.status not in BOOKING_STATUSES:
        raise RuleBroken(
            _("You can book a time once you have said yes to the invitation."),
            code="not_accepted",
        )
    if opportunity.kind == Kind.INTERVIEW and consent_in_force(invitation) is None:
        raise RuleBroken(
            _("Before you book an interview, say whether you agree to be recorded."),
            code="consent_needed",
        )


def booking_make(*, invitation: Invitation, slot: Slot) -> Booking:
    """Book `slot` for `invitation`: a confirmed place when one is left (the venue or link
    is sent), else the waiting list (nothing more is asked for, nothing is sent)."""
    if slot.opportunity_id != invitation.opportunity_id:
        raise RuleBroken(_("Select a time"), field="slot")
    with transaction.atomic():
        # Lock the invitation (one booking at a time) and the slot (its places).
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("opportunity", "participant")
            .get(pk=invitation.pk)
        )
        check_may_book(invitation)
        locked = Slot.objects.select_for_update().get(pk=slot.pk)
        if locked.starts_at <= timezone.now():
            raise RuleBroken(_("That time has passed. Select another."), field="slot")
        if live_booking(invitation) is not None:
            raise RuleBroken(
                _("You already have a booking. Cancel it first to choose another time."),
                code="already_booked",
            )
        taken = locked.bookings.filter(status=BookingStatus.CONFIRMED).count()
        now = timezone.now()
        booking = Booking.objects.create(
            slot=locked,
            invitation=invitation,
            status=BookingStatus.CONFIRMED if taken < locked.capacity else BookingStatus.WAITING,
            created_at=now,
            confirmed_at=now if taken < locked.capacity else None,
        )
        told = False
        if booking.status == BookingStatus.CONFIRMED:
            message = participant_tell(
                participant=invitation.participant,
                template="engagement_booking_confirmed",
                personalisation=_personalisation(booking),
            )
            told = message is not None
        audit_record(
            actor=None,
            action=BOOKING_MADE,
            obj=booking,
            fields=["slot", "status", "confirmed_at", "told"],
            note=f"slot={locked.pk}; status={booking.status}; told={'yes' if told else 'no'}",
        )
    return booking


def _offer_first_waiting(slot: Slot) -> Booking | None:
    """Inside the slot's lock: give a free place to the first on its waiting list."""
    if slot.starts_at <= timezone.now():
        return None
    taken = slot.bookings.filter(status=BookingStatus.CONFIRMED).count()
    if taken >= slot.capacity:
        return None
    first = (
        slot.bookings.filter(status=BookingStatus.WAITING)
        .select_related("invitation__participant__safe_contact", "invitation__opportunity")
        .order_by("created_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = BookingStatus.CONFIRMED
    first.confirmed_at = timezone.now()
    first.save(update_fields=["status", "confirmed_at"])
    message = participant_tell(
        participant=first.invitation.participant,
        template="engagement_place_offered",
        personalisation=_personalisation(first),
    )
    told = message is not None
    audit_record(
        actor=None,
        action=PLACE_OFFERED,
        obj=first,
        fields=["status", "confirmed_at", "told"],
        note=f"slot={slot.pk}; told={'yes' if told else 'no'}",
    )
    return first


def booking_cancel(
    *, invitation: Invitation, booking: Booking, reason: str = "asked"
) -> Booking | None:
    """Cancel the invitation's booking (a place or a waiting-list spot). When a place is
    freed, the first on the waiting list gets it and is told: that booking, else None."""
    if booking.invitation_id != invitation.pk:
        raise RuleBroken(_("This is not your booking."), code="not_yours")
    with transaction.atomic():
        slot = Slot.objects.select_for_update().get(pk=booking.slot_id)
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.status == BookingStatus.CANCELLED:
            raise RuleBroken(_("This booking is already cancelled."), code="cancelled")
        was = locked.status
        locked.status = BookingStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_record(
            actor=None,
            action=BOOKING_CANCELLED,
            obj=locked,
            fields=["status", "reason"],
            note=f"slot={slot.pk}; was={was}; reason={reason}",
        )
        offered = _offer_first_waiting(slot) if was == BookingStatus.CONFIRMED else None
    booking.status = BookingStatus.CANCELLED
    return offered


def booking_details_record(
    *, invitation: Invitation, booking: Booking, phone: str = "", access: str = ""
) -> Booking:
    """The details for the day of a confirmed place: a number to ring them on (needed for
    call testing by phone) and any access arrangements. Never asked of the waiting list."""
    if booking.invitation_id != invitation.pk:
        raise RuleBroken(_("This is not your booking."), code="not_yours")
    phone = " ".join((phone or "").split())
    access = (access or "").strip()
    if booking.status != BookingStatus.CONFIRMED:
        raise RuleBroken(
            _("We ask for details only once your place is confirmed."), code="not_confirmed"
        )
    if booking.slot.mode == SlotMode.PHONE and not phone:
        raise RuleBroken(_("Enter a phone number we can ring you on"), field="phone")
    if phone and not all(ch.isdigit() or ch in " +()-" for ch in phone):
        raise RuleBroken(
            _("Enter a phone number, like 07700 900 982 or +44 7700 900 982"), field="phone"
        )
    if len(access) > DETAILS_MAX_CHARS:
        raise RuleBroken(
            _("Access arrangements must be %(n)s characters or fewer.") % {"n": DETAILS_MAX_CHARS},
            field="access",
        )
    with transaction.atomic():
        booking.details = json.dumps({"phone": phone, "access": access})
        booking.save(update_fields=["details"])
        audit_record(
            actor=None,
            action=BOOKING_DETAILS_RECORDED,
            obj=booking,
            fields=["details"],
            note=f"slot={booking.slot_id}",
        )
    return booking


def booking_details(booking: Booking) -> dict[str, str]:
    """The details given for a confirmed place: {"phone": ..., "access": ...}."""
    try:
        values = json.loads(booking.details or "{}")
    except ValueError:
        values = {}
    return {"phone": str(values.get("phone", "")), "access": str(values.get("access", ""))}


def _due_reminders(now: datetime) -> QuerySet[Booking]:
    """Confirmed places starting before the end of tomorrow (London time), not reminded."""
    day_after = timezone.localdate(now) + timedelta(days=2)
    until = timezone.make_aware(datetime.combine(day_after, time.min))
    return Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lt=until,
        slot__opportunity__status=OpportunityStatus.OPEN,
    ).select_related("slot", "invitation__opportunity", "invitation__participant__safe_contact")


def booking_remind_due() -> int:
    """Remind everyone with a confirmed place that starts tomorrow (or sooner, after a
    missed run), once each, by a channel that is safe now; how many were reminded. A
    booking whose channels are not safe at this hour waits for the next run."""
    now = timezone.now()
    reminded = 0
    for booking in _due_reminders(now):
        with transaction.atomic():
            locked = (
                Booking.objects.select_for_update()
                .filter(pk=booking.pk, reminded_at__isnull=True, status=BookingStatus.CONFIRMED)
                .first()
            )
            if locked is None:
                continue
            message = participant_tell(
                participant=booking.invitation.participant,
                template="engagement_booking_reminder",
                personalisation=_personalisation(booking),
            )
            told = message is not None
            if not told:
                continue
            locked.reminded_at = now
            locked.save(update_fields=["reminded_at"])
            audit_record(
                actor=None,
                action=BOOKING_REMINDED,
                obj=locked,
                fields=["reminded_at"],
                note=f"slot={booking.slot_id}",
            )
            reminded += 1
    return reminded


# Consent to be recorded for training material -------------------------------------------


def _withdraw_until_passed(day: Any) -> bool:
    return timezone.localdate() > day


def interview_consent_give(*, invitation: Invitation) -> InterviewConsent:
    """Record that they agree to be recorded, with what they were shown: what the recording
    is used for, who sees it and until when consent can be withdrawn."""
    opportunity = invitation.opportunity
    if opportunity.kind != Kind.INTERVIEW:
        raise RuleBroken(_("This opportunity is not an interview."), code="not_interview")
    if not (
        opportunity.recording_used_for
        and opportunity.recording_seen_by
        and opportunity.withdraw_until
    ):
        raise RuleBroken(
            _("This interview is not ready yet. Please try again later."), code="not_ready"
        )
    if invitation.status not in BOOKING_STATUSES or opportunity.status != OpportunityStatus.OPEN:
        raise RuleBroken(
            _("You can agree once you have said yes to the invitation."), code="not_accepted"
        )
    if _withdraw_until_passed(opportunity.withdraw_until):
        raise RuleBroken(_("This interview is no longer taking consent."), code="too_late")
    now = timezone.now()
    with transaction.atomic():
        consent, _made = InterviewConsent.objects.select_for_update().update_or_create(
            invitation=invitation,
            defaults={
                "used_for": opportunity.recording_used_for,
                "who_sees": opportunity.recording_seen_by,
                "withdraw_until": opportunity.withdraw_until,
                "consented_at": now,
                "withdrawn_at": None,
            },
        )
        audit_record(
            actor=None,
            action=INTERVIEW_CONSENT_GIVEN,
            obj=consent,
            fields=["used_for", "who_sees", "withdraw_until", "consented_at", "withdrawn_at"],
            note=f"invitation={invitation.pk}",
        )
    return consent


def interview_consent_withdraw(*, invitation: Invitation) -> InterviewConsent:
    """Withdraw consent to be recorded, until the date they were shown (RuleBroken after).
    Their interview booking is cancelled with it."""
    with transaction.atomic():
        consent = InterviewConsent.objects.select_for_update().filter(invitation=invitation).first()
        if consent is None or consent.withdrawn_at is not None:
            raise RuleBroken(_("You have not agreed to be recorded."), code="no_consent")
        if _withdraw_until_passed(consent.withdraw_until):
            raise RuleBroken(
                _("Consent could be withdrawn until %(day)s. Contact the programme team.")
                % {"day": date_format(consent.withdraw_until, "j F Y")},
                code="too_late",
            )
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        cancelled = 0
        for booking in invitation.bookings.filter(status__in=LIVE):
            booking_cancel(invitation=invitation, booking=booking, reason="consent_withdrawn")
            cancelled += 1
        audit_record(
            actor=None,
            action=INTERVIEW_CONSENT_WITHDRAWN,
            obj=consent,
            fields=["withdrawn_at", "bookings"],
            note=f"invitation={invitation.pk}; bookings_cancelled={cancelled}",
        )
    return consent
