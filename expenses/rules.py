"""What expenses allow: receipts (type by content, size), amounts, and which claims may
change. Rules raise lib.rules.RuleBroken with a message for the page
(and the form field it concerns)."""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from expenses.models import ClaimStatus, ExpenseClaim
from lib.rules import RuleBroken

# First bytes of each allowed receipt type: the content decides, not the name.
RECEIPT_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def receipt_type(head: bytes, size: int) -> str:
    """The content type of a receipt from its first bytes, or RuleBroken."""
    if size == 0:
        raise RuleBroken(_("The selected file is empty."), field="receipt")
    limit = settings.EXPENSES_RECEIPT_MAX_BYTES
    if size > limit:
        raise RuleBroken(
            _("The receipt must be smaller than %(size)s MB.") % {"size": limit // (1024 * 1024)},
            field="receipt",
        )
    for magic, content_type in RECEIPT_MAGIC:
        if head.startswith(magic):
            return content_type
    raise RuleBroken(_("The receipt must be a PDF, JPEG or PNG file."), field="receipt")


# "12", "12.5", "12.50", "1,234.50": pounds, with commas only between groups of three.
_AMOUNT = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?|\.\d{1,2}")
# Spaces of every kind a phone keyboard or a copy and paste may bring.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def parse_amount(text: str) -> Decimal:
    """An amount of money as people write it: "12.50", "£12.50", "£ 1,234.50", " 12 ".
    A leading pound sign, commas between thousands and spaces are allowed; a minus sign,
    a decimal comma ("12,50"), more than two pence digits or anything else is refused
    with a message saying what to enter."""
    value = _SPACES.sub("", str(text)).removeprefix("£")
    if not value:
        raise RuleBroken(_("Enter how much you spent."), field="amount")
    if value.startswith(("-", "\u2212")) or value.endswith("-"):
        raise RuleBroken(
            _("The amount cannot be negative. Enter how much you spent, like 12.50."),
            field="amount",
        )
    if re.fullmatch(r"\d+\.\d{3,}", value.replace(",", "")):
        raise RuleBroken(
            _("Enter the amount in pounds and pence, with 2 digits for the pence, like 12.50."),
            field="amount",
        )
    if not _AMOUNT.fullmatch(value):
        raise RuleBroken(
            _("Enter the amount in pounds and pence, like 12.50 or £12.50."), field="amount"
        )
    return Decimal(value.replace(",", ""))


def check_amount(value: Decimal | str) -> Decimal:
    """The amount of a claim: as people write it (parse_amount), more than £0, at most
    EXPENSES_MAX_CLAIM."""
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise RuleBroken(
                _("Enter the amount in pounds and pence, like 12.50 or £12.50."), field="amount"
            )
        amount = value
    else:
        amount = parse_amount(value)
    if amount != amount.quantize(Decimal("0.01")):
        raise RuleBroken(
            _("Enter the amount in pounds and pence, with 2 digits for the pence, like 12.50."),
            field="amount",
        )
    amount = amount.quantize(Decimal("0.01"))
    if amount < 0:
        raise RuleBroken(
            _("The amount cannot be negative. Enter how much you spent, like 12.50."),
            field="amount",
        )
    if amount == 0:
        raise RuleBroken(_("The amount must be more than £0."), field="amount")
    if amount > settings.EXPENSES_MAX_CLAIM:
        raise RuleBroken(
            _("The amount must be %(max)s or less. Talk to the programme team about more.")
            % {"max": f"£{settings.EXPENSES_MAX_CLAIM}"},
            field="amount",
        )
    return amount


def check_another_journey(earlier: list[ExpenseClaim]) -> None:
    """A second travel claim for the same meeting may be right (there and back on different
    days, a journey for someone they care for), so it is asked about, not refused: the
    member confirms it is another journey (the `another_journey` field)."""
    if earlier:
        claimed = ", ".join(f"{claim.reference} (£{claim.amount})" for claim in earlier)
        raise RuleBroken(
            _(
                "You have already claimed for travel to this meeting: %(claims)s. If this is "
                "another journey, tick the box to say so and send the claim again."
            )
            % {"claims": claimed},
            field="another_journey",
        )


def check_decidable(claim: ExpenseClaim) -> None:
    if claim.status != ClaimStatus.SUBMITTED:
        raise RuleBroken(_("This claim has already been decided."))


def check_payable(claim: ExpenseClaim) -> None:
    if claim.status != ClaimStatus.APPROVED:
        raise RuleBroken(_("Only an approved claim can be marked as paid."))


def incentive_amount() -> Decimal:
    """The programme's rule: this much for each meeting attended (0 turns it off)."""
    return Decimal(str(settings.EXPENSES_INCENTIVE_PER_MEETING)).quantize(Decimal("0.01"))
