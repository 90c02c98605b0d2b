"""Expense pages: a member claims with a receipt and sees only their own claims; the
programme team decides, pays and exports for finance; receipts reach only the claimant and
the programme team; retention keeps only what finance needs; subject requests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from expenses import services
from expenses.models import ClaimStatus, ExpenseClaim
from privacy.purge import purge_expired
from privacy.selectors import export_document, user_group
from privacy.subjects import registry
from tests.portal.fixtures import PDF, claim, join, meeting, member_place, receipt

pytestmark = pytest.mark.django_db


def test_a_member_claims_with_a_receipt_from_the_form(client_as, personas) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    client = client_as("member")
    assert client.get(reverse("expenses:claim_new")).status_code == 200
    response = client.post(
        reverse("expenses:claim_new"),
        {
            "meeting": past.pk,
            "category": "travel",
            "amount": "8.40",
            "description": "Train",
            "receipt": receipt(),
        },
    )
    assert response.status_code == 302
    made = ExpenseClaim.objects.get()
    assert made.claimant == personas["member"]
    assert made.receipt_content_type == "application/pdf"
    page = client.get(reverse("expenses:mine")).content.decode()
    assert made.reference in page and "8.40" in page


def test_a_bad_receipt_is_shown_as_an_error_on_the_form(client_as, personas) -> None:
    member_place(personas)
    past = meeting(personas, days=-3)
    response = client_as("member").post(
        reverse("expenses:claim_new"),
        {
            "meeting": past.pk,
            "category": "care",
            "amount": "30",
            "receipt": receipt(b"GIF89a not allowed", "r.gif"),
        },
    )
    assert response.status_code == 200
    assert "PDF, JPEG or PNG" in response.content.decode()
    assert not ExpenseClaim.objects.exists()


def test_a_member_cannot_pick_another_forums_meeting(client_as, personas) -> None:
    from tests.portal.fixtures import forum_b

    member_place(personas)
    other = meeting(personas, days=-3, forum=forum_b(personas))
    response = client_as("member").post(
        reverse("expenses:claim_new"), {"meeting": other.pk, "category": "travel", "amount": "3"}
    )
    assert response.status_code == 200
    assert not ExpenseClaim.objects.exists()


def test_the_receipt_reaches_the_claimant_and_the_programme_team_only(
    client_as, client, personas
) -> None:
    made = claim(personas)
    url = reverse("expenses:receipt", args=[made.pk])
    mine = client_as("member").get(url)
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content).startswith(b"%PDF")
    assert "no-store" in mine["Cache-Control"]
    assert client_as("programme_admin").get(url).status_code == 200
    other = join(personas, email="sam.second@example.org")
    client.force_login(other.user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("expenses:mine")).content.decode().count("EXP-") == 0


def test_the_programme_team_rejects_with_a_reason_from_the_page(client_as, personas) -> None:
    made = claim(personas)
    client = client_as("programme_admin")
    url = reverse("expenses:claim", args=[made.pk])
    missing = client.post(url, {"decision": "reject", "reason": ""})
    assert "Say why the claim is not approved" in missing.content.decode()
    client.post(url, {"decision": "reject", "reason": "Outside the policy."})
    made.refresh_from_db()
    assert made.status == ClaimStatus.REJECTED
    assert (
        "Outside the policy." in client_as("member").get(reverse("expenses:mine")).content.decode()
    )


def test_the_programme_team_approves_and_marks_paid_from_the_page(client_as, personas) -> None:
    made = claim(personas)
    client = client_as("programme_admin")
    client.post(reverse("expenses:claim", args=[made.pk]), {"decision": "approve"})
    client.post(reverse("expenses:claim_paid", args=[made.pk]))
    made.refresh_from_db()
    assert made.status == ClaimStatus.PAID


def test_the_queue_makes_the_same_number_of_queries_with_more_claims(
    client_as, personas, django_assert_num_queries
) -> None:
    claim(personas)
    client = client_as("programme_admin")
    url = reverse("expenses:queue") + "?status=all"
    client.get(url)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)
    for _ in range(4):
        claim(personas, with_receipt=False)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)


# Sign-in, session, roles and MFA, then one query for the claims with members and forums.
QUEUE_QUERIES = 11


def test_the_members_list_makes_the_same_number_of_queries_with_more_claims(
    client_as, personas, django_assert_num_queries
) -> None:
    claim(personas)
    client = client_as("member")
    client.get(reverse("expenses:mine"))
    with django_assert_num_queries(MINE_QUERIES):
        client.get(reverse("expenses:mine"))
    for _ in range(3):
        claim(personas, with_receipt=False)
    with django_assert_num_queries(MINE_QUERIES):
        client.get(reverse("expenses:mine"))


# Sign-in, session and roles, then one query for the claims with their meetings.
MINE_QUERIES = 9


def test_the_finance_export_holds_only_what_finance_needs(client_as, personas) -> None:
    made = claim(personas)
    services.claim_approve(actor=personas["programme_admin"], claim=made)
    response = client_as("programme_admin").get(reverse("expenses:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Claim reference",
        "Member reference",
        "Meeting date",
        "Category",
        "Amount (£)",
        "Status",
        "Paid on",
    )
    assert rows[1][0] == made.reference
    assert rows[1][1] == made.member_ref
    assert float(rows[1][4]) == 12.5
    text = " ".join(str(v) for row in rows for v in row)
    member = personas["member"]
    assert member.email not in text
    assert "Bus there and back" not in text
    application_name = made.forum_membership.membership.application.full_name
    assert application_name and application_name not in text


def test_the_finance_export_gives_the_day_paid_in_london(personas) -> None:
    """Paid at half past midnight on 1 August (still 31 July in UTC): paid on 1 August."""
    from expenses.selectors import finance_rows

    made = claim(personas)
    services.claim_approve(actor=personas["programme_admin"], claim=made)
    with time_machine.travel(datetime(2027, 7, 31, 23, 30, tzinfo=UTC), tick=False):
        services.claim_mark_paid(actor=personas["programme_admin"], claim=made)
    [row] = [r for r in finance_rows() if r[0] == made.reference]
    assert row[6] == date(2027, 8, 1)


def test_retention_anonymises_settled_claims_to_what_finance_needs(personas) -> None:
    made = claim(personas)
    services.claim_approve(actor=personas["programme_admin"], claim=made)
    services.claim_mark_paid(actor=personas["programme_admin"], claim=made)
    ExpenseClaim.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(days=400))
    purge_expired(rules=["expenses.claim_details"])
    made.refresh_from_db()
    assert made.claimant is None and made.forum_membership is None
    assert made.description == "" and not made.receipt
    assert made.anonymised_at is not None
    assert made.amount and made.member_ref and made.status == ClaimStatus.PAID


def test_retention_keeps_financial_records_for_the_set_number_of_years(personas, settings) -> None:
    made = claim(personas)
    old = timezone.now() - timedelta(days=settings.EXPENSES_RETENTION_DAYS - 10)
    ExpenseClaim.objects.filter(pk=made.pk).update(created_at=old)
    purge_expired(rules=["expenses.claims"])
    assert ExpenseClaim.objects.filter(pk=made.pk).exists()
    ExpenseClaim.objects.filter(pk=made.pk).update(created_at=old - timedelta(days=20))
    purge_expired(rules=["expenses.claims"])
    assert not ExpenseClaim.objects.filter(pk=made.pk).exists()


def test_the_retention_period_defaults_to_six_years() -> None:
    from django.conf import settings

    assert settings.EXPENSES_RETENTION_YEARS == 6
    assert 6 * 365 <= settings.EXPENSES_RETENTION_DAYS <= 6 * 366


def test_a_subject_export_includes_the_claim_and_erasure_keeps_the_financial_record(
    personas,
) -> None:
    made = claim(personas)
    document = export_document(user_group(personas["member"]))
    expenses = next(p for p in document["providers"] if p["name"] == "expenses")
    assert expenses["records"][0]["title"] == f"Claim {made.reference}"
    provider = registry.provider("expenses")
    (match,) = provider.for_user(personas["member"])
    counts = provider.erase(match)
    assert counts.anonymised == 1
    made.refresh_from_db()
    assert made.claimant is None and not made.receipt and made.amount


def test_receipt_bytes_are_not_kept_after_anonymising(personas) -> None:
    made = claim(personas)
    name = made.receipt.name
    storage = made.receipt.storage
    assert storage.exists(name)
    services.claim_anonymise_batch(ExpenseClaim.objects.filter(pk=made.pk))
    assert not storage.exists(name)
    assert PDF  # the fixture's receipt was a PDF
