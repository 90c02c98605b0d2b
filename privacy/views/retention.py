"""The data protection officer's retention pages: the schedule and the purge receipts."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.access import role_required
from accounts.roles import Role
from privacy import selectors
from privacy.retention import registry

RECEIPTS_PAGE_SIZE = 50


def schedule_rows() -> list[dict[str, str]]:
    """The retention schedule, one row per rule, in the registry's order."""
    return [
        {
            "key": rule.key,
            "category": rule.category,
            "holds": rule.holds,
            "lawful_basis": rule.lawful_basis,
            "who_may_see": rule.who_may_see,
            "clock": rule.clock_text,
            "period": rule.period_text(),
            "action": rule.action,
            "reason": rule.reason,
        }
        for rule in registry.rules()
    ]


@role_required(Role.DATA_PROTECTION_OFFICER)
def retention_schedule(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/retention_schedule.html", {"rules": schedule_rows()})


@role_required(Role.DATA_PROTECTION_OFFICER)
def retention_receipts(request: HttpRequest) -> HttpResponse:
    receipts = selectors.retention_receipt_list()
    page = Paginator(receipts, RECEIPTS_PAGE_SIZE).get_page(request.GET.get("page"))
    categories = {rule.key: rule.category for rule in registry.rules()}
    rows = [
        {
            "receipt": receipt,
            "category": categories.get(receipt.rule, receipt.category),
            "started_at": timezone.localtime(receipt.run_started),
            "oldest": timezone.localtime(receipt.oldest_clock) if receipt.oldest_clock else None,
            "newest": timezone.localtime(receipt.newest_clock) if receipt.newest_clock else None,
        }
        for receipt in page.object_list
    ]
    return render(request, "privacy/retention_receipts.html", {"page": page, "rows": rows})
