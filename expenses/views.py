"""Expenses: members claim for meetings of their forum; the programme team approves,
rejects with a reason, marks paid and exports for finance. Receipts are served only
through `receipt`, to the member who claimed and the programme team (404 otherwise)."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from expenses import rules, selectors, services
from expenses.access import get_claim_for_user
from expenses.forms import ClaimForm, DecisionForm
from expenses.models import ClaimStatus, ExpenseClaim
from lib.rules import RuleBroken, form_rule_error
from lib.storage import stored_file_response

member_only = role_required(Role.MEMBER)
admin_only = role_required(Role.PROGRAMME_ADMIN)


@member_only
def mine(request: HttpRequest) -> HttpResponse:
    claims = list(selectors.claims_for_member(user=actor(request)))
    return render(request, "expenses/mine.html", {"claims": claims})


@member_only
def claim_new(request: HttpRequest) -> HttpResponse:
    """The claim form. A receipt chosen with a form that comes back with a mistake is kept
    (services.receipt_keep) and offered again by its token, so the member need not choose
    it again; a second travel claim for the same meeting is asked about, not refused."""
    user = actor(request)
    meetings = {m.pk: m for m in selectors.claimable_meetings(user=user)}
    choices = [
        (pk, date_format(timezone.localtime(m.starts_at), "j F Y") + f" – {m.forum.name}")
        for pk, m in meetings.items()
    ]
    posted = request.method == "POST"
    form = ClaimForm(
        request.POST if posted else None, request.FILES if posted else None, meetings=choices
    )
    pending = None
    if posted:
        pending = selectors.pending_receipt_for(
            user=user, token=request.POST.get("pending_receipt", "")
        )
        valid = form.is_valid()
        if pending is not None and form.cleaned_data.get("remove_receipt"):
            services.receipt_discard(actor=user, pending=pending)
            pending = None
        upload = request.FILES.get("receipt")
        if upload is not None and "receipt" not in form.errors:
            try:
                pending = services.receipt_keep(actor=user, upload=upload, replacing=pending)
            except RuleBroken as error:
                form_rule_error(form, error)
                valid = False
        if valid:
            try:
                services.claim_submit(
                    actor=user,
                    meeting=meetings[form.cleaned_data["meeting"]],
                    category=form.cleaned_data["category"],
                    amount=form.cleaned_data["amount"],
                    description=form.cleaned_data["description"],
                    pending_receipt=pending,
                    another_journey=form.cleaned_data["another_journey"],
                )
            except RuleBroken as error:
                form_rule_error(form, error)
            else:
                messages.success(request, _("Thank you. We have your claim."))
                return redirect("expenses:mine")
    ask_another_journey = "another_journey" in form.errors or bool(form.data.get("another_journey"))
    return render(
        request,
        "expenses/claim_form.html",
        {
            "form": form,
            "has_meetings": bool(choices),
            "pending": pending,
            "ask_another_journey": ask_another_journey,
        },
    )


@role_required(Role.MEMBER, Role.PROGRAMME_ADMIN)
def receipt(request: HttpRequest, claim_id: int) -> HttpResponse:
    user = actor(request)
    claim = get_claim_for_user(user, claim_id)
    if not claim.receipt:
        raise Http404
    services.receipt_viewed(actor=user, claim=claim)
    extension = rules.EXTENSIONS.get(claim.receipt_content_type, "")
    return stored_file_response(  # type: ignore[return-value]
        claim.receipt,
        filename=f"receipt-{claim.reference}{extension}",
        content_type=claim.receipt_content_type,
    )


# The programme team --------------------------------------------------------------------------


@admin_only
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ClaimStatus.SUBMITTED)
    if status not in ClaimStatus.values and status != "all":
        status = ClaimStatus.SUBMITTED
    claims = list(selectors.claim_queue(status="" if status == "all" else status)[:200])
    return render(
        request,
        "expenses/queue.html",
        {"claims": claims, "status": status, "statuses": ClaimStatus.choices},
    )


@admin_only
def claim_detail(request: HttpRequest, claim_id: int) -> HttpResponse:
    user = actor(request)
    claim = get_object_or_404(selectors.claim_queue(), pk=claim_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.claim_approve(actor=user, claim=claim)
            else:
                services.claim_reject(actor=user, claim=claim, reason=form.cleaned_data["reason"])
        except RuleBroken as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Decision saved."))
        return redirect("expenses:claim", claim.pk)
    return render(request, "expenses/claim.html", {"claim": claim, "form": form})


@admin_only
@require_POST
def claim_paid(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = get_object_or_404(ExpenseClaim, pk=claim_id)
    try:
        services.claim_mark_paid(actor=actor(request), claim=claim)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as paid."))
    return redirect("expenses:claim", claim.pk)


@admin_only
@require_POST
def incentives(request: HttpRequest) -> HttpResponse:
    made = services.incentives_generate_due(actor=actor(request))
    messages.success(
        request, _("%(n)s thank-you payments added for meetings attended.") % {"n": made}
    )
    return redirect("expenses:queue")


HEADERS = (
    "Claim reference",
    "Member reference",
    "Meeting date",
    "Category",
    "Amount (£)",
    "Status",
    "Paid on",
)


@admin_only
def export(request: HttpRequest) -> HttpResponse:
    """An Excel workbook for finance with only what finance needs (docs/expenses.md)."""
    from openpyxl import Workbook

    status = request.GET.get("status", "")
    if status not in ClaimStatus.values:
        status = ""
    rows = selectors.finance_rows(status=status)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Claims"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    for cell in sheet["E"][1:]:
        cell.number_format = "#,##0.00"
    for column in ("C", "G"):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    buffer = BytesIO()
    workbook.save(buffer)
    services.export_made(actor=actor(request), count=len(rows))
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="expenses-{day}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
