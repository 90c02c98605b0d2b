"""Who may open each URL of the forums app (collected by tests/project/access_all.py)."""

from collections.abc import Callable
from typing import Any

from tests.access import Declared, only


def _forum_a(p: dict[str, Any]) -> dict[str, Any]:
    return {"forum_id": p["facilitator_forum_a"].role_assignments.current().get().forums.get().pk}


# Forums and meetings -------------------------------------------------------------------
# A meeting of forum A (facilitator_forum_a's) with a published agenda item, a document, a
# recording and a shared note. The cast is the demo's (victimvoice/cast.py): the member
# persona is a member and co-chair of forum A, the police lead the police representative of
# every forum, the programme admin the oversight body's. Journeys: tests/forums/test_forums_*.py
# and tests/forums/test_meetings_*.py.
def _forum_meeting(p: dict[str, Any]) -> Any:
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from forums import services as forum_services
    from forums.models import AgendaDocument, Recording

    admin = p["programme_admin"]
    forum = p["facilitator_forum_a"].role_assignments.current().get().forums.get()
    meeting = forum_services.meeting_schedule(
        actor=admin, forum=forum, starts_at=timezone.now() + timedelta(days=14)
    )
    item = forum_services.agenda_item_propose(
        actor=admin, meeting=meeting, title="Draft leaflet", detail="Read it first."
    )
    document = AgendaDocument(
        item=item, original_name="leaflet.pdf", content_type="application/pdf", size=9
    )
    document.file.save("leaflet.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    recording = Recording(meeting=meeting, content_type="audio/mpeg", size=3)
    recording.file.save("r.mp3", ContentFile(b"ID3"), save=False)
    recording.save()
    forum_services.note_save(actor=admin, meeting=meeting, text="We talked about the leaflet.")
    forum_services.note_share(actor=admin, note=meeting.note)
    forum_services.agenda_publish(actor=admin, meeting=meeting)
    return meeting


def _meeting(p: dict[str, Any]) -> dict[str, Any]:
    return {"meeting_id": _forum_meeting(p).pk}


def _agenda_item(p: dict[str, Any]) -> dict[str, Any]:
    meeting = _forum_meeting(p)
    return {"meeting_id": meeting.pk, "item_id": meeting.agenda_items.get().pk}


def _published_document(p: dict[str, Any]) -> dict[str, Any]:
    from forums.models import AgendaDocument

    meeting = _forum_meeting(p)
    return {"document_id": AgendaDocument.objects.get(item__meeting=meeting).pk}


def _forum_member(p: dict[str, Any]) -> dict[str, Any]:
    """The member persona's place in forum A (the demo's cast: victimvoice/cast.py)."""
    from forums.models import ForumMembership

    place = ForumMembership.objects.get(user=p["member"])
    return {"forum_id": place.forum_id, "membership_id": place.pk}


_FORUM_A_TEAM = ("programme_admin", "facilitator_forum_a")
_NOT_PARTNER = {"facilitator_partner": 404}


def _forum_a_page(**extra: Any) -> Declared:
    return only(*_FORUM_A_TEAM, kwargs=_forum_a, overrides=_NOT_PARTNER, **extra)


def _meeting_page(
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = _meeting, **extra: Any
) -> Declared:
    return only(*_FORUM_A_TEAM, kwargs=kwargs, overrides=_NOT_PARTNER, **extra)


# Signed-in pages reached only through the meeting: anyone outside forum A gets 404.
def _in_forum(
    *keys: str, kwargs: Callable[[dict[str, Any]], dict[str, Any]], **extra: Any
) -> Declared:
    return only(*keys, kwargs=kwargs, denied=404, **extra)


DECLARATIONS: dict[str, Declared] = {
    "forums:list": only("programme_admin", "facilitator_forum_a", "facilitator_partner"),
    "forums:detail": only(
        "programme_admin",
        "facilitator_forum_a",
        kwargs=_forum_a,
        overrides={"facilitator_partner": 404},
    ),
    "forums:edit": only("programme_admin", kwargs=_forum_a),
    "forums:member_join": _forum_a_page(),
    "forums:member_status": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_forum_member, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_forums_pages
    "forums:meetings": _forum_a_page(),
    "forums:meeting_new": _forum_a_page(),
    "forums:meeting_series": _forum_a_page(),
    "forums:venue_new": only(*_FORUM_A_TEAM, "facilitator_partner"),
    # The police representative (the police lead) sees the meeting as police see it and
    # proposes items; the member persona, a co-chair, sees it as a member
    # (tests/forums/test_representatives.py checks no identity reaches the police).
    "forums:meeting": _in_forum(*_FORUM_A_TEAM, "police_lead", "member", kwargs=_meeting),
    "forums:meeting_cancel": _meeting_page(),
    "forums:meeting_edit": _meeting_page(),
    "forums:meeting_invite": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_meetings_pages
    "forums:meeting_ics": _in_forum(*_FORUM_A_TEAM, "police_lead", "member", kwargs=_meeting),
    "forums:agenda_item_new": _in_forum(
        *_FORUM_A_TEAM, "police_lead", kwargs=_meeting, overrides={"member": 403}
    ),
    "forums:agenda_item_decide": _meeting_page(kwargs=_agenda_item),
    "forums:document_upload": _in_forum(
        *_FORUM_A_TEAM, "police_lead", kwargs=_agenda_item, overrides={"member": 403}
    ),
    "forums:agenda_publish": _meeting_page(),
    "forums:document": _in_forum(
        *_FORUM_A_TEAM, "police_lead", "member", kwargs=_published_document
    ),
    "forums:attendance": _meeting_page(),
    "forums:recording_upload": _meeting_page(),
    "forums:recording": _meeting_page(),
    "forums:note": _meeting_page(),
    "forums:note_share": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in forums/test_meetings_pages
    "forums:note_finalise": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in forums/test_meetings_pages
    # Only co-chairs check a shared note (the member persona is one here); the forum's
    # staff and the police representative are refused (403), anyone else does not know the
    # meeting (404).
    "forums:note_review": _in_forum(
        "member", kwargs=_meeting, overrides={k: 403 for k in (*_FORUM_A_TEAM, "police_lead")}
    ),
}
