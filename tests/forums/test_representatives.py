"""The police and oversight body representatives of a forum see its meetings as police see
them: the date, the place, the published agenda, their own items and the recommendations,
never a member's name, email address or phone number, attendance, apologies, a document of
an unpublished agenda, the recording or the note.

Every URL of the forums app (forums/urls.py) is fetched as each representative, with the
demo's forums (named members with email addresses and phone numbers, past meetings with
attendance and final notes), so a new forums page is covered as soon as it exists.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import URLPattern, reverse

from forums import services
from forums.demo import seed_forums
from forums.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    ForumMembership,
    Meeting,
    Recording,
)
from forums.urls import urlpatterns
from tests.forums.test_forums_services import forum_a

pytestmark = pytest.mark.django_db

REPRESENTATIVES = ("police_lead", "panel_oversight")


def _identities(forum: Any) -> list[str]:
    """Every name, email address and phone number of the forum's members, as given and
    without spaces."""
    found: set[str] = set()
    for fm in ForumMembership.objects.filter(forum=forum).select_related(
        "membership__application", "user"
    ):
        application = fm.membership.application
        for value in (application.full_name, application.email, application.phone):
            if value and len(value.strip()) > 4:
                found.update({value.strip(), "".join(value.split())})
        if fm.user is not None:
            found.update({fm.user.full_name, fm.user.email})
    return sorted(v for v in found if v)


def _document(item: AgendaItem, name: str, uploaded_by: Any = None) -> AgendaDocument:
    document = AgendaDocument(
        item=item,
        original_name=name,
        content_type="application/pdf",
        size=9,
        uploaded_by=uploaded_by,
    )
    document.file.save(name, ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


@pytest.fixture
def demo(personas: dict[str, Any]) -> dict[str, Any]:
    """Forum A as the demo has it, with the police lead as police representative and a
    vetting panel member (not programme staff) as the oversight body's representative."""
    seed_forums()
    admin = personas["programme_admin"]
    forum = forum_a(personas)
    services.forum_settings_set(
        actor=admin,
        forum=forum,
        police_representative=personas["police_lead"],
        oversight_representative=personas["panel_oversight"],
    )
    meetings = list(Meeting.objects.filter(forum=forum).order_by("starts_at"))
    held = next(m for m in reversed(meetings) if m.attendances.exists())
    published = next(m for m in meetings if m.agenda_published_at and m.starts_at > held.starts_at)
    unpublished = next(m for m in meetings if m.starts_at > published.starts_at)
    # The meeting still to come with a published agenda carries a document on an accepted
    # item, a member's proposal not yet decided (with its own document), a recording and a
    # draft note shared with the co-chairs (who include the police lead, as the programme
    # team may set).
    accepted = published.agenda_items.filter(status=AgendaItemStatus.ACCEPTED).first()
    assert accepted is not None
    later_item = unpublished.agenda_items.first()
    assert later_item is not None
    members = list(forum.memberships.select_related("membership__application"))
    named = members[0].membership.application
    proposal = AgendaItem.objects.create(
        meeting=published,
        title=f"Raised by {named.full_name}",
        detail=f"Call {named.phone} or {named.email}",
        proposer_kind="member",
        proposed_by=members[0].user,
        position=9,
    )
    Recording.objects.create(
        meeting=published, content_type="audio/mpeg", size=3, file=ContentFile(b"ID3", "r.mp3")
    )
    services.note_save(actor=admin, meeting=published, text=named.full_name)
    services.note_share(actor=admin, note=published.note)
    forum.co_chairs.add(personas["police_lead"])
    return {
        "forum": forum,
        "held": held,
        "published": published,
        "unpublished": unpublished,
        "accepted": accepted,
        "proposal": proposal,
        "shown_document": _document(accepted, "leaflet.pdf"),
        "hidden_document": _document(proposal, "member-letter.pdf"),
        "later_item": later_item,
        "later_document": _document(later_item, "draft.pdf"),
        "membership": members[0],
        "identities": _identities(forum),
    }


