"""Human review of redacted text before release: the services, the audit trail and the
review pages (queue, review, undo, release)."""

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from privacy.models import AuditAction, AuditEvent
from redaction.access import get_item_for_user
from redaction.models import RedactedText, Status
from redaction.services import (
    NotReleasedError,
    phrase_occurrences,
    redaction_add,
    redaction_prepare,
    redaction_release,
    redaction_undo,
    released_text,
    require_released,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Gary Oakes called me on 07700 900123 about the meeting.\n"
    "Then Nadia Bloggs said Gary should ring back. Bloggs Lane was closed."
)


@pytest.fixture
def item() -> RedactedText:
    return redaction_prepare(text=TEXT, purpose="forum_note")


def types(item: RedactedText) -> list[str]:
    return [s["type"] for s in item.spans]


def words(item: RedactedText) -> list[str]:
    return [item.original[s["start"] : s["end"]] for s in item.spans]


def reviewed_events(item: RedactedText) -> Any:
    return AuditEvent.objects.filter(
        action=AuditAction.REDACTION_REVIEWED,
        object_type="redaction.redactedtext",
        object_id=str(item.pk),
    )


# Preparing


def test_preparing_runs_the_engine_and_keeps_the_text_pending(item):
    assert item.status == Status.PENDING
    assert "07700 900123" in words(item)
    assert "Gary Oakes" in words(item)
    assert all(s["origin"] == "auto" for s in item.spans)
    assert "[PHONE]" in released_text(item)
    assert "07700 900123" not in released_text(item)


def test_the_original_text_is_encrypted_at_rest(item):
    with connection.cursor() as cursor:
        cursor.execute("SELECT original FROM redaction_redactedtext WHERE id = %s", [item.pk])
        stored = cursor.fetchone()[0]
    assert "Gary" not in stored
    assert RedactedText.objects.get(pk=item.pk).original == TEXT


def test_spans_hold_positions_and_types_but_never_the_words(item):
    for span in item.spans:
        assert set(span) == {"start", "end", "type", "origin", "confidence"}


def test_the_source_record_is_remembered(personas):
    source = personas["facilitator_forum_a"]
    item = redaction_prepare(text="Nothing personal.", purpose="demo", source=source)
    assert item.source_type.model == "user"
    assert item.source_id == str(source.pk)


# Adding and undoing


def test_a_reviewer_adds_every_occurrence_of_the_words_they_type(item, personas):
    admin = personas["programme_admin"]
    before = len(item.spans)
    added = redaction_add(actor=admin, item=item, phrase="bloggs", type="NAME")
    # "Nadia Bloggs" may already be a name; "Bloggs Lane" is not.
    assert added >= 1
    assert len(item.spans) >= before
    text = released_text(item)
    assert "Bloggs" not in text
    assert item.spans == RedactedText.objects.get(pk=item.pk).spans


def test_every_type_the_engine_finds_has_a_name_on_the_page():
    from redaction.engine import TYPES
    from redaction.forms import TYPE_LABELS

    assert set(TYPES) <= set(TYPE_LABELS)


def test_words_are_only_found_as_whole_words():
    assert phrase_occurrences("Al went. Also Al.", "al") == [(0, 2), (14, 16)]
    assert phrase_occurrences("Flat 3,\nHigh  Street", "high street") == [(8, 20)]
    assert phrase_occurrences("text", "   ") == []


def test_added_words_inside_a_redaction_are_refused(item, personas):
    with pytest.raises(ValidationError, match="already redacted"):
        redaction_add(actor=personas["programme_admin"], item=item, phrase="07700", type="PHONE")


def test_words_not_in_the_text_are_refused(item, personas):
    with pytest.raises(ValidationError, match="not in the text"):
        redaction_add(actor=personas["programme_admin"], item=item, phrase="Zebedee", type="NAME")


def test_an_unknown_type_is_refused(item, personas):
    with pytest.raises(ValidationError):
        redaction_add(actor=personas["programme_admin"], item=item, phrase="meeting", type="X")


