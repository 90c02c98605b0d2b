"""Demo data for the member portal (a step of seed_demo, after the forums): the member
persona's proposal for their next meeting, a travel claim and a thank-you payment for
the last meeting they attended. Safe to run again; does nothing without the forums demo."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from expenses import services as expense_services
from expenses.models import ExpenseClaim
from forums import services as forum_services
from forums.models import AttendanceStatus, ForumMembership, MembershipStatus
from victimvoice.personas import PERSONAS_BY_KEY

DEMO_ITEM = "Being kept up to date after reporting"


def seed_member_portal() -> str:
    member = User.objects.filter(email=PERSONAS_BY_KEY["member"].email).first()
    admin = User.objects.filter(email=PERSONAS_BY_KEY["programme_admin"].email).first()
    fm = (
        ForumMembership.objects.filter(user=member)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("forum")
        .first()
        if member
        else None
    )
    if member is None or admin is None or fm is None:
        return "no member portal data (no forum for the member)"
    now = timezone.now()
    meetings = fm.forum.meetings.filter(cancelled_at__isnull=True)
    upcoming = meetings.filter(starts_at__gt=now).order_by("starts_at").first()
    if upcoming is not None and not upcoming.agenda_items.filter(proposed_by=member).exists():
        forum_services.agenda_item_propose(
            actor=member,
            meeting=upcoming,
            title=DEMO_ITEM,
            detail="Nobody called me back for weeks after I reported. What should happen?",
            content_note="Talks about waiting for news after a crime.",
        )
    last = meetings.filter(starts_at__lt=now).order_by("-starts_at").first()
    claims = ExpenseClaim.objects.filter(claimant=member)
    if last is not None and not claims.exclude(category="incentive").exists():
        expense_services.claim_submit(
            actor=member,
            meeting=last,
            category="travel",
            amount=Decimal("7.80"),
            description="Bus there and back",
        )
        if not last.attendances.filter(forum_membership=fm).exists():
            forum_services.attendance_record(
                actor=admin, meeting=last, forum_membership=fm, status=AttendanceStatus.ATTENDED
            )
        expense_services.incentives_generate(actor=admin, meeting=last)
    return f"{claims.count()} expense claims for the member"