def _targets(d: dict[str, Any]) -> list[tuple[str, dict[str, Any], int | None]]:
    """(URL name, kwargs, the outcome a representative must get, or None for "200 or a
    refusal") for every URL pattern of the forums app, some more than once."""
    forum, published = d["forum"].pk, d["published"].pk
    by_name: dict[str, list[tuple[dict[str, Any], int | None]]] = {
        "list": [({}, 403)],
        "detail": [({"forum_id": forum}, 403)],
        "edit": [({"forum_id": forum}, 403)],
        "member_join": [({"forum_id": forum}, 403)],
        "member_status": [({"forum_id": forum, "membership_id": d["membership"].pk}, 403)],
        "meetings": [({"forum_id": forum}, 403)],
        "meeting_new": [({"forum_id": forum}, 403)],
        "meeting_series": [({"forum_id": forum}, 403)],
        "venue_new": [({}, 403)],
        "meeting": [
            ({"meeting_id": d["held"].pk}, 200),
            ({"meeting_id": published}, 200),
            ({"meeting_id": d["unpublished"].pk}, 200),
        ],
        "meeting_edit": [({"meeting_id": published}, 403)],
        "meeting_cancel": [({"meeting_id": published}, 403)],
        "meeting_invite": [({"meeting_id": published}, 403)],
        "meeting_ics": [({"meeting_id": published}, 200)],
        "agenda_item_new": [({"meeting_id": published}, 200)],
        "agenda_item_decide": [({"meeting_id": published, "item_id": d["proposal"].pk}, 403)],
        "document_upload": [
            ({"meeting_id": published, "item_id": d["accepted"].pk}, 200),
            ({"meeting_id": published, "item_id": d["proposal"].pk}, 404),
            ({"meeting_id": d["unpublished"].pk, "item_id": d["later_item"].pk}, 404),
        ],
        "agenda_publish": [({"meeting_id": published}, 403)],
        "document": [
            ({"document_id": d["shown_document"].pk}, 200),
            ({"document_id": d["hidden_document"].pk}, 404),
            ({"document_id": d["later_document"].pk}, 404),
        ],
        "attendance": [({"meeting_id": d["held"].pk}, 403)],
        "recording_upload": [({"meeting_id": published}, 403)],
        "recording": [({"meeting_id": published}, 403)],
        "note": [({"meeting_id": published}, 403), ({"meeting_id": d["held"].pk}, 403)],
        "note_share": [({"meeting_id": published}, 403)],
        "note_finalise": [({"meeting_id": published}, 403)],
        "note_review": [({"meeting_id": published}, 403)],
    }
    names: list[str] = []
    for p in urlpatterns:
        if isinstance(p, URLPattern):
            assert p.name is not None, f"Name the forums URL pattern {p.pattern}"
            names.append(p.name)
    missing = [name for name in names if name not in by_name]
    assert not missing, f"Say what a representative gets from these forums URLs: {missing}"
    return [(name, kwargs, expected) for name in names for kwargs, expected in by_name[name]]


def _text(response: Any) -> str:
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return html.unescape(re.sub(r"\s+", " ", body.decode(errors="ignore")))


@pytest.mark.parametrize("persona", REPRESENTATIVES)
def test_a_representative_reaches_no_members_identity_on_any_forums_url(
    persona: str, client_as: Any, demo: dict[str, Any]
) -> None:
    client = client_as(persona)
    assert len(demo["identities"]) > 10
    outcomes = {}
    for name, kwargs, expected in _targets(demo):
        url = reverse(f"forums:{name}", kwargs=kwargs)
        response = client.get(url)
        outcomes[url] = response.status_code
        assert response.status_code == expected, f"{url} as {persona}"
        text = _text(response)
        for value in demo["identities"]:
            assert value not in text, f"{url} shows a member's identity to {persona}"
    # What the meeting pages do show: the time, the place and the published agenda.
    page = _text(client.get(reverse("forums:meeting", args=[demo["published"].pk])))
    assert demo["accepted"].title in page and "leaflet.pdf" in page
    assert demo["proposal"].title not in page and "member-letter.pdf" not in page
    assert "Attendance" not in page and "Note of the meeting" not in page
    assert "Recording" not in page
    held = _text(client.get(reverse("forums:meeting", args=[demo["held"].pk])))
    assert demo["held"].note.text.split(".")[0] not in held  # not even the final note


def test_a_representatives_own_item_and_document_are_theirs_to_see(
    client_as: Any, personas: dict[str, Any], demo: dict[str, Any]
) -> None:
    police = client_as("police_lead")
    meeting = demo["unpublished"]
    response = police.post(
        reverse("forums:agenda_item_new", args=[meeting.pk]),
        {"title": "Our new letter to victims", "detail": "", "content_note": ""},
    )
    assert response.status_code == 302
    mine = AgendaItem.objects.get(meeting=meeting, title="Our new letter to victims")
    assert mine.proposer_kind == "police" and mine.status == AgendaItemStatus.PROPOSED
    page = _text(police.get(reverse("forums:meeting", args=[meeting.pk])))
    assert "Our new letter to victims" in page
    assert demo["later_item"].title not in page  # a member's proposal, not yet published
    upload = police.get(reverse("forums:document_upload", args=[meeting.pk, mine.pk]))
    assert upload.status_code == 200
    document = services.agenda_document_add(
        actor=personas["police_lead"],
        item=mine,
        upload=ContentFile(b"%PDF-1.4\n", name="letter.pdf"),  # type: ignore[arg-type]
    )
    assert police.get(reverse("forums:document", args=[document.pk])).status_code == 200
    with pytest.raises(PermissionDenied):
        services.agenda_document_add(
            actor=personas["police_lead"],
            item=demo["later_item"],
            upload=ContentFile(b"%PDF-1.4\n", name="x.pdf"),  # type: ignore[arg-type]
        )


def test_the_forum_team_still_sees_members_attendance_and_the_note(
    client_as: Any, demo: dict[str, Any]
) -> None:
    page = _text(
        client_as("facilitator_forum_a").get(reverse("forums:meeting", args=[demo["held"].pk]))
    )
    assert "Attendance" in page and "Note of the meeting" in page
    assert demo["membership"].membership.application.full_name in page
