"""Writes for expenses and incentives. Every change is audited in its own transaction.

Each write records its own audit event (expenses/audit_events.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require_role
from accounts.models import User
from accounts.roles import Role
from expenses import audit_events as events
from expenses import rules
from expenses.models import (
    MEMBER_CATEGORIES,
    ClaimCategory,
    ClaimStatus,
    ExpenseClaim,
    PendingReceipt,
)
from forums.models import AttendanceStatus, ForumMembership, Meeting, MembershipStatus
from lib.rules import RuleBroken
from privacy.audit import audit_record


def member_ref(forum_membership: ForumMembership) -> str:
    """The payee reference finance uses instead of a name (docs/expenses.md)."""
    return f"M-{forum_membership.pk:05d}"


def _membership_of(actor: User, meeting: Meeting) -> ForumMembership:
    fm = (
        ForumMembership.objects.filter(forum_id=meeting.forum_id, user=actor)
        .exclude(status=MembershipStatus.LEFT)
        .first()
    )
    if fm is None:
        raise PermissionDenied
    return fm


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _earlier_travel(actor: User, meeting: Meeting) -> list[ExpenseClaim]:
    return list(
        ExpenseClaim.objects.filter(
            claimant=actor, meeting=meeting, category=ClaimCategory.TRAVEL
        ).exclude(status=ClaimStatus.REJECTED)
    )


@transaction.atomic
def claim_submit(
    *,
    actor: User,
    meeting: Meeting,
    category: str,
    amount: Decimal | str,
    description: str = "",
    receipt: UploadedFile | None = None,
    pending_receipt: PendingReceipt | None = None,
    another_journey: bool = False,
) -> ExpenseClaim:
    """A member claims an expense for a meeting of their forum that has taken place. The
    receipt is a file just uploaded, or one kept from an earlier try of the form
    (`pending_receipt`, then deleted). A second travel claim for the same meeting needs
    `another_journey` (a member may make two journeys; they are asked, not refused)."""
    fm = _membership_of(actor, meeting)
    if category not in MEMBER_CATEGORIES:
        raise RuleBroken(_("Choose what the claim is for."), field="category")
    if meeting.is_cancelled or meeting.starts_at > timezone.now():
        raise RuleBroken(_("You can claim once the meeting has taken place."), field="meeting")
    value = rules.check_amount(amount)
    if category == ClaimCategory.TRAVEL and not another_journey:
        rules.check_another_journey(_earlier_travel(actor, meeting))
    claim = ExpenseClaim(
        forum_id=meeting.forum_id,
        forum_membership=fm,
        claimant=actor,
        member_ref=member_ref(fm),
        meeting=meeting,
        meeting_date=timezone.localtime(meeting.starts_at).date(),
        category=category,
        amount=value,
        description=description.strip(),
    )
    if receipt is not None:
        content_type = rules.receipt_type(_head(receipt), receipt.size or 0)
        claim.receipt_content_type = content_type
        claim.receipt.save("receipt" + rules.EXTENSIONS[content_type], receipt, save=False)
    elif pending_receipt is not None:
        if pending_receipt.owner_id != actor.pk:
            raise PermissionDenied
        claim.receipt_content_type = pending_receipt.content_type
        with pending_receipt.file.open("rb") as kept:
            claim.receipt.save(
                "receipt" + rules.EXTENSIONS[pending_receipt.content_type],
                File(kept),
                save=False,
            )
    claim.save()
    audit_record(
        actor=actor,
        action=events.CLAIM_SUBMITTED,
        obj=claim,
        fields=["category", "amount", "description", "receipt"],
        note="expense claimed",
    )
    if pending_receipt is not None:
        _pending_delete(pending_receipt)
    return claim


# Receipts kept while a claim form has mistakes ------------------------------------------------


def _pending_delete(pending: PendingReceipt) -> None:
    """Delete the row now and the file once the transaction has committed."""
    name, storage = pending.file.name, pending.file.storage
    pending.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def receipt_keep(
    *, actor: User, upload: UploadedFile, replacing: PendingReceipt | None = None
) -> PendingReceipt:
    """Keep a receipt chosen on a claim form (checked as a receipt is) so that the member
    need not choose it again when the form comes back with a mistake elsewhere. It replaces
    the one kept before, if any. Kept at most a day (expenses/retention.py)."""
    content_type = rules.receipt_type(_head(upload), upload.size or 0)
    pending = PendingReceipt(
        owner=actor,
        original_name=PurePath(upload.name or "").name[-255:] or "receipt",
        content_type=content_type,
    )
    pending.file.save("receipt" + rules.EXTENSIONS[content_type], upload, save=False)
    pending.save()
    audit_record(
        actor=actor,
        action=events.RECEIPT_KEPT,
        obj=pending,
        fields=["file"],
        note="receipt kept for a claim",
    )
    if replacing is not None:
        receipt_discard(actor=actor, pending=replacing)
    return pending


@transaction.atomic
def receipt_discard(*, actor: User, pending: PendingReceipt) -> None:
    """The member removes a receipt they chose and have not sent."""
    if pending.owner_id != actor.pk:
        raise PermissionDenied
    audit_record(
        actor=actor,
        action=events.RECEIPT_DISCARDED,
        obj=pending,
        fields=["file"],
        note="kept receipt removed",
    )
    _pending_delete(pending)


def pending_receipts_delete_batch(queryset: object) -> int:
    """Retention (expenses/retention.py): receipts kept for a claim that was never sent."""
    pending = list(queryset)  # type: ignore[call-overload]
    for item in pending:
        if item.file:
            item.file.delete(save=False)
    deleted, _per_model = PendingReceipt.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return deleted


def _locked(claim: ExpenseClaim) -> ExpenseClaim:
    return ExpenseClaim.objects.select_for_update().get(pk=claim.pk)


@transaction.atomic
def claim_approve(*, actor: User, claim: ExpenseClaim) -> ExpenseClaim:
    require_role(actor, Role.PROGRAMME_ADMIN)
    claim = _locked(claim)
    rules.check_decidable(claim)
    claim.status = ClaimStatus.APPROVED
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=events.CLAIM_APPROVED,
        obj=claim,
        fields=["status"],
        note="claim approved",
    )
    return claim


@transaction.atomic
def claim_reject(*, actor: User, claim: ExpenseClaim, reason: str) -> ExpenseClaim:
    require_role(actor, Role.PROGRAMME_ADMIN)
    claim = _locked(claim)
    rules.check_decidable(claim)
    if not reason.strip():
        raise RuleBroken(_("Say why the claim is not approved."), field="reason")
    claim.status = ClaimStatus.REJECTED
    claim.reason = reason.strip()
    claim.decided_by = actor
    claim.decided_at = timezone.now()
    claim.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=events.CLAIM_REJECTED,
        obj=claim,
        fields=["status", "reason"],
        note="claim rejected",
    )
    return claim


@transaction.atomic
def claim_mark_paid(*, actor: User, claim: ExpenseClaim) -> ExpenseClaim:
    require_role(actor, Role.PROGRAMME_ADMIN)
    claim = _locked(claim)
    rules.check_payable(claim)
    claim.status = ClaimStatus.PAID
    claim.paid_at = timezone.now()
    claim.save(update_fields=["status", "paid_at"])
    audit_record(
        actor=actor, action=events.CLAIM_PAID, obj=claim, fields=["status"], note="claim paid"
    )
    return claim


@transaction.atomic
def incentives_generate(*, actor: User | None, meeting: Meeting) -> int:
    """The programme's rule: one thank-you payment (approved, to be paid) for each member
    recorded as attending `meeting`. Running it again adds none twice."""
    if actor is not None:
        require_role(actor, Role.PROGRAMME_ADMIN)
    amount = rules.incentive_amount()
    if amount <= 0 or meeting.is_cancelled:
        return 0
    done = set(
        ExpenseClaim.objects.filter(meeting=meeting, category=ClaimCategory.INCENTIVE).values_list(
            "forum_membership_id", flat=True
        )
    )
    made = 0
    day = timezone.localtime(meeting.starts_at).date()
    for attendance in meeting.attendances.filter(status=AttendanceStatus.ATTENDED).select_related(
        "forum_membership"
    ):
        fm = attendance.forum_membership
        if fm.pk in done:
            continue
        claim = ExpenseClaim.objects.create(
            forum_id=meeting.forum_id,
            forum_membership=fm,
            claimant=fm.user,
            member_ref=member_ref(fm),
            meeting=meeting,
            meeting_date=day,
            category=ClaimCategory.INCENTIVE,
            amount=amount,
            status=ClaimStatus.APPROVED,
            decided_at=timezone.now(),
            decided_by=actor,
        )
        audit_record(
            actor=actor,
            action=events.INCENTIVE_GENERATED,
            obj=claim,
            fields=["amount"],
            note="incentive generated",
        )
        made += 1
    return made


def incentives_generate_due(*, actor: User) -> int:
    """Incentives for every past meeting with attendance recorded (the admin's button)."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    meetings = Meeting.objects.filter(
        starts_at__lte=timezone.now(),
        cancelled_at__isnull=True,
        attendances__status=AttendanceStatus.ATTENDED,
    ).distinct()
    return sum(incentives_generate(actor=actor, meeting=m) for m in meetings)


def receipt_viewed(*, actor: User, claim: ExpenseClaim) -> None:
    audit_record(actor=actor, action=events.RECEIPT_VIEWED, obj=claim, note="receipt viewed")


def export_made(*, actor: User, count: int) -> None:
    audit_record(
        actor=actor, action=events.FINANCE_EXPORTED, note=f"finance export of {count} claims"
    )


def claim_anonymise_batch(queryset: object) -> int:
    """Retention (expenses/retention.py): keep only what finance needs. The receipt file
    goes; the link to the member, the details and the reason are cleared."""
    claims = list(queryset)  # type: ignore[call-overload]
    for claim in claims:
        if claim.receipt:
            claim.receipt.delete(save=False)
    now = timezone.now()
    return ExpenseClaim.objects.filter(pk__in=[c.pk for c in claims]).update(
        forum_membership=None,
        claimant=None,
        description="",
        reason="",
        receipt="",
        receipt_content_type="",
        decided_by=None,
        anonymised_at=now,
    )