def test_an_overlapping_redaction_is_merged_into_one(personas):
    item = redaction_prepare(text="Ring 07700 900123 today", purpose="demo")
    redaction_add(actor=personas["programme_admin"], item=item, phrase="Ring 07700", type="PHONE")
    assert [(s["start"], s["end"], s["origin"]) for s in item.spans] == [(0, 17, "reviewer")]
    assert released_text(item) == "[PHONE] today"


def test_a_redaction_can_be_added_by_position(personas):
    item = redaction_prepare(text="The meeting was fine", purpose="demo")
    redaction_add(actor=personas["programme_admin"], item=item, start=4, end=11, type="ADDRESS")
    assert released_text(item) == "The [ADDRESS] was fine"
    with pytest.raises(ValidationError):
        redaction_add(actor=personas["programme_admin"], item=item, start=5, end=99, type="NAME")


def test_undo_removes_one_redaction(item, personas):
    phone = next(i for i, s in enumerate(item.spans) if s["type"] == "PHONE")
    removed = redaction_undo(actor=personas["programme_admin"], item=item, span_index=phone)
    assert removed["type"] == "PHONE"
    assert "07700 900123" in released_text(item)
    assert "PHONE" not in types(RedactedText.objects.get(pk=item.pk))


def test_adding_and_undoing_are_audited_with_the_spans_field_and_no_words(item, personas):
    admin = personas["programme_admin"]
    redaction_add(actor=admin, item=item, phrase="meeting", type="ADDRESS")
    redaction_undo(actor=admin, item=item, span_index=0)
    events = list(reviewed_events(item).order_by("id"))
    assert len(events) == 2
    assert all(e.fields == ["spans"] and e.actor_id == admin.pk for e in events)
    assert events[0].note == "added 1 ADDRESS"
    assert events[1].note.startswith("undid 1 ")
    assert all("meeting" not in e.note and "Gary" not in e.note for e in events)


# Releasing


def test_releasing_freezes_the_text(item, personas):
    admin = personas["programme_admin"]
    with pytest.raises(NotReleasedError):
        require_released(item)
    text = redaction_release(actor=admin, item=item)
    fresh = RedactedText.objects.get(pk=item.pk)
    assert fresh.status == Status.RELEASED
    assert fresh.reviewed_by == admin
    assert fresh.released_at is not None
    assert require_released(fresh) == text == released_text(fresh)
    assert "Gary Oakes" not in text
    event = AuditEvent.objects.get(action=AuditAction.REDACTION_RELEASED, object_id=str(item.pk))
    assert event.actor_id == admin.pk
    # Nothing can change it afterwards.
    for change in (
        lambda: redaction_add(actor=admin, item=fresh, phrase="meeting", type="ADDRESS"),
        lambda: redaction_undo(actor=admin, item=fresh, span_index=0),
        lambda: redaction_release(actor=admin, item=fresh),
    ):
        with pytest.raises(ValidationError, match="released"):
            change()
    assert RedactedText.objects.get(pk=item.pk).released == text


# Who may review


def test_only_a_programme_admin_reaches_an_item(item, personas):
    assert get_item_for_user(personas["programme_admin"], item.pk) == item
    for key in ("facilitator_forum_a", "dpo", "police_lead", "member"):
        with pytest.raises(Http404):
            get_item_for_user(personas[key], item.pk)
    with pytest.raises(Http404):
        get_item_for_user(personas["programme_admin"], item.pk + 1000)


@pytest.mark.parametrize("key", ["facilitator_forum_a", "police_lead", "analyst", "dpo"])
def test_other_staff_are_refused_every_review_page(client_as, item, key):
    browser = client_as(key)
    for name in ("redaction:review", "redaction:release", "redaction:undo"):
        url = reverse(name, args=[item.pk])
        assert browser.post(url, {}).status_code == 403
    assert RedactedText.objects.get(pk=item.pk).spans == item.spans


