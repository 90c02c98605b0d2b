"""Reads for expenses: the member's own claims, the programme's queue, the finance export."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from expenses.models import ExpenseClaim, PendingReceipt
from forums.models import AttendanceStatus, Meeting, MembershipStatus


def claims_for_member(*, user: User) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(claimant=user).select_related("meeting", "forum")


def claimable_meetings(*, user: User) -> QuerySet[Meeting]:
    """Meetings of the member's forums that have taken place (newest first)."""
    from django.utils import timezone

    return (
        Meeting.objects.filter(
            forum__memberships__user=user,
            starts_at__lte=timezone.now(),
            cancelled_at__isnull=True,
        )
        .exclude(forum__memberships__status=MembershipStatus.LEFT)
        .select_related("forum")
        .order_by("-starts_at")
        .distinct()
    )


def claim_queue(*, status: str = "") -> QuerySet[ExpenseClaim]:
    """Every claim for the programme team, with what the list shows in one query."""
    claims = ExpenseClaim.objects.select_related(
        "forum", "meeting", "forum_membership__membership__application"
    )
    if status:
        claims = claims.filter(status=status)
    return claims


def finance_rows(*, status: str = "") -> list[list[object]]:
    """Only what finance needs: claim reference, member reference (the payee reference),
    meeting date, category, amount and status."""
    rows: list[list[object]] = []
    claims = ExpenseClaim.objects.order_by("created_at", "pk")
    if status:
        claims = claims.filter(status=status)
    for claim in claims.only(
        "pk", "member_ref", "meeting_date", "category", "amount", "status", "paid_at"
    ):
        rows.append(
            [
                claim.reference,
                claim.member_ref,
                claim.meeting_date,
                claim.get_category_display(),
                claim.amount,
                claim.get_status_display(),
                timezone.localdate(claim.paid_at) if claim.paid_at else None,
            ]
        )
    return rows


def attended_count(*, meeting: Meeting) -> int:
    return meeting.attendances.filter(status=AttendanceStatus.ATTENDED).count()


def pending_receipt_for(*, user: User, token: str) -> PendingReceipt | None:
    """The receipt `user` chose earlier on the claim form (by its random token), if still kept."""
    try:
        key = uuid.UUID(str(token))
    except ValueError:
        return None
    return PendingReceipt.objects.filter(owner=user, token=key).first()
