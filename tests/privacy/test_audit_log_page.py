"""The data protection officer's audit log page: who may open it, filters, paging, queries."""

import datetime
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from privacy.audit import audit_identity_viewed, audit_record
from privacy.models import AuditAction, AuditEvent

URL = reverse("privacy:audit_log")

pytestmark = pytest.mark.django_db


def table_rows(response: Any) -> list[str]:
    html = response.content.decode()
    body = html.split('<tbody class="govuk-table__body">', 1)
    if len(body) < 2:
        return []
    return re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body[1], flags=re.S)


def searched_events() -> Any:
    return AuditEvent.objects.filter(action=AuditAction.AUDIT_SEARCHED)


# Who may open it


def test_the_data_protection_officer_can_open_the_audit_log(client_as: Any) -> None:
    response = client_as("dpo").get(URL)
    assert response.status_code == 200
    assert "Audit log" in response.content.decode()


def test_a_programme_admin_is_refused(client_as: Any) -> None:
    assert client_as("programme_admin").get(URL).status_code == 403


def test_a_member_is_refused(client_as: Any) -> None:
    assert client_as("member").get(URL).status_code == 403


def test_a_signed_out_visitor_is_sent_to_sign_in(client_as: Any) -> None:
    response = client_as("anonymous").get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# What it shows


def test_it_shows_who_did_what_to_which_record_and_which_fields(
    client_as: Any, personas: dict[str, User]
) -> None:
    audit_record(
        actor=personas["programme_admin"],
        action=AuditAction.PERSON_CHANGED,
        obj=personas["officer"],
        fields=["full_name", "email"],
    )
    response = client_as("dpo").get(URL, {"action": AuditAction.PERSON_CHANGED})
    # The cast's own history (the member persona's vetting) is in the log too.
    rows = [r for r in table_rows(response) if f"User {personas['officer'].pk}<" in r]
    assert len(rows) == 1
    row = rows[0]
    assert "Priya Admin" in row
    assert "Programme admin" in row
    assert "Changed a person&#39;s details" in row or "Changed a person's details" in row
    assert f"User {personas['officer'].pk}" in row
    assert "email, full_name" in row


def test_events_without_a_person_are_shown_as_the_system(client_as: Any) -> None:
    audit_record(actor=None, action=AuditAction.KEYS_ROTATED, note="3 values re-encrypted")
    rows = table_rows(client_as("dpo").get(URL, {"action": AuditAction.KEYS_ROTATED}))
    assert len(rows) == 1
    assert "The system, or someone not signed in" in rows[0]
    assert "3 values re-encrypted" in rows[0]


def test_an_empty_result_says_so(client_as: Any) -> None:
    response = client_as("dpo").get(URL, {"action": AuditAction.ACCOUNT_REACTIVATED})
    html = response.content.decode()
    assert "0 events" in html
    assert "No events match these filters" in html
    assert table_rows(response) == []


# Filters


def test_it_filters_by_person_type_of_record_and_record_number(
    client_as: Any, personas: dict[str, User]
) -> None:
    admin, officer, analyst = personas["programme_admin"], personas["officer"], personas["analyst"]
    audit_identity_viewed(viewer=admin, person=officer)
    audit_identity_viewed(viewer=admin, person=analyst)
    audit_identity_viewed(viewer=personas["facilitator_forum_a"], person=officer)
    dpo = client_as("dpo")

    by_person = table_rows(
        dpo.get(URL, {"action": AuditAction.VIEW_IDENTITY, "actor": str(admin.pk)})
    )
    assert len(by_person) == 2

    by_record = table_rows(
        dpo.get(
            URL,
            {
                "action": AuditAction.VIEW_IDENTITY,
                "object_type": "accounts.user",
                "object_id": str(officer.pk),
            },
        )
    )
    assert len(by_record) == 2
    assert all(f"User {officer.pk}" in row for row in by_record)


def test_it_filters_by_dates_inclusively(client_as: Any, personas: dict[str, User]) -> None:
    analyst = personas["analyst"]
    audit_record(actor=analyst, action=AuditAction.ROLE_REMOVED, note="today 1")
    audit_record(actor=analyst, action=AuditAction.ROLE_REMOVED, note="today 2")
    earlier = timezone.localtime() - datetime.timedelta(days=3)
    AuditEvent.objects.create(
        actor=analyst, action=AuditAction.ROLE_REMOVED, occurred_at=earlier, note="earlier"
    )
    today = timezone.localdate()
    dpo = client_as("dpo")
    params = {"actor": str(analyst.pk), "action": AuditAction.ROLE_REMOVED}

    assert len(table_rows(dpo.get(URL, params))) == 3

    from_today = {
        **params,
        "date_from-day": str(today.day),
        "date_from-month": str(today.month),
        "date_from-year": str(today.year),
    }
    rows = table_rows(dpo.get(URL, from_today))
    assert len(rows) == 2
    assert not any("earlier" in row for row in rows)

    until_earlier = {
        **params,
        "date_to-day": str(earlier.day),
        "date_to-month": str(earlier.month),
        "date_to-year": str(earlier.year),
    }
    rows = table_rows(dpo.get(URL, until_earlier))
    assert len(rows) == 1
    assert "earlier" in rows[0]


