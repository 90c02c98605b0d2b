"""Capture: a facilitator records feedback points against a meeting and an agenda item; the
words are redacted on save and confirmed (released) by the facilitator. Forum B's
facilitator gets 404 for forum A's meetings and points."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from insights import services
from insights.models import FeedbackPoint, Theme
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from redaction.models import RedactedText
from redaction.services import NotReleasedError, require_released
from tests.insights.access import forum_a, make_point, past_meeting

pytestmark = pytest.mark.django_db

WORDS = "Our member said PC Dan Hollis gave her his number 07700 900461 and never rang back."


def _form(meeting: Any, **extra: Any) -> dict[str, Any]:
    themes = Theme.objects.filter(slug__in=["kept-informed", "empathy-tone"])
    return {
        "kind": "concern",
        "agenda_item": str(meeting.agenda_items.get().pk),
        "themes": [str(t.pk) for t in themes],
        "text": WORDS,
        **extra,
    }


def test_the_managed_list_of_themes_is_seeded_with_welsh_names() -> None:
    slugs = list(Theme.objects.values_list("slug", flat=True))
    assert slugs[:3] == ["first-contact", "kept-informed", "empathy-tone"]
    assert len(slugs) >= 10
    assert Theme.objects.get(slug="training").name_cy == "Hyfforddiant"


def test_a_facilitator_records_a_point_redacted_on_save_and_confirms_it(
    client_as: Any, personas: dict[str, Any]
) -> None:
    meeting = past_meeting(personas)
    client = client_as("facilitator_forum_a")
    page = client.get(reverse("insights:point_new", args=[meeting.pk]))
    assert page.status_code == 200
    response = client.post(reverse("insights:point_new", args=[meeting.pk]), _form(meeting))
    point = FeedbackPoint.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == reverse("insights:point", args=[point.pk])
    assert point.text.purpose == "feedback_point"
    assert point.text.source_id == str(point.pk)
    assert point.agenda_item == meeting.agenda_items.get()
    assert set(point.themes.values_list("slug", flat=True)) == {"kept-informed", "empathy-tone"}
    assert point.confirmed_at is None and not point.text.is_released
    # The highlighted result: the found name and number are marked for the facilitator.
    review = client.get(reverse("insights:point", args=[point.pk])).content.decode()
    assert "Dan Hollis <strong>[NAME]</strong>" in review
    assert "[PHONE]" in review
    with pytest.raises(NotReleasedError):
        require_released(point.text)
    # Confirming releases the redacted words.
    assert client.get(reverse("insights:point_confirm", args=[point.pk])).status_code == 200
    done = client.post(reverse("insights:point_confirm", args=[point.pk]))
    assert done["Location"] == reverse("insights:meeting_points", args=[meeting.pk])
    point.refresh_from_db()
    assert point.confirmed_at is not None
    released = require_released(point.text)
    assert "Dan Hollis" not in released and "900461" not in released
    assert "[NAME]" in released
    listing = client.get(reverse("insights:meeting_points", args=[meeting.pk])).content.decode()
    assert "Dan Hollis" not in listing and "Confirmed" in listing


def test_the_original_words_are_encrypted_in_the_database(personas: dict[str, Any]) -> None:
    from django.db import connection

    point = make_point(personas, text=WORDS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT original FROM redaction_redactedtext WHERE id = %s", [point.text_id])
        stored = cursor.fetchone()[0]
    assert "Dan Hollis" not in stored


def test_the_facilitator_adds_and_undoes_redactions_before_confirming(
    client_as: Any, personas: dict[str, Any]
) -> None:
    point = make_point(personas, text="We met at Brixton library with Sam about the leaflet.")
    client = client_as("facilitator_forum_a")
    url = reverse("insights:point", args=[point.pk])
    client.post(url, {"phrase": "Brixton library", "type": "ADDRESS"})
    point.text.refresh_from_db()
    types = [s["type"] for s in point.text.spans]
    assert "ADDRESS" in types
    spans = sorted(point.text.spans, key=lambda s: s["start"])
    index = next(i for i, s in enumerate(spans) if s["type"] == "ADDRESS")
    client.post(
        reverse("insights:point_undo", args=[point.pk]),
        {"span_index": index, "start": spans[index]["start"], "end": spans[index]["end"]},
    )
    point.text.refresh_from_db()
    assert "ADDRESS" not in [s["type"] for s in point.text.spans]
    # A phrase that is not in the text is a form error on the page.
    page = client.post(url, {"phrase": "Nowhere", "type": "NAME"})
    assert page.status_code == 200
    assert "These words are not in the text" in page.content.decode()


def test_a_point_needs_a_kind_and_words(client_as: Any, personas: dict[str, Any]) -> None:
    meeting = past_meeting(personas)
    client = client_as("facilitator_forum_a")
    page = client.post(
        reverse("insights:point_new", args=[meeting.pk]), _form(meeting, kind="", text="")
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Select what kind of point it is" in html and "Enter what was said" in html
    assert not FeedbackPoint.objects.filter(meeting=meeting).exists()


def test_a_confirmed_point_cannot_be_confirmed_or_redacted_again(
    client_as: Any, personas: dict[str, Any]
) -> None:
    point = make_point(personas, confirm=True)
    with pytest.raises(RuleBroken):
        services.point_confirm(actor=personas["facilitator_forum_a"], point=point)
    client = client_as("facilitator_forum_a")
    before = list(RedactedText.objects.get(pk=point.text_id).spans)
    client.post(reverse("insights:point", args=[point.pk]), {"phrase": "officer", "type": "NAME"})
    assert RedactedText.objects.get(pk=point.text_id).spans == before
    assert client.get(reverse("insights:point_confirm", args=[point.pk])).status_code == 302


def test_an_agenda_item_of_another_meeting_is_refused(personas: dict[str, Any]) -> None:
    one, other = past_meeting(personas), past_meeting(personas, days_ago=50)
    with pytest.raises(RuleBroken):
        services.point_record(
            actor=personas["facilitator_forum_a"],
            meeting=one,
            agenda_item=other.agenda_items.get(),
            kind="insight",
            text="Something useful.",
            themes=[],
        )


def test_forum_b_facilitator_gets_404_for_forum_a_meetings_and_points(
    client_as: Any, personas: dict[str, Any]
) -> None:
    point = make_point(personas)
    client = client_as("facilitator_partner")
    for url in (
        reverse("insights:meeting_points", args=[point.meeting_id]),
        reverse("insights:point_new", args=[point.meeting_id]),
        reverse("insights:point", args=[point.pk]),
        reverse("insights:point_confirm", args=[point.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("insights:point_confirm", args=[point.pk])).status_code == 404
    undo = client.post(
        reverse("insights:point_undo", args=[point.pk]), {"span_index": 0, "start": 0, "end": 1}
    )
    assert undo.status_code == 404
    with pytest.raises(PermissionDenied):
        services.point_confirm(actor=personas["facilitator_partner"], point=point)
    with pytest.raises(PermissionDenied):
        services.point_record(
            actor=personas["facilitator_partner"],
            meeting=point.meeting,
            agenda_item=None,
            kind="insight",
            text="x",
            themes=[],
        )


@pytest.mark.parametrize("key", ["police_lead", "member", "analyst", "panel_police"])
def test_other_roles_cannot_capture(client_as: Any, personas: dict[str, Any], key: str) -> None:
    point = make_point(personas)
    client = client_as(key)
    assert (
        client.get(reverse("insights:meeting_points", args=[point.meeting_id])).status_code == 403
    )
    assert client.get(reverse("insights:point", args=[point.pk])).status_code == 403


def test_recording_and_confirming_are_audited(personas: dict[str, Any]) -> None:
    point = make_point(personas, confirm=True)
    notes = list(
        AuditEvent.objects.filter(object_type="insights.feedbackpoint", object_id=str(point.pk))
        .order_by("pk")
        .values_list("note", flat=True)
    )
    assert notes == ["feedback point recorded", "point confirmed"]
    assert AuditEvent.objects.filter(
        object_type="redaction.redactedtext",
        object_id=str(point.text_id),
        action="redaction_released",
    ).exists()
    assert all(WORDS not in n for n in notes)


def test_the_meeting_points_page_makes_the_same_number_of_queries_with_more_points(
    client_as: Any, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    meeting = past_meeting(personas)
    make_point(personas, meeting=meeting, confirm=True)
    client = client_as("facilitator_forum_a")
    url = reverse("insights:meeting_points", args=[meeting.pk])
    client.get(url)
    with django_assert_num_queries(MEETING_POINTS_QUERIES):
        client.get(url)
    for _ in range(3):
        make_point(personas, meeting=meeting)
    with django_assert_num_queries(MEETING_POINTS_QUERIES):
        assert client.get(url).status_code == 200


# Session, user (with the session record update), roles and MFA; the meeting and its forum
# access; the points with their agenda items and texts, and their themes.
MEETING_POINTS_QUERIES = 15


def test_the_meeting_page_links_to_its_feedback_points(
    client_as: Any, personas: dict[str, Any]
) -> None:
    meeting = past_meeting(personas)
    html = client_as("facilitator_forum_a").get(reverse("forums:meeting", args=[meeting.pk]))
    assert reverse("insights:meeting_points", args=[meeting.pk]) in html.content.decode()


def test_a_members_name_the_engine_misses_is_redacted_too(personas: dict[str, Any]) -> None:
    from forums import services as forum_services
    from redaction.engine import redact
    from tests.forums.test_forums_services import onboard

    forum = forum_a(personas)
    membership = onboard(personas["programme_admin"], email="zephyrine@example.org")
    forum_services.forum_member_join(
        actor=personas["programme_admin"], forum=forum, membership=membership
    )
    application = membership.application
    application.full_name = "Zephyrine Oakhampton-Vale"
    application.save()
    words = "zephyrine was quiet. The Zephyrine case was closed by the Oakhampton-Vale team."
    assert not redact(words).spans  # the engine alone finds nothing here
    point = make_point(personas, text=words)
    spans = sorted(point.text.spans, key=lambda s: s["start"])
    hidden = [point.text.original[s["start"] : s["end"]] for s in spans]
    assert hidden == ["Zephyrine", "Oakhampton-Vale"]
    # "zephyrine" in lower case is not written as a name: left for the facilitator.