def test_a_signed_out_visitor_is_sent_to_sign_in(client_as, item):
    response = client_as("anonymous").post(reverse("redaction:undo", args=[item.pk]), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_missing_item_is_not_found(client_as):
    assert (
        client_as("programme_admin").get(reverse("redaction:review", args=[999999])).status_code
        == 404
    )


# The pages


def test_the_queue_lists_pending_texts_and_not_released_ones(client_as, item, personas):
    other = redaction_prepare(text="Kwame Mensah was kind.", purpose="demo")
    redaction_release(actor=personas["programme_admin"], item=other)
    html = client_as("programme_admin").get(reverse("redaction:queue")).content.decode()
    assert reverse("redaction:review", args=[item.pk]) in html
    assert reverse("redaction:review", args=[other.pk]) not in html
    assert "Meeting note" in html
    assert "Gary" not in html  # the queue shows no text
    assert "&lt;span" not in html


def test_the_review_page_highlights_each_redaction_with_its_type(client_as, item):
    html = (
        client_as("programme_admin")
        .get(reverse("redaction:review", args=[item.pk]))
        .content.decode()
    )
    assert '<mark class="vv-redaction">Gary Oakes <strong>[NAME]</strong></mark>' in html
    assert '<mark class="vv-redaction">07700 900123 <strong>[PHONE]</strong></mark>' in html
    assert html.count("<mark") == len(item.spans)
    assert html.count('action="' + reverse("redaction:undo", args=[item.pk]) + '"') == len(
        item.spans
    )
    assert "Add redaction" in html
    assert "&lt;span" not in html  # hidden text for screen readers is markup, not text
    assert reverse("redaction:release", args=[item.pk]) in html


def test_the_review_page_escapes_the_text(client_as, personas):
    item = redaction_prepare(text="<script>alert(1)</script> from Gary Oakes", purpose="demo")
    html = (
        client_as("programme_admin")
        .get(reverse("redaction:review", args=[item.pk]))
        .content.decode()
    )
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_a_reviewer_adds_a_redaction_with_the_form(client_as, item):
    url = reverse("redaction:review", args=[item.pk])
    response = client_as("programme_admin").post(url, {"phrase": "Bloggs Lane", "type": "ADDRESS"})
    assert response.status_code == 302
    assert response["Location"] == url + "#redactions"
    fresh = RedactedText.objects.get(pk=item.pk)
    assert "[ADDRESS]" in released_text(fresh)
    assert reviewed_events(item).count() == 1


def test_the_form_shows_an_error_for_words_not_in_the_text(client_as, item):
    url = reverse("redaction:review", args=[item.pk])
    response = client_as("programme_admin").post(url, {"phrase": "Zebedee", "type": "NAME"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "These words are not in the text" in html
    assert "<title>Error:" in html
    assert not reviewed_events(item).exists()


def test_the_form_asks_for_words_and_a_type(client_as, item):
    response = client_as("programme_admin").post(reverse("redaction:review", args=[item.pk]), {})
    html = response.content.decode()
    assert "Enter the words to redact" in html
    assert "Select what the words are" in html


def test_undo_with_the_button(client_as, item):
    span = sorted(item.spans, key=lambda s: s["start"])[0]
    response = client_as("programme_admin").post(
        reverse("redaction:undo", args=[item.pk]),
        {"span_index": "0", "start": span["start"], "end": span["end"]},
    )
    assert response.status_code == 302
    assert len(RedactedText.objects.get(pk=item.pk).spans) == len(item.spans) - 1


def test_undo_of_a_redaction_that_changed_meanwhile_does_nothing(client_as, item):
    browser = client_as("programme_admin")
    response = browser.post(
        reverse("redaction:undo", args=[item.pk]), {"span_index": "0", "start": "1", "end": "2"}
    )
    assert response.status_code == 302
    assert RedactedText.objects.get(pk=item.pk).spans == item.spans
    page = browser.get(response["Location"]).content.decode()
    assert "The redactions changed while you were looking" in page


def test_undo_is_post_only(client_as, item):
    assert (
        client_as("programme_admin").get(reverse("redaction:undo", args=[item.pk])).status_code
        == 405
    )


def test_release_asks_for_confirmation_then_releases(client_as, item, personas):
    browser = client_as("programme_admin")
    url = reverse("redaction:release", args=[item.pk])
    page = browser.get(url)
    assert page.status_code == 200
    assert "[PHONE]" in page.content.decode()
    assert RedactedText.objects.get(pk=item.pk).status == Status.PENDING
    response = browser.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("redaction:queue")
    assert RedactedText.objects.get(pk=item.pk).status == Status.RELEASED
    # A released text shows what was released, without forms, and cannot be released again.
    html = browser.get(reverse("redaction:review", args=[item.pk])).content.decode()
    assert "The text as released" in html
    assert f"by {personas['programme_admin'].full_name}" in html
    assert "Add redaction" not in html
    assert "<mark" not in html
    assert browser.get(url).status_code == 302
    assert (
        browser.post(
            reverse("redaction:review", args=[item.pk]), {"phrase": "meeting", "type": "NAME"}
        ).status_code
        == 200
    )
    assert "meeting" in RedactedText.objects.get(pk=item.pk).released


def test_pages_put_no_personal_data_in_urls(item):
    for name in ("redaction:review", "redaction:release", "redaction:undo"):
        assert re.fullmatch(r"/redaction/\d+/(undo/|release/)?", reverse(name, args=[item.pk]))


# Query counts


def queries_of(browser: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert browser.get(url).status_code == 200
    return len(context)


def test_the_queue_makes_the_same_number_of_queries_however_many_texts(
    client_as, django_assert_num_queries
):
    admin = client_as("programme_admin")
    url = reverse("redaction:queue")
    redaction_prepare(text="Gary Oakes", purpose="demo")
    admin.get(url)  # the first request of a session does extra book-keeping
    baseline = queries_of(admin, reverse("accounts:dashboard_programme_admin")) - DASHBOARD_QUERIES
    # The page's own: the count and the page of texts.
    with django_assert_num_queries(baseline + QUEUE_QUERIES):
        admin.get(url)
    for n in range(10):
        redaction_prepare(text=f"Person {n} rang 07700 90012{n}", purpose="feedback_comment")
    with django_assert_num_queries(baseline + QUEUE_QUERIES):
        admin.get(url)


def test_the_review_page_makes_the_same_number_of_queries_however_many_redactions(
    client_as, personas, django_assert_num_queries
):
    admin = client_as("programme_admin")
    few = redaction_prepare(text="Gary Oakes", purpose="demo")
    many = redaction_prepare(
        text=" ".join(f"Call 07700 90012{n} or email a{n}@example.org." for n in range(10)),
        purpose="demo",
    )
    assert len(many.spans) >= 20
    admin.get(reverse("redaction:review", args=[few.pk]))
    baseline = queries_of(admin, reverse("accounts:dashboard_programme_admin")) - DASHBOARD_QUERIES
    with django_assert_num_queries(baseline + REVIEW_QUERIES):
        admin.get(reverse("redaction:review", args=[few.pk]))
    with django_assert_num_queries(baseline + REVIEW_QUERIES):
        admin.get(reverse("redaction:review", args=[many.pk]))


QUEUE_QUERIES = 2  # the count and the page of texts
REVIEW_QUERIES = 1  # the text with who released it
# The programme admin's dashboard, where the viewer's own queries are measured, makes one
# of its own: how many messages could not be sent lately.
DASHBOARD_QUERIES = 1


# Demo data


def test_the_demo_adds_two_pending_texts_once(client_as):
    from redaction.demo import seed_redaction_review

    before = RedactedText.objects.count()
    assert seed_redaction_review() == "2 texts waiting for review"
    assert seed_redaction_review() == "2 texts waiting for review"
    assert RedactedText.objects.count() == before + 2
    html = client_as("programme_admin").get(reverse("redaction:queue")).content.decode()
    assert "Meeting note" in html and "Feedback comment" in html
