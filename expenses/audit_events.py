"""The audit events of expenses: claims, receipts and payments (privacy/audit_events.py)."""

from django.utils.translation import gettext_lazy as _

from privacy.audit_events import Legacy, registry

events = registry.app("expenses", _("Expenses"))

CLAIM_SUBMITTED = events.add(
    "expenses.claim_submitted",
    _("Submitted an expense claim"),
    fields=["category", "amount", "description", "receipt"],
    was=["expense claimed"],
)
RECEIPT_KEPT = events.add(
    "expenses.receipt_kept",
    _("Kept a receipt for a claim"),
    fields=["file"],
    was=["receipt kept for a claim"],
)
RECEIPT_DISCARDED = events.add(
    "expenses.receipt_discarded",
    _("Removed a kept receipt"),
    fields=["file"],
    was=["kept receipt removed"],
)
CLAIM_APPROVED = events.add(
    "expenses.claim_approved",
    _("Approved an expense claim"),
    fields=["status"],
    was=["claim approved"],
)
CLAIM_REJECTED = events.add(
    "expenses.claim_rejected",
    _("Rejected an expense claim"),
    fields=["status", "reason"],
    was=["claim rejected"],
)
CLAIM_PAID = events.add(
    "expenses.claim_paid",
    _("Marked an expense claim as paid"),
    fields=["status"],
    was=["claim paid"],
)
INCENTIVE_GENERATED = events.add(
    "expenses.incentive_generated",
    _("Added an incentive payment"),
    fields=["amount"],
    was=["incentive generated"],
)
RECEIPT_VIEWED = events.add(
    "expenses.receipt_viewed",
    _("Viewed the receipt of an expense claim"),
    reads_identity=True,
    was=[Legacy("view_identity", "receipt viewed")],
)
FINANCE_EXPORTED = events.add(
    "expenses.finance_exported",
    _("Exported expense claims for payment"),
    reads_identity=True,
    was=[Legacy("view_identity", "finance export of ", prefix=True)],
)
