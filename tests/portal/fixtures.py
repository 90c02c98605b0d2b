"""Helpers for the portal, wellbeing and expenses tests (and their access declarations):
the member persona made a member of forum A, with meetings past and to come."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from forums import services as forum_services
from forums.models import Forum, ForumMembership, Meeting

PDF = b"%PDF-1.4\n%fake receipt\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


def forum_a(p: dict[str, Any]) -> Forum:
    return p["facilitator_forum_a"].role_assignments.current().get().forums.get()


def forum_b(p: dict[str, Any]) -> Forum:
    return p["facilitator_partner"].role_assignments.current().get().forums.get()


def join(p: dict[str, Any], *, email: str, forum: Forum | None = None) -> ForumMembership:
    """A fictional applicant with `email` taken through vetting into `forum` (forum A)."""
    from recruitment import services as s
    from tests.recruitment.staff import make_application, to_vetting

    admin = p["programme_admin"]
    application = to_vetting(make_application(cohorts=("general",), email=email), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    membership = s.application_onboard(actor=admin, application=application)
    return forum_services.forum_member_join(
        actor=admin, forum=forum or forum_a(p), membership=membership
    )


def member_place(p: dict[str, Any]) -> ForumMembership:
    """The member persona's place in forum A (made once per test)."""
    fm = ForumMembership.objects.filter(user=p["member"]).first()
    return fm or join(p, email=p["member"].email)


def meeting(p: dict[str, Any], *, days: int = 14, forum: Forum | None = None) -> Meeting:
    """A meeting `days` from now (negative: in the past)."""
    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=abs(days)), datetime.min.time())
    ) + timedelta(hours=18)
    made = forum_services.meeting_schedule(
        actor=p["programme_admin"], forum=forum or forum_a(p), starts_at=start
    )
    if days < 0:
        Meeting.objects.filter(pk=made.pk).update(starts_at=start - timedelta(days=2 * abs(days)))
        made.refresh_from_db()
    return made


def receipt(content: bytes = PDF, name: str = "receipt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def claim(p: dict[str, Any], *, with_receipt: bool = True, amount: str = "12.50") -> Any:
    """A claim by the member persona for a past meeting of forum A."""
    from expenses.services import claim_submit

    member_place(p)
    past = meeting(p, days=-7)
    return claim_submit(
        actor=p["member"],
        meeting=past,
        category="travel",
        amount=Decimal(amount),
        description="Bus there and back",
        receipt=receipt() if with_receipt else None,
    )
