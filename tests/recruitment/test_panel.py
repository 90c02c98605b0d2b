"""The 3-way vetting panel, and the PNC check gone at the decision: after the panel
decides, no table of the database holds the disclosure, in clear or encrypted."""

from __future__ import annotations

import re
from typing import Any

import pytest
from cryptography.fernet import InvalidToken
from django.db import connection
from django.urls import reverse

from lib.encryption import DecryptionError, decrypt_str
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent, RetentionReceipt
from recruitment import rules
from recruitment import services as s
from recruitment.models import Outcome, PanelView, PncCheck, Stage, VettingResult
from tests.recruitment.journey import new, only_new_rows  # noqa: F401 (a fixture)
from tests.recruitment.staff import DISCLOSURE, all_views, make_application, to_panel

pytestmark = pytest.mark.django_db

# Fernet tokens: url-safe base64 starting with version byte 0x80 ("gAAAAA").
FERNET = re.compile(rb"gAAAAA[A-Za-z0-9_\-=]{40,}")
NEEDLES = ("Zebrafinch-4471", "shoplifting")


def _as_bytes(value: Any) -> bytes:
    if isinstance(value, memoryview):
        return value.tobytes()
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "replace")


def traces_of_the_disclosure() -> list[str]:
    """Every table, every row, every column: the needles in clear, or inside any Fernet
    token found anywhere (decrypted with the current keys)."""
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        assert len(tables) > 20
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    raw = _as_bytes(value)
                    texts = [raw.decode("utf-8", "replace")]
                    for token in FERNET.findall(raw):
                        try:
                            texts.append(decrypt_str(token.decode()))
                        except (InvalidToken, ValueError, DecryptionError):  # token-like, not one
                            continue
                    for text in texts:
                        for needle in NEEDLES:
                            if needle.lower() in text.lower():
                                found.append(f"{table}: {needle}")
    return found


def test_the_scan_finds_the_disclosure_while_the_panel_sits(personas):
    """The scan can fail: before the decision the disclosure is there, encrypted."""
    application = to_panel(make_application(), personas["programme_admin"])
    assert application.stage == Stage.PANEL
    assert any(t.startswith("recruitment_pnccheck") for t in traces_of_the_disclosure())
    with connection.cursor() as cursor:
        cursor.execute("SELECT disclosure_detail FROM recruitment_pnccheck")
        stored = cursor.fetchone()[0]
    assert "Zebrafinch" not in stored  # encrypted at rest


