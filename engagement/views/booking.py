"""Times to take part and bookings (docs/engagement.md, "Call testing, group discussions and
interviews").

The programme team: engagement/opportunities/<id>/slots/ (add and list),
engagement/slots/<id>/ (who has a place, with their details: an identity view, audited),
engagement/slots/<id>/remove/ (POST).

The participant, through their invitation's link: register/invitations/<token>/book/
(choose a time, or join its waiting list), .../details/ (only with a confirmed place),
.../book/cancel/, .../booking.ics, and for an interview .../consent/ and
.../consent/withdraw/ before anything is booked.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from icalendar import Calendar, Event

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement.access import get_opportunity_for_user
from engagement.forms.booking import BookForm, ConsentForm, DetailsForm, SlotForm
from engagement.models import Booking, BookingStatus, Invitation, Kind, Slot, SlotMode
from engagement.selectors.booking import (
    bookable_slots,
    slot_bookings,
    slot_for_team,
    slots_with_counts,
)
from engagement.services.booking import (
    MODES_FOR_KIND,
    booking_cancel,
    booking_details,
    booking_details_record,
    booking_make,
    check_may_book,
    consent_in_force,
    interview_consent_give,
    interview_consent_withdraw,
    live_booking,
    slot_add,
    slot_remove,
)
from engagement.views.material import in_language, invitation_or_404
from lib.rules import RuleBroken, form_rule_error
from privacy.audit import audit_identity_viewed

team_only = role_required(Role.PROGRAMME_ADMIN)

# The slot form's fields for the service's rule errors.
SLOT_FIELDS = {"date": "date-day"}


def when_text(slot: Slot) -> str:
    """ "Tuesday 3 March 2026, 18:00 to 19:00" in London time and the page's language."""
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return _("%(day)s, %(start)s to %(end)s") % {
        "day": date_format(start, "l j F Y"),
        "start": date_format(start, "H:i"),
        "end": date_format(end, "H:i"),
    }


# The programme team ---------------------------------------------------------------------


