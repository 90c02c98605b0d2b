"""Reads of the booking pages: slots with their places taken and waiting, the times an
invited participant can choose from, and who has a place (for the programme team)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from engagement.access import may_run_register, opportunity_list_for
from engagement.models import Booking, BookingStatus, Opportunity, Slot


def slots_with_counts(opportunity: Opportunity) -> QuerySet[Slot]:
    """The opportunity's slots in time order, each with `confirmed` and `waiting` counts."""
    return opportunity.slots.annotate(
        confirmed=Count("bookings", filter=Q(bookings__status=BookingStatus.CONFIRMED)),
        waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    ).order_by("starts_at", "id")


def bookable_slots(opportunity: Opportunity) -> list[Slot]:
    """The slots still to come, each with its counts (full ones included: people may join
    their waiting list)."""
    return list(slots_with_counts(opportunity).filter(starts_at__gt=timezone.now()))


def slot_for_team(*, viewer: Any, slot_id: int) -> Slot:
    """A slot for the programme team, else Http404."""
    if not may_run_register(viewer):
        raise Http404
    found = (
        Slot.objects.select_related("opportunity")
        .filter(pk=slot_id, opportunity__in=opportunity_list_for(viewer))
        .first()
    )
    if found is None:
        raise Http404
    return found


def slot_bookings(slot: Slot) -> list[Booking]:
    """Who has a place and who is waiting, in the order they booked."""
    return list(
        slot.bookings.filter(status__in=(BookingStatus.CONFIRMED, BookingStatus.WAITING))
        .select_related("invitation__participant")
        .order_by("created_at", "id")
    )
