"""Expense and incentive rules: receipts checked by content and size, amounts, who may
claim for which meeting, the programme's decisions, and the incentive rule."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from expenses import rules, services
from expenses.models import ClaimCategory, ClaimStatus, ExpenseClaim
from forums import services as forum_services
from forums.models import AttendanceStatus
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.portal.fixtures import JPEG, PDF, PNG, claim, forum_b, meeting, member_place, receipt

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png")],
)
def test_a_receipt_type_is_decided_by_its_content(content, expected) -> None:
    assert rules.receipt_type(content[:16], len(content)) == expected


def test_a_file_named_like_a_pdf_that_is_not_one_is_refused(personas) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    with pytest.raises(RuleBroken, match="PDF, JPEG or PNG"):
        services.claim_submit(
            actor=personas["member"],
            meeting=past,
            category="travel",
            amount="5",
            receipt=receipt(b"MZ\x90\x00 not a pdf at all", "receipt.pdf"),
        )
    assert not ExpenseClaim.objects.exists()


def test_a_png_named_pdf_is_stored_as_a_png(personas) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    made = services.claim_submit(
        actor=personas["member"],
        meeting=past,
        category="care",
        amount="20",
        receipt=receipt(PNG, "scan.pdf"),
    )
    assert made.receipt_content_type == "image/png"
    assert made.receipt.name.endswith(".png")
    assert "scan" not in made.receipt.name  # no personal data in storage paths


def test_an_empty_or_too_large_receipt_is_refused(settings) -> None:
    with pytest.raises(RuleBroken, match="empty"):
        rules.receipt_type(b"", 0)
    settings.EXPENSES_RECEIPT_MAX_BYTES = 1024
    with pytest.raises(RuleBroken, match="smaller than"):
        rules.receipt_type(PDF, 2048)


@pytest.mark.parametrize("amount", ["0", "-3", "abc", "100000"])
def test_an_amount_must_be_positive_and_within_the_limit(amount) -> None:
    with pytest.raises(RuleBroken):
        rules.check_amount(amount)


def test_a_claim_waits_for_the_meeting_to_have_taken_place(personas) -> None:
    member_place(personas)
    future = meeting(personas, days=7)
    with pytest.raises(RuleBroken, match="taken place"):
        services.claim_submit(
            actor=personas["member"], meeting=future, category="travel", amount="3"
        )


def test_a_member_cannot_claim_for_another_forums_meeting(personas) -> None:
    member_place(personas)
    other = meeting(personas, days=-3, forum=forum_b(personas))
    with pytest.raises(PermissionDenied):
        services.claim_submit(
            actor=personas["member"], meeting=other, category="travel", amount="3"
        )


def test_a_member_cannot_claim_an_incentive_themselves(personas) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    with pytest.raises(RuleBroken):
        services.claim_submit(
            actor=personas["member"], meeting=past, category=ClaimCategory.INCENTIVE, amount="25"
        )


def test_a_claim_is_audited_and_carries_a_member_reference_not_a_name(personas) -> None:
    made = claim(personas)
    assert made.member_ref.startswith("M-")
    assert AuditEvent.objects.filter(object_id=str(made.pk), note="expense claimed").exists()


def test_the_programme_approves_then_marks_paid(personas) -> None:
    made = claim(personas)
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken):
        services.claim_mark_paid(actor=admin, claim=made)
    services.claim_approve(actor=admin, claim=made)
    paid = services.claim_mark_paid(actor=admin, claim=made)
    assert paid.status == ClaimStatus.PAID and paid.paid_at is not None
    with pytest.raises(RuleBroken):
        services.claim_approve(actor=admin, claim=paid)


def test_a_rejection_needs_a_reason(personas) -> None:
    made = claim(personas)
    admin = personas["programme_admin"]
    with pytest.raises(RuleBroken):
        services.claim_reject(actor=admin, claim=made, reason="  ")
    rejected = services.claim_reject(actor=admin, claim=made, reason="No receipt for a taxi.")
    assert rejected.status == ClaimStatus.REJECTED
    assert rejected.reason == "No receipt for a taxi."


@pytest.mark.parametrize("key", ["facilitator_forum_a", "police_lead", "member"])
def test_only_the_programme_team_decides(personas, key) -> None:
    made = claim(personas)
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=personas[key], claim=made)


def test_incentives_follow_the_programmes_rule_once_per_meeting_attended(
    personas, settings
) -> None:
    settings.EXPENSES_INCENTIVE_PER_MEETING = "30.00"
    fm = member_place(personas)
    admin = personas["programme_admin"]
    past = meeting(personas, days=-3)
    forum_services.attendance_record(
        actor=admin, meeting=past, forum_membership=fm, status=AttendanceStatus.ATTENDED
    )
    absent_meeting = meeting(personas, days=-10)
    forum_services.attendance_record(
        actor=admin, meeting=absent_meeting, forum_membership=fm, status=AttendanceStatus.ABSENT
    )
    assert services.incentives_generate_due(actor=admin) == 1
    assert services.incentives_generate_due(actor=admin) == 0
    incentive = ExpenseClaim.objects.get(category=ClaimCategory.INCENTIVE)
    assert incentive.amount == Decimal("30.00")
    assert incentive.meeting == past
    assert incentive.status == ClaimStatus.APPROVED
    assert incentive.claimant == personas["member"]


def test_an_incentive_of_zero_turns_the_rule_off(personas, settings) -> None:
    settings.EXPENSES_INCENTIVE_PER_MEETING = "0"
    fm = member_place(personas)
    admin = personas["programme_admin"]
    past = meeting(personas, days=-3)
    forum_services.attendance_record(
        actor=admin, meeting=past, forum_membership=fm, status=AttendanceStatus.ATTENDED
    )
    assert services.incentives_generate(actor=admin, meeting=past) == 0