@never_cache
@team_only
def slots(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    modes = MODES_FOR_KIND.get(opportunity.kind, ())
    form = SlotForm(request.POST or None, modes=[(m, SlotMode(m).label) for m in modes])
    if request.method == "POST" and modes and form.is_valid():
        data = form.cleaned_data
        try:
            slot_add(
                actor=user,
                opportunity=opportunity,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                mode=data["mode"],
                capacity=data["capacity"],
                where=data["where"],
            )
        except RuleBroken as broken:
            field = SLOT_FIELDS.get(broken.field or "", broken.field)
            form_rule_error(form, RuleBroken(broken.message, field=field, code=broken.code))
        else:
            messages.success(request, _("The time is added."))
            return redirect("engagement:slots", opportunity_id=opportunity.pk)
    rows = [(slot, when_text(slot)) for slot in slots_with_counts(opportunity)]
    return render(
        request,
        "engagement/booking/slots.html",
        {"opportunity": opportunity, "rows": rows, "form": form, "bookable": bool(modes)},
    )


@never_cache
@team_only
def slot(request: HttpRequest, slot_id: int) -> HttpResponse:
    """Who has a place (name and details for the day) and how many are waiting."""
    user = actor(request)
    item = slot_for_team(viewer=user, slot_id=slot_id)
    bookings = slot_bookings(item)
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
    for booking in confirmed:
        audit_identity_viewed(viewer=user, person=booking.invitation.participant)
    return render(
        request,
        "engagement/booking/slot.html",
        {
            "slot": item,
            "when": when_text(item),
            "confirmed": [(b, booking_details(b)) for b in confirmed],
            "waiting": len(bookings) - len(confirmed),
        },
    )


@team_only
@require_POST
def slot_remove_view(request: HttpRequest, slot_id: int) -> HttpResponse:
    user = actor(request)
    item = slot_for_team(viewer=user, slot_id=slot_id)
    try:
        slot_remove(actor=user, slot=item)
    except RuleBroken as broken:
        messages.error(request, str(broken))
    else:
        messages.success(request, _("The time is removed."))
    return redirect("engagement:slots", opportunity_id=item.opportunity_id)


# The participant, through their invitation's link ---------------------------------------


def _bookable_invitation(token: str) -> Invitation:
    invitation = invitation_or_404(token)
    if invitation.opportunity.kind not in MODES_FOR_KIND:
        raise Http404
    return invitation


def _slot_label(slot: Slot) -> str:
    label = f"{when_text(slot)}: {SlotMode(slot.mode).label}"
    left = slot.capacity - slot.confirmed  # type: ignore[attr-defined]
    if left > 0:
        return label + " - " + _("%(n)s places left") % {"n": left}
    return label + " - " + _("full: join the waiting list")


@never_cache
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _bookable_invitation(token)
    opportunity = invitation.opportunity
    if opportunity.kind == Kind.INTERVIEW and consent_in_force(invitation) is None:
        return redirect("engagement:interview_consent", token=token)
    current = live_booking(invitation)
    blocked = ""
    try:
        check_may_book(invitation)
    except RuleBroken as broken:
        blocked = str(broken)
    choices = bookable_slots(opportunity)
    form = BookForm(request.POST or None, slots=[(str(s.pk), _slot_label(s)) for s in choices])
    if request.method == "POST" and not blocked and current is None and form.is_valid():
        chosen = next(s for s in choices if str(s.pk) == form.cleaned_data["slot"])
        try:
            booking = booking_make(invitation=invitation, slot=chosen)
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            if booking.status == BookingStatus.CONFIRMED:
                messages.success(request, _("Your place is booked."))
                return redirect("engagement:booking_details", token=token)
            messages.success(
                request,
                _(
                    "You are on the waiting list for this time. We will tell you if a place "
                    "comes up. We do not need anything else from you for now."
                ),
            )
            return redirect("engagement:book", token=token)
    return render(
        request,
        "engagement/booking/book.html",
        {
            "token": token,
            "title": in_language(opportunity, "title"),
            "opportunity": opportunity,
            "current": current,
            "current_when": when_text(current.slot) if current is not None else "",
            "confirmed": current is not None and current.status == BookingStatus.CONFIRMED,
            "blocked": blocked,
            "has_slots": bool(choices),
            "form": form,
            "interview": opportunity.kind == Kind.INTERVIEW,
        },
    )


def _confirmed_booking(invitation: Invitation) -> Booking | None:
    current = live_booking(invitation)
    if current is None or current.status != BookingStatus.CONFIRMED:
        return None
    return current


@never_cache
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, token: str) -> HttpResponse:
    """Details for the day: asked only once a place is confirmed (never of the waiting list)."""
    invitation = _bookable_invitation(token)
    current = _confirmed_booking(invitation)
    if current is None:
        return redirect("engagement:book", token=token)
    phone_needed = current.slot.mode == SlotMode.PHONE
    form = DetailsForm(
        request.POST or None, initial=booking_details(current), phone_needed=phone_needed
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking_details_record(
                invitation=invitation,
                booking=current,
                phone=form.cleaned_data["phone"],
                access=form.cleaned_data["access"],
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("Thank you. We have your details for the day."))
            return redirect("engagement:book", token=token)
    return render(
        request,
        "engagement/booking/details.html",
        {
            "token": token,
            "title": in_language(invitation.opportunity, "title"),
            "when": when_text(current.slot),
            "form": form,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _bookable_invitation(token)
    current = live_booking(invitation)
    if current is None:
        return redirect("engagement:book", token=token)
    if request.method == "POST":
        try:
            booking_cancel(invitation=invitation, booking=current)
        except RuleBroken as broken:
            messages.error(request, str(broken))
        else:
            messages.success(request, _("Your booking is cancelled."))
        return redirect("engagement:book", token=token)
    return render(
        request,
        "engagement/booking/cancel.html",
        {
            "token": token,
            "title": in_language(invitation.opportunity, "title"),
            "when": when_text(current.slot),
            "waiting": current.status == BookingStatus.WAITING,
        },
    )


def booking_calendar(booking: Booking, *, title: str) -> bytes:
    """The iCalendar file of a confirmed place: the title, the time and the venue or link,
    nothing about the person."""
    slot = booking.slot
    calendar = Calendar()
    calendar.add("prodid", "-//Victim Voice//Engagement register//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "victimvoice"
    event.add("uid", f"engagement-booking-{booking.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at)
    event.add("dtend", slot.ends_at)
    event.add("summary", title)
    if slot.mode == SlotMode.IN_PERSON and slot.where:
        event.add("location", " ".join(slot.where.split()))
    lines = [str(SlotMode(slot.mode).label)]
    if slot.mode == SlotMode.ONLINE and slot.where:
        lines.append(slot.where.strip())
    event.add("description", "\n".join(lines))
    calendar.add_component(event)
    return calendar.to_ical()


@require_GET
def ics(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _bookable_invitation(token)
    current = _confirmed_booking(invitation)
    if current is None:
        raise Http404
    body = booking_calendar(current, title=in_language(invitation.opportunity, "title"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="booking-{current.pk}.ics"'
    response["Cache-Control"] = "no-store, private"
    return response


# Consent to be recorded (interviews for training material) ------------------------------


def _interview_invitation(token: str) -> Invitation:
    invitation = invitation_or_404(token)
    if invitation.opportunity.kind != Kind.INTERVIEW:
        raise Http404
    return invitation


@never_cache
@require_http_methods(["GET", "POST"])
def interview_consent(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _interview_invitation(token)
    opportunity = invitation.opportunity
    consent = consent_in_force(invitation)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and consent is None and form.is_valid():
        if form.cleaned_data["answer"] == "no":
            return render(
                request,
                "engagement/booking/consent_not_given.html",
                {"token": token, "title": in_language(opportunity, "title")},
            )
        try:
            interview_consent_give(invitation=invitation)
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("Thank you. You can now choose a time for your interview."))
            return redirect("engagement:book", token=token)
    return render(
        request,
        "engagement/booking/consent.html",
        {
            "token": token,
            "title": in_language(opportunity, "title"),
            "consent": consent,
            # What they are shown now, or what they were shown when they agreed.
            "used_for": consent.used_for if consent else opportunity.recording_used_for,
            "who_sees": consent.who_sees if consent else opportunity.recording_seen_by,
            "withdraw_until": consent.withdraw_until if consent else opportunity.withdraw_until,
            "form": form,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interview_consent_withdraw_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _interview_invitation(token)
    consent = consent_in_force(invitation)
    if consent is None:
        return redirect("engagement:interview_consent", token=token)
    error = ""
    if request.method == "POST":
        try:
            interview_consent_withdraw(invitation=invitation)
        except RuleBroken as broken:
            error = str(broken)
        else:
            messages.success(
                request,
                _(
                    "You have withdrawn your consent. We will not record you, and any "
                    "interview you booked is cancelled."
                ),
            )
            return redirect("engagement:interview_consent", token=token)
    return render(
        request,
        "engagement/booking/consent_withdraw.html",
        {
            "token": token,
            "title": in_language(invitation.opportunity, "title"),
            "consent": consent,
            "error": error,
        },
        status=400 if error else 200,
    )
