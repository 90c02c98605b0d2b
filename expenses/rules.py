"""What expenses allow: receipts (type by content, size), amounts, and which claims may
change. Rules raise ClaimRuleBroken with a message for the page."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from expenses.models import ClaimStatus, ExpenseClaim

# First bytes of each allowed receipt type: the content decides, not the name.
RECEIPT_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class ClaimRuleBroken(Exception):
    """A change the claim does not allow; str() is shown on the page, next to `field`
    (a form field name) when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def receipt_type(head: bytes, size: int) -> str:
    """The content type of a receipt from its first bytes, or ClaimRuleBroken."""
    if size == 0:
        raise ClaimRuleBroken(_("The selected file is empty."), field="receipt")
    limit = settings.EXPENSES_RECEIPT_MAX_BYTES
    if size > limit:
        raise ClaimRuleBroken(
            _("The receipt must be smaller than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            field="receipt",
        )
    for magic, content_type in RECEIPT_MAGIC:
        if head.startswith(magic):
            return content_type
    raise ClaimRuleBroken(_("The receipt must be a PDF, JPEG or PNG file."), field="receipt")


def check_amount(value: Decimal | str) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ClaimRuleBroken(
            _("Enter the amount in pounds, like 12.50."), field="amount"
        ) from None
    if amount <= 0:
        raise ClaimRuleBroken(_("The amount must be more than 0."), field="amount")
    if amount > settings.EXPENSES_MAX_CLAIM:
        raise ClaimRuleBroken(
            _("The amount must be %(max)s or less. Talk to the programme team about more.")
            % {"max": f"£{settings.EXPENSES_MAX_CLAIM}"},
            field="amount",
        )
    return amount


def check_decidable(claim: ExpenseClaim) -> None:
    if claim.status != ClaimStatus.SUBMITTED:
        raise ClaimRuleBroken(_("This claim has already been decided."))


def check_payable(claim: ExpenseClaim) -> None:
    if claim.status != ClaimStatus.APPROVED:
        raise ClaimRuleBroken(_("Only an approved claim can be marked as paid."))


def incentive_amount() -> Decimal:
    """The programme's rule: this much for each meeting attended (0 turns it off)."""
    return Decimal(str(settings.EXPENSES_INCENTIVE_PER_MEETING)).quantize(Decimal("0.01"))
