"""Subject requests for expense claims (privacy/subjects.py, docs/subject-requests.md).

A member's claims are found through their account. Erasure anonymises a claim to what
finance must keep (the financial record: references, date, category, amount, status), and
deletes its receipt: the payment itself is a financial record kept for
EXPENSES_RETENTION_YEARS (expenses/retention.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from expenses.models import ExpenseClaim, PendingReceipt
from privacy.holds import is_held
from privacy.subjects import Counts, Match, Person, Provider, Section, model_fields, register


@register
class ExpensesProvider(Provider):
    name = "expenses"
    title = gettext_lazy("Expenses and thank-you payments")
    models = ("expenses.expenseclaim", "expenses.pendingreceipt")
    order = 40  # before forums (which deletes the forum membership)

    def for_user(self, user: Any) -> list[Match]:
        person = Person.for_user(user)
        return [
            self.match(claim, _("Claim %(ref)s") % {"ref": claim.reference}, person)
            for claim in ExpenseClaim.objects.filter(claimant=user)
        ] + [
            self.match(pending, _("A receipt chosen for a claim not yet sent"), person)
            for pending in PendingReceipt.objects.filter(owner=user)
        ]

    def export(self, match: Match) -> Section:
        claim: Any = match.get()
        if claim is None:
            return Section(match.description)
        if isinstance(claim, PendingReceipt):
            return Section(
                match.description,
                [(_("File name"), claim.original_name), *model_fields(claim, ["created_at"])],
            )
        fields = [(_("Claim reference"), claim.reference)]
        fields += model_fields(
            claim,
            [
                "meeting_date",
                "category",
                "amount",
                "description",
                "status",
                "reason",
                "created_at",
                "paid_at",
            ],
        )
        fields.append((_("Receipt"), _("Yes") if claim.receipt else _("No")))
        return Section(match.description, fields)

    def erase(self, match: Match) -> Counts:
        from expenses.services import claim_anonymise_batch

        claim = match.get()
        if claim is None:
            return Counts()
        if isinstance(claim, PendingReceipt):
            from expenses.services import pending_receipts_delete_batch

            pending_receipts_delete_batch(PendingReceipt.objects.filter(pk=claim.pk))
            return Counts(erased=1)
        if is_held(claim):
            return Counts(held=1)
        claim_anonymise_batch(ExpenseClaim.objects.filter(pk=claim.pk))
        return Counts(anonymised=1)