def test_after_the_decision_no_table_holds_any_trace_of_the_disclosure(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    all_views(application, personas)
    assert traces_of_the_disclosure()  # the views restate it too
    decision = s.panel_decision_record(member=personas["panel_police"], application=application)
    assert decision == "accept"
    assert traces_of_the_disclosure() == []
    application.refresh_from_db()
    assert (application.stage, application.outcome) == (Stage.DECIDED, Outcome.ACCEPTED)
    assert application.decided_at is not None
    result = VettingResult.objects.get(application=application)
    assert result.outcome == "accepted"
    assert not PncCheck.objects.filter(application=application).exists()
    assert not PanelView.objects.filter(application=application).exists()


def test_the_deletion_leaves_a_receipt_and_an_audit_event_without_personal_data(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    all_views(application, personas, votes=("refuse", "refuse", "accept"))
    s.panel_decision_record(member=personas["panel_oversight"], application=application)
    receipt = new(RetentionReceipt).get(rule=s.PNC_DELETION_RULE)
    assert (receipt.count, receipt.action, receipt.completed) == (1, "delete", True)
    event = AuditEvent.objects.filter(
        object_type="recruitment.application",
        object_id=str(application.pk),
        action="recruitment.pnc_check_deleted",
    ).get()
    assert "Robin" not in event.note and "Zebrafinch" not in event.note
    application.refresh_from_db()
    assert application.outcome == Outcome.NOT_ACCEPTED


def test_a_rolled_back_decision_deletes_nothing(personas, monkeypatch):
    application = to_panel(make_application(), personas["programme_admin"])
    all_views(application, personas)

    def broken(**kwargs: Any) -> bool:
        raise RuntimeError("the message could not be queued")

    monkeypatch.setattr("recruitment.services.vetting.applicant_tell", broken)
    with pytest.raises(RuntimeError):
        s.panel_decision_record(member=personas["panel_police"], application=application)
    assert PncCheck.objects.filter(application=application).exists()
    assert PanelView.objects.filter(application=application).count() == 3


def test_the_decision_needs_all_three_seats(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    for key, seat in (("panel_oversight", "oversight_body"), ("panel_police", "police")):
        s.panel_view_record(
            member=personas[key],
            seat=seat,
            application=application,
            conflict_of_interest=False,
            vote="accept",
        )
    with pytest.raises(RuleBroken, match="facilitator"):
        s.panel_decision_record(member=personas["panel_police"], application=application)
    assert PncCheck.objects.filter(application=application).exists()


def test_a_member_with_a_conflict_gives_no_view_and_their_seat_stays_open(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    s.panel_view_record(
        member=personas["panel_facilitator"],
        seat="facilitator",
        application=application,
        conflict_of_interest=True,
        conflict_detail="I know them",
        vote="accept",
    )
    view = PanelView.objects.get(member=personas["panel_facilitator"])
    assert view.vote == "" and view.conflict_of_interest
    assert "facilitator" not in rules.seats_filled(application)
    with pytest.raises(RuleBroken):
        s.panel_view_record(
            member=personas["panel_facilitator"],
            seat="facilitator",
            application=application,
            conflict_of_interest=False,
            vote="accept",
        )


def test_each_member_gives_one_view_and_only_for_their_own_seat(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    s.panel_view_record(
        member=personas["panel_police"],
        seat="police",
        application=application,
        conflict_of_interest=False,
        vote="accept",
    )
    with pytest.raises(RuleBroken):
        s.panel_view_record(
            member=personas["panel_police"],
            seat="police",
            application=application,
            conflict_of_interest=False,
            vote="refuse",
        )
    with pytest.raises(RuleBroken):
        s.panel_view_record(
            member=personas["programme_admin"],
            seat="police",
            application=application,
            conflict_of_interest=False,
            vote="refuse",
        )


def test_the_majority_of_the_three_seats_decides(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    all_views(application, personas, votes=("accept", "refuse", "accept"))
    assert s.panel_majority(application) == "accept"


def test_the_applicant_is_told_the_outcome_without_a_word_about_the_check(personas):
    application = to_panel(make_application(), personas["programme_admin"])
    all_views(application, personas, votes=("refuse",) * 3)
    before = new(Message).count()
    s.panel_decision_record(member=personas["panel_police"], application=application)
    message = new(Message).order_by("-pk").first()
    assert new(Message).count() == before + 1
    assert message.template == "application_not_accepted"
    assert "Zebrafinch" not in message.body and "shoplifting" not in message.body


def test_only_the_three_panel_members_read_the_disclosure(personas, client_as):
    application = to_panel(make_application(), personas["programme_admin"])
    url = reverse("recruitment_staff:panel_application", args=[application.pk])
    for key in ("panel_oversight", "panel_police", "panel_facilitator"):
        page = client_as(key).get(url)
        assert page.status_code == 200 and DISCLOSURE in page.content.decode()
    admin_page = client_as("programme_admin").get(
        reverse("recruitment_staff:application", args=[application.pk])
    )
    assert admin_page.status_code == 200
    text = admin_page.content.decode()
    assert "There is a disclosure" in text and "Zebrafinch" not in text
    for key in ("programme_admin", "facilitator_partner", "police_lead", "dpo"):
        assert client_as(key).get(url).status_code in (403, 404)


def test_members_see_each_others_views_only_when_all_three_are_in(personas, client_as):
    application = to_panel(make_application(), personas["programme_admin"])
    url = reverse("recruitment_staff:panel_application", args=[application.pk])
    s.panel_view_record(
        member=personas["panel_oversight"],
        seat="oversight_body",
        application=application,
        conflict_of_interest=False,
        vote="refuse",
        reasons="Secret reasoning of oversight",
    )
    page = client_as("panel_police").get(url).content.decode()
    assert "Secret reasoning of oversight" not in page
    assert "Record the decision" not in page
    all_views_rest = (("panel_police", "police"), ("panel_facilitator", "facilitator"))
    for key, seat in all_views_rest:
        s.panel_view_record(
            member=personas[key],
            seat=seat,
            application=application,
            conflict_of_interest=False,
            vote="accept",
        )
    page = client_as("panel_police").get(url).content.decode()
    assert "Secret reasoning of oversight" in page and "Record the decision" in page


def test_the_panel_records_views_and_the_decision_through_the_pages(personas, client_as):
    application = to_panel(make_application(), personas["programme_admin"])
    url = reverse("recruitment_staff:panel_application", args=[application.pk])
    empty = client_as("panel_police").post(url, {})
    assert (
        empty.status_code == 200 and "Select yes if you have a conflict" in empty.content.decode()
    )
    for key in ("panel_oversight", "panel_police", "panel_facilitator"):
        response = client_as(key).post(url, {"conflict": "no", "vote": "accept", "reasons": "Fine"})
        assert response.status_code == 302
    response = client_as("panel_facilitator").post(
        reverse("recruitment_staff:panel_decision", args=[application.pk])
    )
    assert response.status_code == 302
    assert traces_of_the_disclosure() == []
    assert client_as("panel_police").get(url).status_code == 404


def test_the_panel_list_shows_applications_at_the_panel_with_pinned_queries(
    personas, client_as, django_assert_max_num_queries
):
    for _ in range(3):
        to_panel(make_application(), personas["programme_admin"])
    client = client_as("panel_police")
    client.get(reverse("recruitment_staff:panel_list"))  # the session and roles, once
    with django_assert_max_num_queries(13):
        page = client.get(reverse("recruitment_staff:panel_list"))
    assert page.status_code == 200
    assert page.content.decode().count("0 of 3") == 3


def test_a_member_with_a_conflict_sees_no_views_and_cannot_record_the_decision(
    personas, client_as, django_user_model
):
    from accounts.models import RoleAssignment

    application = to_panel(make_application(), personas["programme_admin"])
    s.panel_view_record(
        member=personas["panel_facilitator"],
        seat="facilitator",
        application=application,
        conflict_of_interest=True,
        conflict_detail="I know them",
    )
    stand_in = django_user_model.objects.create_user(
        "stand.in@example.org", None, full_name="Stan In"
    )
    RoleAssignment.objects.create(user=stand_in, role="vetting_panel", panel_seat="facilitator")
    for key, seat in (("panel_oversight", "oversight_body"), ("panel_police", "police")):
        s.panel_view_record(
            member=personas[key],
            seat=seat,
            application=application,
            conflict_of_interest=False,
            vote="accept",
            reasons=f"{seat} reasoning",
        )
    s.panel_view_record(
        member=stand_in,
        seat="facilitator",
        application=application,
        conflict_of_interest=False,
        vote="refuse",
    )
    page = (
        client_as("panel_facilitator")
        .get(reverse("recruitment_staff:panel_application", args=[application.pk]))
        .content.decode()
    )
    assert "police reasoning" not in page and "Record the decision" not in page
    with pytest.raises(RuleBroken, match="conflict"):
        s.panel_decision_record(member=personas["panel_facilitator"], application=application)
    assert s.panel_decision_record(member=stand_in, application=application) == "accept"
    assert traces_of_the_disclosure() == []


# The panel's refusal is never called a withdrawal (only the applicant withdraws) -----------


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_panels_refusal_is_never_worded_as_a_withdrawal(personas, client_as, language):
    from django.utils import translation

    from recruitment.models import PanelVote, VettingOutcome

    withdraw_words = re.compile(r"withdr|tynnu\b.*\byn [oô]l", re.IGNORECASE)
    with translation.override(language):
        for label in [*PanelVote.labels, *VettingOutcome.labels]:
            assert not withdraw_words.search(str(label)), label
    application = to_panel(make_application(), personas["programme_admin"])
    url = reverse("recruitment_staff:panel_application", args=[application.pk])
    client = client_as("panel_police")
    client.cookies["django_language"] = language
    pages = [client.get(url)]
    all_views(application, personas, votes=("refuse", "refuse", "accept"))
    pages.append(client.get(url))  # all three views in: the decision shown
    pages.append(
        client.post(reverse("recruitment_staff:panel_decision", args=[application.pk]), follow=True)
    )
    for page in pages:
        assert page.status_code == 200
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.content.decode()))
        assert not withdraw_words.search(text), withdraw_words.search(text).group(0)
    assert VettingResult.objects.get(application=application).outcome == "not_accepted"
