"""The data protection officer's retention schedule and retention receipts pages."""

import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from notify.models import Message
from notify.services import message_send
from privacy.models import RetentionReceipt
from privacy.purge import purge_expired
from privacy.retention import registry

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

SCHEDULE = reverse("privacy:retention_schedule")
RECEIPTS = reverse("privacy:retention_receipts")


def table_rows(response: Any) -> list[str]:
    body = response.content.decode().split('<tbody class="govuk-table__body">', 1)
    if len(body) < 2:
        return []
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body[1], flags=re.S)


@pytest.mark.parametrize("url", [SCHEDULE, RECEIPTS])
@pytest.mark.parametrize("key", ["programme_admin", "analyst", "member", "outsider"])
def test_only_the_data_protection_officer_may_open_the_retention_pages(
    client_as: Any, url: str, key: str
) -> None:
    assert client_as(key).get(url).status_code == 403


def test_the_schedule_shows_every_rule_from_the_registry(client_as: Any) -> None:
    response = client_as("dpo").get(SCHEDULE)
    assert response.status_code == 200
    html = response.content.decode().replace("&#39;", "'")
    rows = table_rows(response)
    assert len(rows) == len(registry.rule_keys())
    for rule, row in zip(registry.rules(), rows, strict=True):
        assert rule.category in row
        assert rule.period_text() in row
        anchor = "rule-" + rule.key.replace(".", "-")
        assert f'href="#{anchor}"' in row
        assert f'id="{anchor}"' in html
        for text in (rule.holds, rule.lawful_basis, rule.who_may_see, rule.reason, rule.key):
            assert text in html
    messages = next(row for row in rows if "Emails and text messages sent" in row)
    assert "7 days (setting NOTIFY_MESSAGE_RETENTION_DAYS)" in messages
    assert "when the message was created" in messages
    assert "Deleted" in messages
    assert "Anonymised" in next(row for row in rows if "Accounts of staff who have left" in row)


def test_the_receipts_page_lists_real_runs_newest_first_with_counts_and_dates(
    client_as: Any,
) -> None:
    for _ in range(2):
        message_send(
            template="sign_in_code", to_email="a@example.org", personalisation={"code": "1"}
        )
    Message.objects.update(created_at=timezone.now() - timedelta(days=20))
    purge_expired(dry_run=True)
    purge_expired(rules=["notify.messages"])

    response = client_as("dpo").get(RECEIPTS)

    rows = table_rows(response)
    assert len(rows) == 1  # the dry run left no receipt
    assert "Emails and text messages sent" in rows[0]
    assert ">2<" in rows[0].replace(" ", "").replace("\n", "")
    assert "example.org" not in response.content.decode()


def test_the_receipts_page_says_when_a_run_stopped_before_the_end(client_as: Any) -> None:
    RetentionReceipt.objects.create(
        run_id=uuid.uuid4(), rule="notify.messages", category="x", action="delete", count=3
    )
    row = table_rows(client_as("dpo").get(RECEIPTS))[0]
    assert "No, it stopped before the end" in row


def test_the_receipts_page_is_paged_and_its_query_count_does_not_grow(
    client_as: Any, django_assert_num_queries: Any
) -> None:
    client = client_as("dpo")
    run_id = uuid.uuid4()

    def add(count: int) -> None:
        RetentionReceipt.objects.bulk_create(
            RetentionReceipt(run_id=run_id, rule="notify.messages", category="x", action="delete")
            for _ in range(count)
        )

    add(3)
    client.get(RECEIPTS)  # warm the session and user caches
    with django_assert_num_queries(QUERIES):
        assert len(table_rows(client.get(RECEIPTS))) == 3
    add(120)
    with django_assert_num_queries(QUERIES):
        assert len(table_rows(client.get(RECEIPTS))) == 50
    with django_assert_num_queries(QUERIES):
        assert len(table_rows(client.get(RECEIPTS + "?page=3"))) == 23


# Sign-in middleware: session, user, user session (savepoint, select, user, update,
# release), roles, MFA twice. This page: the count and one page of receipts.
QUERIES = 12


def test_the_dpo_dashboard_links_to_both_retention_pages(client_as: Any) -> None:
    html = client_as("dpo").get(reverse("accounts:dashboard_dpo")).content.decode()
    assert f'href="{SCHEDULE}"' in html
    assert f'href="{RECEIPTS}"' in html


def test_receipts_are_grouped_by_run_newest_run_first_and_rules_in_order(client_as: Any) -> None:
    earlier, later = uuid.uuid4(), uuid.uuid4()
    now = timezone.now()
    for run_id, start in ((earlier, now - timedelta(days=1)), (later, now)):
        for offset, rule in enumerate(
            ["notify.messages", "accounts.sessions", "pages.service_feedback"]
        ):
            RetentionReceipt.objects.create(
                run_id=run_id,
                rule=rule,
                category=registry.get(rule).category,
                action="delete",
                completed=True,
                started_at=start + timedelta(seconds=offset),
            )

    rows = table_rows(client_as("dpo").get(RECEIPTS))

    order = [next(r.category for r in registry.rules() if r.category in row) for row in rows[:6]]
    expected = [
        registry.get(k).category
        for k in ("accounts.sessions", "notify.messages", "pages.service_feedback")
    ]
    assert order == expected * 2
    day = lambda moment: date_format(timezone.localtime(moment), "j M Y")  # noqa: E731
    assert all(day(now) in row for row in rows[:3])
    assert all(day(now - timedelta(days=1)) in row for row in rows[3:6])
