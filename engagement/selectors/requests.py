"""Reads of partner requests: the programme team's list and a partner's own (the
dashboard). Visibility comes from engagement.access.request_list_for."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from engagement.access import request_list_for
from engagement.models import PartnerRequest, RequestStatus


def request_queue(*, viewer: Any, today: date) -> QuerySet[PartnerRequest]:
    """The requests the viewer may see: overdue first (waiting for a decision after the day
    it was due), then the others waiting for a decision, then the rest; each group by the
    day a decision is due."""
    return (
        request_list_for(viewer)
        .select_related("organisation", "opportunity")
        .annotate(
            queue_group=Case(
                When(status=RequestStatus.SUBMITTED, decide_by__lt=today, then=Value(0)),
                When(status=RequestStatus.SUBMITTED, then=Value(1)),
                When(status=RequestStatus.CHANGES_REQUESTED, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("queue_group", "decide_by", "id")
    )


def partner_requests(*, viewer: Any) -> QuerySet[PartnerRequest]:
    """A partner's own organisation's requests, the latest sent first, with the opportunity
    each became (for the results' deadlines)."""
    return request_list_for(viewer).select_related("opportunity").order_by("-submitted_at", "-id")
