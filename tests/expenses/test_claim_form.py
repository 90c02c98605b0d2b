"""The member's claim form: amounts as people write them, a receipt kept when the form comes
back with a mistake, and a second travel claim for the same meeting asked about, not
refused (expenses/rules.py, expenses/views.py)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from expenses import rules, services
from expenses.models import ClaimStatus, ExpenseClaim, PendingReceipt
from lib.rules import RuleBroken
from privacy.purge import purge_expired
from tests.portal.fixtures import PDF, PNG, claim, meeting, member_place, receipt

pytestmark = pytest.mark.django_db


def _errors(response: Any) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [" ".join(li.get_text().split()) for li in page.select(".govuk-error-summary li")]


def _post(client: Any, past: Any, **fields: Any) -> Any:
    data = {"meeting": past.pk, "category": "care", "amount": "12.50", **fields}
    return client.post(reverse("expenses:claim_new"), data)


# Amounts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("12.50", "12.50"),
        ("£12.50", "12.50"),
        (" £ 12.50 ", "12.50"),
        ("£12", "12.00"),
        ("12.5", "12.50"),
        ("£1,234.50", "1234.50"),
        ("1 234.50", "1234.50"),
        ("12\u00a0.50", "12.50"),
        (".50", "0.50"),
    ],
)
def test_an_amount_is_read_as_people_write_it(written: str, amount: str) -> None:
    assert rules.parse_amount(written) == Decimal(amount)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("-5", "cannot be negative"),
        ("£-5", "cannot be negative"),
        ("\u22125.00", "cannot be negative"),
        ("5-", "cannot be negative"),
        ("twelve", "like 12.50 or £12.50"),
        ("12,50", "like 12.50 or £12.50"),
        ("1,23.50", "like 12.50 or £12.50"),
        ("12.5.0", "like 12.50 or £12.50"),
        ("1e3", "like 12.50 or £12.50"),
        ("NaN", "like 12.50 or £12.50"),
        ("Infinity", "like 12.50 or £12.50"),
        ("$12", "like 12.50 or £12.50"),
        ("££12", "like 12.50 or £12.50"),
        ("12.505", "2 digits for the pence"),
        ("£", "Enter how much you spent"),
        ("0", "more than £0"),
        ("£0.00", "more than £0"),
        ("100000", "or less"),
    ],
)
def test_an_amount_that_is_not_money_is_refused_with_what_to_enter(
    written: str, message: str
) -> None:
    with pytest.raises(RuleBroken, match=message.replace(".", r"\.")):
        rules.check_amount(written)


def test_the_form_takes_an_amount_with_a_pound_sign(client_as: Any, personas: Any) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    response = _post(client_as("member"), past, amount="£12.50")
    assert response.status_code == 302
    assert ExpenseClaim.objects.get().amount == Decimal("12.50")


def test_the_form_refuses_a_negative_amount_and_says_why(client_as: Any, personas: Any) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    response = _post(client_as("member"), past, amount="£-12.50")
    assert response.status_code == 200
    assert _errors(response) == [
        "The amount cannot be negative. Enter how much you spent, like 12.50."
    ]
    # What they typed stays in the box.
    page = BeautifulSoup(response.content, "html.parser")
    amount = page.select_one("#id_amount")
    assert amount is not None
    assert amount["value"] == "£-12.50"
    assert not ExpenseClaim.objects.exists()


# The receipt, kept across a mistake ----------------------------------------------------------


def test_a_receipt_chosen_with_a_mistake_elsewhere_is_kept_and_sent_with_the_claim(
    client_as: Any, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    client = client_as("member")
    response = _post(client, past, amount="", receipt=receipt(PDF, "bus-ticket.pdf"))
    assert response.status_code == 200
    assert _errors(response) == ["Enter how much you spent"]
    page = BeautifulSoup(response.content, "html.parser")
    assert "You uploaded bus-ticket.pdf." in page.get_text()
    kept = PendingReceipt.objects.get()
    assert kept.owner == personas["member"]
    pending = page.select_one('input[name="pending_receipt"]')
    assert pending is not None
    assert pending["value"] == str(kept.token)
    assert "bus-ticket" not in kept.file.name  # the stored name is random

    # Corrected, without choosing the file again.
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, past, pending_receipt=str(kept.token))
    assert response.status_code == 302
    made = ExpenseClaim.objects.get()
    assert made.receipt_content_type == "application/pdf"
    with made.receipt.open("rb") as fh:
        assert fh.read() == PDF
    assert not PendingReceipt.objects.exists()
    assert not kept.file.storage.exists(kept.file.name)


def test_a_kept_receipt_can_be_removed_or_replaced(client_as: Any, personas: Any) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    client = client_as("member")
    _post(client, past, amount="x", receipt=receipt(PDF, "first.pdf"))
    first = PendingReceipt.objects.get()
    # Another file replaces it (and the amount is still wrong).
    response = _post(
        client, past, amount="y", pending_receipt=str(first.token), receipt=receipt(PNG, "b.png")
    )
    assert "You uploaded b.png." in response.content.decode()
    second = PendingReceipt.objects.get()
    assert second.content_type == "image/png"
    # Removed: the claim goes without a receipt.
    response = _post(client, past, pending_receipt=str(second.token), remove_receipt="on")
    assert response.status_code == 302
    assert not ExpenseClaim.objects.get().receipt
    assert not PendingReceipt.objects.exists()


def test_another_members_kept_receipt_cannot_be_used(client_as: Any, personas: Any) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    someone_else = services.receipt_keep(actor=personas["programme_admin"], upload=receipt())
    response = _post(client_as("member"), past, pending_receipt=str(someone_else.token))
    assert response.status_code == 302
    assert not ExpenseClaim.objects.get().receipt
    assert PendingReceipt.objects.filter(pk=someone_else.pk).exists()


def test_a_kept_receipt_never_sent_is_deleted_after_a_day(personas: Any) -> None:
    old = services.receipt_keep(actor=personas["member"], upload=receipt())
    new = services.receipt_keep(actor=personas["member"], upload=receipt())
    PendingReceipt.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=1, minutes=1)
    )
    purge_expired(rules=["expenses.pending_receipts"])
    assert list(PendingReceipt.objects.all()) == [new]
    assert not old.file.storage.exists(old.file.name)


# A second travel claim for the same meeting -------------------------------------------------


def test_a_second_travel_claim_for_a_meeting_is_asked_about_then_accepted(
    client_as: Any, personas: Any
) -> None:
    first = claim(personas)  # travel, with a receipt
    client = client_as("member")
    data = {"category": "travel", "amount": "4.20", "receipt": receipt(PDF, "return.pdf")}
    response = _post(client, first.meeting, **data)
    assert response.status_code == 200
    [error] = _errors(response)
    assert f"You have already claimed for travel to this meeting: {first.reference}" in error
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_another_journey") is not None
    assert ExpenseClaim.objects.count() == 1
    kept = PendingReceipt.objects.get()

    response = _post(
        client,
        first.meeting,
        category="travel",
        amount="4.20",
        another_journey="on",
        pending_receipt=str(kept.token),
    )
    assert response.status_code == 302
    second = ExpenseClaim.objects.exclude(pk=first.pk).get()
    assert second.amount == Decimal("4.20") and second.receipt


def test_no_question_for_care_or_after_a_travel_claim_was_not_approved(
    client_as: Any, personas: Any
) -> None:
    first = claim(personas)
    client = client_as("member")
    assert _post(client, first.meeting, category="care").status_code == 302
    ExpenseClaim.objects.filter(pk=first.pk).update(status=ClaimStatus.REJECTED)
    assert _post(client, first.meeting, category="travel").status_code == 302
    assert ExpenseClaim.objects.count() == 3


def test_the_service_asks_too(personas: Any) -> None:
    first = claim(personas)
    with pytest.raises(RuleBroken) as refused:
        services.claim_submit(
            actor=personas["member"], meeting=first.meeting, category="travel", amount="3"
        )
    assert refused.value.field == "another_journey"
    services.claim_submit(
        actor=personas["member"],
        meeting=first.meeting,
        category="travel",
        amount="3",
        another_journey=True,
    )
