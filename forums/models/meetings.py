"""Meetings of a forum: venues, the agenda and its documents, attendance with recording
consent, the recording (deleted when the note is finalised) and the meeting note."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _private_name(folder: str, filename: str) -> str:
    """A random storage name that keeps only the extension: no personal data in paths."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"private/forums/{folder}/{uuid.uuid4().hex}{suffix}"


def agenda_document_path(instance: models.Model, filename: str) -> str:
    return _private_name("documents", filename)


def recording_path(instance: models.Model, filename: str) -> str:
    return _private_name("recordings", filename)


class Venue(models.Model):
    """Where meetings are held, with what a member needs to know to get in and around."""

    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True, default="")
    accessibility = models.TextField(
        _("accessibility information"),
        blank=True,
        default="",
        help_text=_("Step-free access, lifts, toilets, hearing loop, quiet room, parking."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class Meeting(models.Model):
    forum = models.ForeignKey(
        "forums.Forum", verbose_name=_("forum"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200, blank=True, default="")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=120)
    format = models.CharField(
        _("format"), max_length=16, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    online_joining = models.CharField(
        _("how to join online"), max_length=500, blank=True, default=""
    )
    series = models.UUIDField(null=True, blank=True, db_index=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(
        _("why the meeting is cancelled"), max_length=500, blank=True, default=""
    )
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["forum", "starts_at"])]

    def __str__(self) -> str:
        return self.title or f"Meeting {self.pk}"

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def local_start(self) -> datetime:
        """When it starts, in the service's time zone (for pages and messages)."""
        return timezone.localtime(self.starts_at)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def agenda_is_published(self) -> bool:
        return self.agenda_published_at is not None


class ProposerKind(models.TextChoices):
    MEMBER = "member", _("Member")
    POLICE = "police", _("Police representative")
    OVERSIGHT = "oversight", _("Oversight body representative")
    FACILITATOR = "facilitator", _("Facilitator")


class AgendaItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DEFERRED = "deferred", _("Deferred to the next meeting")
    MERGED = "merged", _("Merged into another item")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = models.CharField(_("title"), max_length=200)
    detail = models.TextField(_("detail"), blank=True, default="")
    content_note = models.TextField(
        _("content note"),
        blank=True,
        default="",
        help_text=_("What may be difficult to hear or talk about."),
    )
    proposer_kind = models.CharField(
        max_length=16, choices=ProposerKind.choices, default=ProposerKind.FACILITATOR
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items_proposed",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=AgendaItemStatus.choices,
        default=AgendaItemStatus.PROPOSED,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_items"
    )
    deferred_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="deferred_from"
    )
    position = models.PositiveSmallIntegerField(default=0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaDocument(models.Model):
    """A document for appraisal (a draft leaflet, letter, process). Stored privately; served
    only through forums.views, which checks the forum."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(upload_to=agenda_document_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    APOLOGIES = "apologies", _("Sent apologies")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not attend")


class Attendance(models.Model):
    """One member at one meeting: invited, apologies, attended or absent, and whether they
    agreed to the meeting being recorded."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    forum_membership = models.ForeignKey(
        "forums.ForumMembership", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(
        _("attendance"),
        max_length=16,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.INVITED,
    )
    recording_consent = models.BooleanField(_("agreed to recording"), null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting", "forum_membership"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "forum_membership"], name="forums_one_attendance_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"Attendance {self.pk}"


class Recording(models.Model):
    """A recording for note taking, only with every attendee's consent. Deleted (file and
    row) by forums.services.note_finalise."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="recording")
    file = models.FileField(upload_to=recording_path, max_length=300)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Recording {self.pk}"


class NoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("With the co-chairs to check")
    FINAL = "final", _("Final")


class MeetingNote(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="note")
    text = models.TextField(_("note"), blank=True, default="")
    status = models.CharField(
        _("status"), max_length=16, choices=NoteStatus.choices, default=NoteStatus.DRAFT
    )
    redaction = models.ForeignKey(
        "redaction.RedactedText", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Note {self.pk}"

    @property
    def is_final(self) -> bool:
        return self.status == NoteStatus.FINAL


class NoteReview(models.Model):
    """A co-chair's comment on a shared note, or their approval."""

    note = models.ForeignKey(MeetingNote, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    comment = models.TextField(_("comment"), blank=True, default="")
    approved = models.BooleanField(_("approved"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Review {self.pk}"
