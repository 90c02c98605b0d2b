"""The meeting pages: agenda items, publishing, documents, attendance, the recording, the
note with its personal-details check, co-chairs' review, and the calendar file."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forums import services
from forums.models import AgendaItem, AttendanceStatus, MeetingNote, NoteStatus, Recording
from tests.forums.test_forums_services import forum_a, future_meeting, join, past_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

MP3 = b"ID3\x04\x00" + b"\x00" * 64


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


@pytest.fixture
def fac(client_as):
    return client_as("facilitator_forum_a")


def test_the_facilitator_adds_accepts_and_publishes_an_agenda(fac, personas, admin):
    forum = forum_a(personas)
    fm = join(forum, admin, email="agenda@example.org")
    meeting = future_meeting(forum, admin)
    proposed = services.agenda_item_propose(
        actor=fm.user, meeting=meeting, title="Being kept informed", detail="Updates stopped."
    )
    response = fac.post(
        reverse("forums:agenda_item_new", args=[meeting.pk]),
        {"title": "Draft leaflet", "detail": "", "content_note": "Mentions stalking."},
    )
    assert response.status_code == 302
    response = fac.post(
        reverse("forums:agenda_item_decide", args=[meeting.pk, proposed.pk]),
        {"decision": "accept", "content_note": "Talks about a court case."},
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "accepted" and proposed.content_note == "Talks about a court case."
    page = fac.get(reverse("forums:agenda_publish", args=[meeting.pk]))
    assert "Being kept informed" in page.content.decode()
    fac.post(reverse("forums:agenda_publish", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None


def test_merging_needs_an_item_to_merge_into(fac, personas, admin):
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(actor=admin, meeting=meeting, title="A", detail="")
    response = fac.post(
        reverse("forums:agenda_item_decide", args=[meeting.pk, item.pk]), {"decision": "merge"}
    )
    assert response.status_code == 200
    assert "Select the item to merge it into" in response.content.decode()


def test_a_document_uploaded_is_served_only_through_the_checked_view(
    fac, client_as, personas, admin
):
    forum = forum_a(personas)
    meeting = future_meeting(forum, admin)
    item = services.agenda_item_propose(actor=admin, meeting=meeting, title="Leaflet", detail="")
    response = fac.post(
        reverse("forums:document_upload", args=[meeting.pk, item.pk]),
        {"file": SimpleUploadedFile("leaflet.pdf", b"%PDF-1.7 hello", "application/pdf")},
    )
    assert response.status_code == 302
    document = item.documents.get()
    download = fac.get(reverse("forums:document", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 hello"
    assert "no-store" in download["Cache-Control"]
    assert 'filename="leaflet.pdf"' in download["Content-Disposition"]
    # A member of the forum sees it only once the agenda is published.
    fm = join(forum, admin, email="appraiser@example.org")
    member = client_as("member")
    member.force_login(fm.user)
    assert member.get(reverse("forums:document", args=[document.pk])).status_code == 404
    services.agenda_publish(actor=admin, meeting=meeting)
    assert member.get(reverse("forums:document", args=[document.pk])).status_code == 200


def test_an_executable_is_refused_with_an_error_on_the_page(fac, personas, admin):
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(actor=admin, meeting=meeting, title="L", detail="")
    response = fac.post(
        reverse("forums:document_upload", args=[meeting.pk, item.pk]),
        {"file": SimpleUploadedFile("tool.exe", b"MZ")},
    )
    assert response.status_code == 200
    assert "must be one of these types" in response.content.decode()
    assert not item.documents.exists()


def test_attendance_and_consent_then_a_recording_then_the_final_note_removes_it(
    fac, personas, admin
):
    forum = forum_a(personas)
    came = join(forum, admin, email="came@example.org")
    away = join(forum, admin, email="away@example.org")
    meeting = past_meeting(forum, admin)
    # The cast's own members of forum A (the member persona) came and agreed too.
    others = forum.memberships.exclude(pk__in=[came.pk, away.pk])
    fac.post(
        reverse("forums:attendance", args=[meeting.pk]),
        {
            f"status_{came.pk}": "attended",
            f"consent_{came.pk}": "yes",
            f"status_{away.pk}": "apologies",
            f"consent_{away.pk}": "",
            **{f"status_{fm.pk}": "attended" for fm in others},
            **{f"consent_{fm.pk}": "yes" for fm in others},
        },
    )
    assert meeting.attendances.get(forum_membership=came).recording_consent is True
    assert meeting.attendances.get(forum_membership=away).status == AttendanceStatus.APOLOGIES
    response = fac.post(
        reverse("forums:recording_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("m.mp3", MP3, "audio/mpeg")},
    )
    assert "Confirm that everyone else" in response.content.decode()
    fac.post(
        reverse("forums:recording_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("m.mp3", MP3, "audio/mpeg"), "others_consented": "on"},
    )
    recording = Recording.objects.get(meeting=meeting)
    name = recording.file.name
    assert fac.get(reverse("forums:recording", args=[meeting.pk])).status_code == 200

    fac.post(reverse("forums:note", args=[meeting.pk]), {"text": "Sam Jones spoke about bail."})
    page = fac.get(reverse("forums:note", args=[meeting.pk])).content.decode()
    assert '<mark class="vv-redaction">' in page  # the findings are shown highlighted
    fac.post(reverse("forums:note_share", args=[meeting.pk]))
    fac.post(reverse("forums:note_finalise", args=[meeting.pk]))
    assert MeetingNote.objects.get(meeting=meeting).status == NoteStatus.FINAL
    assert not Recording.objects.filter(meeting=meeting).exists()
    assert not default_storage.exists(name)
    assert fac.get(reverse("forums:recording", args=[meeting.pk])).status_code == 404
    page = fac.get(reverse("forums:meeting", args=[meeting.pk])).content.decode()
    assert "No recording is kept: the note is final." in page


def test_a_co_chair_reviews_the_shared_note(client_as, personas, admin):
    forum = forum_a(personas)
    chair = join(forum, admin, email="cochair@example.org")
    forum.co_chairs.add(chair.user)
    meeting = past_meeting(forum, admin)
    note = services.note_save(actor=admin, meeting=meeting, text="Draft.")
    client = client_as("member")
    client.force_login(chair.user)
    url = reverse("forums:note_review", args=[meeting.pk])
    assert client.get(url).status_code == 404  # still a draft
    services.note_share(actor=admin, note=note)
    assert client.get(url).status_code == 200
    client.post(url, {"comment": "Looks right.", "approved": "on"})
    assert note.reviews.get().approved


def test_the_calendar_file_downloads_for_the_forums_member(client_as, personas, admin):
    forum = forum_a(personas)
    fm = join(forum, admin, email="calendar@example.org")
    meeting = future_meeting(forum, admin)
    client = client_as("member")
    client.force_login(fm.user)
    response = client.get(reverse("forums:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content


def test_a_police_representative_proposes_but_cannot_decide(client_as, personas, admin):
    forum = forum_a(personas)
    services.forum_settings_set(
        actor=admin, forum=forum, police_representative=personas["police_lead"]
    )
    meeting = future_meeting(forum, admin)
    police = client_as("police_lead")
    assert police.get(reverse("forums:meeting", args=[meeting.pk])).status_code == 200
    police.post(
        reverse("forums:agenda_item_new", args=[meeting.pk]), {"title": "New letter", "detail": ""}
    )
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.proposer_kind == "police" and item.status == "proposed"
    response = police.get(reverse("forums:agenda_item_decide", args=[meeting.pk, item.pk]))
    assert response.status_code == 403