def test_an_impossible_date_is_an_error_and_shows_no_results(client_as: Any) -> None:
    before = searched_events().count()
    response = client_as("dpo").get(
        URL, {"date_from-day": "31", "date_from-month": "2", "date_from-year": "2026"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Date from must be a real date" in html
    assert 'href="#date_from-day"' in html
    assert "<title>Error:" in html
    assert table_rows(response) == []
    assert searched_events().count() == before


def test_a_date_missing_its_month_is_an_error(client_as: Any) -> None:
    response = client_as("dpo").get(URL, {"date_to-day": "3", "date_to-year": "2026"})
    assert "Date to must include a month" in response.content.decode()


def test_date_to_before_date_from_is_an_error(client_as: Any) -> None:
    response = client_as("dpo").get(
        URL,
        {
            "date_from-day": "5",
            "date_from-month": "3",
            "date_from-year": "2026",
            "date_to-day": "4",
            "date_to-month": "3",
            "date_to-year": "2026",
        },
    )
    assert "Date to must be the same as or after date from" in response.content.decode()


def test_an_unknown_action_is_an_error(client_as: Any) -> None:
    response = client_as("dpo").get(URL, {"action": "rewrite_history"})
    assert "Select an event from the list" in response.content.decode()


def test_only_people_with_a_staff_role_are_offered_as_actors(
    client_as: Any, personas: dict[str, User]
) -> None:
    html = client_as("dpo").get(URL).content.decode()
    actor_select = html.split('name="actor"', 1)[1].split("</select>", 1)[0]
    assert f'value="{personas["officer"].pk}"' in actor_select
    assert f'value="{personas["member"].pk}"' not in actor_select
    assert personas["officer"].email not in actor_select


# Searching is audited


def test_searching_the_log_is_itself_audited_without_personal_data(
    client_as: Any, personas: dict[str, User]
) -> None:
    officer = personas["officer"]
    client_as("dpo").get(
        URL,
        {"action": AuditAction.SIGN_IN, "actor": str(officer.pk), "object_id": "secret-42"},
    )
    event = searched_events().first()
    assert event is not None
    assert event.actor_id == personas["dpo"].pk
    assert event.object_type == "accounts.user"
    assert event.object_id == str(officer.pk)
    assert "action=sign_in" in event.note
    assert "object_id" in event.note
    assert "secret-42" not in event.note
    assert officer.email not in event.note
    assert officer.full_name not in event.note


# Paging and queries


def make_events(count: int, actors: list[User]) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actors[i % len(actors)],
            action=AuditAction.ROLE_ASSIGNED,
            object_type="accounts.user",
            object_id=str(actors[i % len(actors)].pk),
            fields=["role"],
        )
        for i in range(count)
    )


def test_the_log_is_paged_fifty_at_a_time_keeping_the_filters(
    client_as: Any, personas: dict[str, User]
) -> None:
    make_events(60, [personas["officer"]])
    dpo = client_as("dpo")
    first = dpo.get(URL, {"action": AuditAction.ROLE_ASSIGNED})
    assert len(table_rows(first)) == 50
    html = first.content.decode()
    assert "60 events" in html
    assert "?action=role_assigned&amp;page=2" in html
    second = dpo.get(URL, {"action": AuditAction.ROLE_ASSIGNED, "page": "2"})
    assert len(table_rows(second)) == 10


def test_the_number_of_queries_does_not_grow_with_the_rows(
    client_as: Any, personas: dict[str, User], django_assert_num_queries: Any
) -> None:
    dpo = client_as("dpo")
    params = {"action": AuditAction.ROLE_ASSIGNED}
    make_events(1, [personas["officer"]])
    dpo.get(URL, params)  # warm the session and caches

    with django_assert_num_queries(QUERIES) as few:
        response = dpo.get(URL, params)
    assert len(table_rows(response)) == 1

    staff = [personas[k] for k in ("officer", "analyst", "police_lead", "desk_agent", "dpo")]
    make_events(60, staff)
    with django_assert_num_queries(QUERIES) as many:
        response = dpo.get(URL, params)
    assert len(table_rows(response)) == 50
    assert len(few.captured_queries) == len(many.captured_queries)


# Sign-in middleware: session, user, user session (savepoint, select, user, update,
# release), roles, MFA twice. This page: object types, count, its own audit event, the
# page of events with their actors, the actors' current roles, the staff list.
QUERIES = 16
