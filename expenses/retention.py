"""Retention of expense claims (privacy/retention.py, docs/expenses.md).

Financial records have their own period, EXPENSES_RETENTION_YEARS (default 6, as HMRC and
the finance team keep payment records). Until then a claim keeps its personal details only
as long as they are useful: a year after it is settled (paid or not approved) it is
anonymised to what finance needs – reference, member reference, forum, meeting date,
category, amount, status and when it was paid – and the receipt file is deleted. At the end
of the financial period the claim itself is deleted.
"""

from datetime import timedelta

from django.db.models import Q

from expenses.models import ClaimStatus
from privacy.retention import PUBLIC_TASK, RetentionRule, register

DETAIL_PERIOD = timedelta(days=365)


def _anonymise(queryset):  # type: ignore[no-untyped-def]
    from expenses.services import claim_anonymise_batch

    return claim_anonymise_batch(queryset)


register(
    RetentionRule(
        key="expenses.claim_details",
        model="expenses.ExpenseClaim",
        category="Expense claim details and receipts",
        holds=(
            "Who claimed, what for in their words, the receipt, and why a claim was not approved."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The member who claimed and the programme team.",
        clock="created_at",
        clock_text="when the claim was made (once it is paid or not approved)",
        period=DETAIL_PERIOD,
        action="anonymise",
        anonymiser=_anonymise,
        filter=Q(anonymised_at__isnull=True, status__in=[ClaimStatus.PAID, ClaimStatus.REJECTED]),
        reason=(
            "After a year a settled claim is not questioned; finance keeps only the amounts "
            "and references."
        ),
    )
)

register(
    RetentionRule(
        key="expenses.claims",
        model="expenses.ExpenseClaim",
        category="Expense and incentive payments (financial records)",
        holds=(
            "Claim reference, member reference, meeting date, category, amount, status and "
            "when it was paid."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The programme team and finance (through the export).",
        clock="created_at",
        clock_text="when the claim was made",
        period="EXPENSES_RETENTION_DAYS",
        reason=(
            "Financial records are kept for the period finance must keep them "
            "(setting EXPENSES_RETENTION_YEARS, 6 years by default)."
        ),
    )
)


def _delete_pending(queryset):  # type: ignore[no-untyped-def]
    from expenses.services import pending_receipts_delete_batch

    return pending_receipts_delete_batch(queryset)


register(
    RetentionRule(
        key="expenses.pending_receipts",
        model="expenses.PendingReceipt",
        category="Receipts chosen for a claim not yet sent",
        holds=(
            "A receipt a member chose on the claim form, kept while they correct a mistake "
            "elsewhere on the form, and the file's name."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The member who chose it.",
        clock="created_at",
        clock_text="when the receipt was chosen",
        period=timedelta(days=1),
        deleter=_delete_pending,
        reason=(
            "It is needed only while the member fills in the form; a claim sent takes the "
            "receipt with it, so one left behind was not wanted."
        ),
    )
)
