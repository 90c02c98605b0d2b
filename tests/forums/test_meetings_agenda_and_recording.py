"""Meetings: the co-created agenda (propose, accept, defer, merge, publish), documents for
appraisal, attendance with recording consent, and the recording deleted (file and row,
with a receipt) in the same call that finalises the note."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from forums import rules, services
from forums.ical import meeting_calendar
from forums.models import (
    AgendaItemStatus,
    AttendanceStatus,
    MeetingNote,
    NoteStatus,
    ProposerKind,
    Recording,
)
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent, RetentionReceipt
from tests.forums.test_forums_services import forum_a, forum_b, future_meeting, join, past_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 100


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


@pytest.fixture
def facilitator(personas):
    return personas["facilitator_forum_a"]


# The agenda ------------------------------------------------------------------------------


def test_a_members_item_waits_for_the_facilitator_who_accepts_it(personas, admin, facilitator):
    fm = join(forum_a(personas), admin, email="proposer@example.org")
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(
        actor=fm.user,
        meeting=meeting,
        title="How victims are told about bail",
        detail="Nobody told me.",
        content_note="Mentions domestic abuse.",
    )
    assert item.proposer_kind == ProposerKind.MEMBER
    assert item.status == AgendaItemStatus.PROPOSED
    services.agenda_item_accept(actor=facilitator, item=item)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.ACCEPTED and item.content_note


def test_police_and_oversight_representatives_propose_items_as_themselves(personas, admin):
    forum = forum_a(personas)
    services.forum_settings_set(
        actor=admin,
        forum=forum,
        police_representative=personas["police_lead"],
        oversight_representative=personas["panel_oversight"],
    )
    meeting = future_meeting(forum, admin)
    police = services.agenda_item_propose(
        actor=personas["police_lead"], meeting=meeting, title="Draft letter", detail=""
    )
    oversight = services.agenda_item_propose(
        actor=personas["panel_oversight"], meeting=meeting, title="Survey", detail=""
    )
    assert (police.proposer_kind, oversight.proposer_kind) == ("police", "oversight")
    assert police.status == AgendaItemStatus.PROPOSED


def test_someone_outside_the_forum_cannot_propose(personas, admin):
    meeting = future_meeting(forum_a(personas), admin)
    other = forum_b(personas)
    elsewhere = future_meeting(other, admin)
    services.forum_settings_set(
        actor=admin, forum=other, police_representative=personas["panel_police"]
    )
    with pytest.raises(PermissionDenied):  # forum A's member and police representative
        services.agenda_item_propose(
            actor=personas["member"], meeting=elsewhere, title="X", detail=""
        )
    with pytest.raises(PermissionDenied):
        services.agenda_item_propose(
            actor=personas["police_lead"], meeting=elsewhere, title="X", detail=""
        )
    for key in ("facilitator_partner", "analyst", "officer", "panel_police", "outsider"):
        with pytest.raises(PermissionDenied):
            services.agenda_item_propose(
                actor=personas[key], meeting=meeting, title="Nope", detail=""
            )


def test_items_cannot_be_proposed_for_a_meeting_that_has_started(personas, admin):
    meeting = past_meeting(forum_a(personas), admin)
    with pytest.raises(RuleBroken):
        services.agenda_item_propose(actor=admin, meeting=meeting, title="Late", detail="")


def test_deferring_moves_the_item_to_the_next_meeting(personas, admin, facilitator):
    forum = forum_a(personas)
    first = future_meeting(forum, admin, days=10)
    second = future_meeting(forum, admin, days=52)
    fm = join(forum, admin, email="deferred@example.org")
    item = services.agenda_item_propose(actor=fm.user, meeting=first, title="Later", detail="x")
    services.agenda_item_defer(actor=facilitator, item=item)
    item.refresh_from_db()
    assert item.status == AgendaItemStatus.DEFERRED
    assert item.deferred_to.meeting == second
    assert item.deferred_to.status == AgendaItemStatus.PROPOSED
    assert item.deferred_to.proposed_by == fm.user


def test_merging_folds_an_item_into_another_with_its_detail(personas, admin, facilitator):
    meeting = future_meeting(forum_a(personas), admin)
    keep = services.agenda_item_propose(actor=facilitator, meeting=meeting, title="A", detail="a")
    fold = services.agenda_item_propose(actor=facilitator, meeting=meeting, title="B", detail="b")
    services.agenda_item_merge(actor=facilitator, item=fold, into=keep)
    keep.refresh_from_db()
    fold.refresh_from_db()
    assert fold.status == AgendaItemStatus.MERGED and fold.merged_into == keep
    assert "B: b" in keep.detail


def test_publishing_tells_active_members_once(personas, admin, facilitator):
    forum = forum_a(personas)
    join(forum, admin, email="reader@example.org")
    active = forum.memberships.filter(status="active").count()  # with the cast's member
    meeting = future_meeting(forum, admin)
    with pytest.raises(RuleBroken):
        services.agenda_publish(actor=facilitator, meeting=meeting)  # nothing accepted yet
    services.agenda_item_propose(actor=facilitator, meeting=meeting, title="Leaflet", detail="")
    assert services.agenda_publish(actor=facilitator, meeting=meeting) == active
    assert Message.objects.filter(template="meeting_agenda").count() == active
    assert services.agenda_publish(actor=facilitator, meeting=meeting) == 0


def test_the_agenda_is_due_the_set_number_of_days_before(personas, admin, settings):
    settings.FORUM_AGENDA_PUBLISH_DAYS = 10
    meeting = future_meeting(forum_a(personas), admin, days=30)
    start = meeting.local_start.date()
    assert (start - rules.agenda_due_on(meeting)).days == 10


# Documents for appraisal ---------------------------------------------------------------------


def test_a_document_is_stored_under_a_random_private_name(personas, admin, facilitator):
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(actor=facilitator, meeting=meeting, title="L", detail="")
    upload = SimpleUploadedFile("Jane Smith leaflet.pdf", b"%PDF-1.7 draft", "application/pdf")
    document = services.agenda_document_add(actor=facilitator, item=item, upload=upload)
    assert document.file.name.startswith("private/forums/documents/")
    assert "Jane" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.original_name == "Jane Smith leaflet.pdf"
    assert default_storage.exists(document.file.name)


@pytest.mark.parametrize(
    ("name", "content", "why"),
    [
        ("run.exe", b"MZ....", "type"),
        ("fake.pdf", b"<html>not a pdf", "type its name says"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_documents_of_the_wrong_type_or_empty_are_refused(
    personas, admin, facilitator, name, content, why
):
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(actor=facilitator, meeting=meeting, title="L", detail="")
    with pytest.raises(RuleBroken, match=why):
        services.agenda_document_add(
            actor=facilitator, item=item, upload=SimpleUploadedFile(name, content)
        )


def test_documents_over_the_size_limit_are_refused(personas, admin, facilitator, settings):
    settings.FORUM_DOCUMENT_MAX_BYTES = 1024 * 1024
    meeting = future_meeting(forum_a(personas), admin)
    item = services.agenda_item_propose(actor=facilitator, meeting=meeting, title="L", detail="")
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024))
    with pytest.raises(RuleBroken, match="smaller than 1 MB"):
        services.agenda_document_add(actor=facilitator, item=item, upload=big)


# The calendar file -------------------------------------------------------------------------


def test_the_calendar_file_has_the_time_place_and_no_member_names(personas, admin):
    from forums.models import Venue

    venue = Venue.objects.create(name="City Hall", accessibility="Step-free entrance")
    meeting = future_meeting(forum_a(personas), admin)
    services.meeting_update(actor=admin, meeting=meeting, venue=venue)
    join(forum_a(personas), admin, email="private.person@example.org")
    ics = meeting_calendar(meeting).decode()
    assert "BEGIN:VEVENT" in ics and "DTSTART" in ics and "DTEND" in ics
    assert "City Hall" in ics and "Step-free entrance" in ics
    assert "Robin" not in ics and "private.person" not in ics


# Attendance, recording and the note ----------------------------------------------------------


def _attended(meeting, admin, fms, *, consent=True):
    for fm in fms:
        services.attendance_record(
            actor=admin,
            meeting=meeting,
            forum_membership=fm,
            status=AttendanceStatus.ATTENDED,
            recording_consent=consent,
        )


def _mp3():
    return SimpleUploadedFile("meeting.mp3", MP3, "audio/mpeg")


def test_a_recording_is_refused_until_every_attendee_agreed(personas, admin, facilitator):
    forum = forum_a(personas)
    yes = join(forum, admin, email="yes@example.org")
    no = join(forum, admin, email="no@example.org")
    meeting = past_meeting(forum, admin)
    with pytest.raises(RuleBroken, match="attended"):
        services.recording_upload(
            actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=True
        )
    _attended(meeting, admin, [yes])
    _attended(meeting, admin, [no], consent=False)
    with pytest.raises(RuleBroken, match="not agreed"):
        services.recording_upload(
            actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=True
        )
    services.attendance_record(
        actor=admin, meeting=meeting, forum_membership=no, status=AttendanceStatus.APOLOGIES
    )
    with pytest.raises(RuleBroken, match="everyone else"):
        services.recording_upload(
            actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=False
        )
    recording = services.recording_upload(
        actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=True
    )
    assert recording.file.name.startswith("private/forums/recordings/")
    assert Recording.objects.filter(meeting=meeting).count() == 1


def _recorded_meeting(personas, admin, facilitator):
    forum = forum_a(personas)
    fm = join(forum, admin, email="recorded@example.org")
    meeting = past_meeting(forum, admin)
    _attended(meeting, admin, [fm])
    recording = services.recording_upload(
        actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=True
    )
    return meeting, recording


def test_finalising_the_note_deletes_the_recording_file_and_row_and_writes_a_receipt(
    personas, admin, facilitator
):
    meeting, recording = _recorded_meeting(personas, admin, facilitator)
    name = recording.file.name
    assert default_storage.exists(name)
    note = services.note_save(actor=facilitator, meeting=meeting, text="We discussed bail.")
    services.note_share(actor=facilitator, note=note)
    services.note_finalise(actor=facilitator, note=note)
    assert not default_storage.exists(name)
    assert not Recording.objects.filter(meeting=meeting).exists()
    receipt = RetentionReceipt.objects.get(rule="forums.recording_deleted_at_note")
    assert receipt.count == 1 and receipt.completed and receipt.action == "delete"
    assert AuditEvent.objects.filter(
        action="forums.recording_deleted", object_type="forums.meeting", object_id=str(meeting.pk)
    ).exists()
    note.refresh_from_db()
    assert note.status == NoteStatus.FINAL


def test_a_final_note_is_read_only_and_no_recording_can_follow(personas, admin, facilitator):
    meeting, _recording = _recorded_meeting(personas, admin, facilitator)
    note = services.note_save(actor=facilitator, meeting=meeting, text="Agreed actions.")
    services.note_share(actor=facilitator, note=note)
    services.note_finalise(actor=facilitator, note=note)
    with pytest.raises(RuleBroken):
        services.note_save(actor=facilitator, meeting=meeting, text="Changed later")
    with pytest.raises(RuleBroken):
        services.recording_upload(
            actor=facilitator, meeting=meeting, upload=_mp3(), others_consented=True
        )
    assert MeetingNote.objects.get(meeting=meeting).text == "Agreed actions."


def test_a_note_must_be_checked_for_personal_details_and_shared_before_it_is_final(
    personas, admin, facilitator
):
    meeting = past_meeting(forum_a(personas), admin)
    note = services.note_save(
        actor=facilitator, meeting=meeting, text="Jane Smith of 12 Acacia Road spoke first."
    )
    assert note.redaction is not None and note.redaction.spans  # findings to show
    with pytest.raises(RuleBroken):
        services.note_finalise(actor=facilitator, note=note)  # not shared yet
    services.note_share(actor=facilitator, note=note)
    assert MeetingNote.objects.get(pk=note.pk).status == NoteStatus.SHARED


def test_co_chairs_comment_on_and_approve_a_shared_note(personas, admin, facilitator):
    forum = forum_a(personas)
    chair = join(forum, admin, email="chair@example.org")
    forum.co_chairs.add(chair.user)
    meeting = past_meeting(forum, admin)
    note = services.note_save(actor=facilitator, meeting=meeting, text="Notes.")
    with pytest.raises(RuleBroken):
        services.note_review_add(actor=chair.user, note=note, approved=True)  # still a draft
    services.note_share(actor=facilitator, note=note)
    services.note_review_add(actor=chair.user, note=note, comment="Add the date.", approved=True)
    assert note.reviews.get().approved
    plain = join(forum, admin, email="not-a-chair@example.org")
    with pytest.raises(PermissionDenied):  # a member who is not a co-chair
        services.note_review_add(actor=plain.user, note=note, approved=True)
    # A representative named co-chair never reads the draft note (it may still name people).
    forum.co_chairs.add(personas["police_lead"])
    assert forum.police_representative == personas["police_lead"]
    with pytest.raises(PermissionDenied):
        services.note_review_add(actor=personas["police_lead"], note=note, approved=True)


def test_a_stored_recording_file_is_removed_when_its_meetings_are_purged(
    personas, admin, facilitator
):
    from forums.models import Meeting
    from forums.retention import delete_meetings_with_files

    meeting, recording = _recorded_meeting(personas, admin, facilitator)
    name = recording.file.name
    assert delete_meetings_with_files(Meeting.objects.filter(pk=meeting.pk)) == 1
    assert not default_storage.exists(name)


def test_saving_the_note_again_replaces_the_earlier_check(personas, admin, facilitator):
    from redaction.models import RedactedText

    meeting = past_meeting(forum_a(personas), admin)
    services.note_save(actor=facilitator, meeting=meeting, text="First draft by Jane Smith.")
    note = services.note_save(actor=facilitator, meeting=meeting, text="Second draft.")
    checks = RedactedText.objects.filter(purpose="forum_note", source_id=str(note.pk))
    assert list(checks) == [note.redaction]
