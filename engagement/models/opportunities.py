"""Partner requests, the Terms of Reference they are held to, and opportunities with their
material, slots and bookings (docs/engagement.md).

A partner agency's request is approved by the programme team before anyone is contacted;
an approved request becomes an opportunity. The programme team can also create an
opportunity of its own (no request).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField


class Terms(models.Model):
    """The Terms of Reference partners are held to. A change is a new row from a date, so a
    request already submitted keeps the deadlines it was given."""

    effective_from = models.DateField(_("from"), unique=True)
    # The least notice a request must give: working days from submission to the first date
    # the partner wants people to take part.
    min_notice_working_days = models.PositiveSmallIntegerField(
        _("least notice a request must give (working days)"), default=15
    )
    # Working days within which the programme team approves, asks for changes or declines.
    decision_working_days = models.PositiveSmallIntegerField(
        _("working days to decide on a request"), default=5
    )
    # How often one person may be asked: at most `invite_cap` invitations in `cap_days`.
    invite_cap = models.PositiveSmallIntegerField(
        _("most invitations one person gets in the period"), default=3
    )
    cap_days = models.PositiveSmallIntegerField(_("the period (days)"), default=90)
    # Days the partner has, after results are released, to say what they changed.
    response_days = models.PositiveSmallIntegerField(
        _("days for the partner to say what they changed"), default=30
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("terms of reference")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"Terms from {self.effective_from}"


class Kind(models.TextChoices):
    SURVEY = "survey", _("Survey")
    DOCUMENT_REVIEW = "document_review", _("Document review")
    VIDEO_REVIEW = "video_review", _("Video review")
    CALL_TESTING = "call_testing", _("Call testing")
    GROUP_DISCUSSION = "group_discussion", _("Group discussion")
    INTERVIEW = "interview", _("Interview for training material")


class Sensitivity(models.TextChoices):
    STANDARD = "standard", _("Standard")
    SENSITIVE = "sensitive", _("Sensitive: content notes shown first")
    # Never served outside the force and the programme team (a training film).
    INTERNAL_ONLY = "internal_only", _("Internal only: never shared outside")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for a decision")
    CHANGES_REQUESTED = "changes_requested", _("Changes asked for")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PartnerRequest(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="engagement_requests"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    what_to_learn = models.TextField(_("what you want to learn"))
    kind = models.CharField(_("kind of opportunity"), max_length=20, choices=Kind.choices)
    people_wanted = models.PositiveSmallIntegerField(_("how many people"))
    starts_on = models.DateField(_("first date people would take part"))
    ends_on = models.DateField(_("last date people would take part"))
    material_description = models.TextField(_("the material"), blank=True, default="")
    material = models.FileField(upload_to="engagement/requests/", blank=True, default="")
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED, db_index=True
    )
    terms = models.ForeignKey(Terms, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    # The working day by which the programme team must decide (the Terms in force then).
    decide_by = models.DateField(_("decision due by"))
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it was declined or what needs changing: shown to the partner.
    decision_reason = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["decide_by", "id"]

    def __str__(self) -> str:
        return f"Partner request {self.pk}"


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Being prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    RESULTS_RELEASED = "results_released", _("Results released")


class Opportunity(models.Model):
    request = models.OneToOneField(
        PartnerRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunity"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
        db_index=True,
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=16, choices=Sensitivity.choices, default=Sensitivity.STANDARD
    )
    # What participants read, in English and Welsh (Welsh falls back to English when empty).
    asked_by = models.CharField(_("who is asking"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200, blank=True, default="")
    purpose = models.TextField(_("what it is for"))
    purpose_cy = models.TextField(_("what it is for (Welsh)"), blank=True, default="")
    involves = models.TextField(_("what it involves"))
    involves_cy = models.TextField(_("what it involves (Welsh)"), blank=True, default="")
    duration_minutes = models.PositiveSmallIntegerField(_("how long it takes (minutes)"))
    content_notes = models.TextField(_("content notes"), blank=True, default="")
    content_notes_cy = models.TextField(_("content notes (Welsh)"), blank=True, default="")
    recognition = models.CharField(
        _("recognition or payment"), max_length=300, blank=True, default=""
    )
    payment_pence = models.PositiveIntegerField(_("payment (pence)"), default=0)

    # Who is eligible: empty means anyone.
    areas = models.JSONField(_("areas"), default=list, blank=True)
    crime_kinds = models.JSONField(
        _("experience of these kinds of crime"), default=list, blank=True
    )
    age_bands = models.JSONField(_("age bands"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    formats = models.JSONField(_("ways of taking part"), default=list, blank=True)

    places = models.PositiveSmallIntegerField(_("how many people are wanted"))
    reserves = models.PositiveSmallIntegerField(_("reserves"), default=0)
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    # Interview for training material: what consent is asked for.
    recording_used_for = models.TextField(
        _("what the recording is used for"), blank=True, default=""
    )
    recording_seen_by = models.TextField(_("who sees the recording"), blank=True, default="")
    withdraw_until = models.DateField(_("consent can be withdrawn until"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Survey answers are anonymised (unlinked from people) when the opportunity closes.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    # Results back to the partner.
    results_released_at = models.DateTimeField(null=True, blank=True)
    results_released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the partner changed because of it, by `change_due_on` (a reminder before).
    change_due_on = models.DateField(null=True, blank=True)
    change_reminded_at = models.DateTimeField(null=True, blank=True)
    what_changed = models.TextField(_("what we changed"), blank=True, default="")
    what_changed_cy = models.TextField(_("what we changed (Welsh)"), blank=True, default="")
    what_changed_at = models.DateTimeField(null=True, blank=True)
    what_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "opportunities"
        ordering = ["-opens_at", "id"]

    def __str__(self) -> str:
        return f"Opportunity {self.pk} ({self.kind})"

    @property
    def internal_only(self) -> bool:
        return self.sensitivity == Sensitivity.INTERNAL_ONLY


class MaterialKind(models.TextChoices):
    DOCUMENT = "document", _("Document (PDF)")
    VIDEO = "video", _("Video")


class Material(models.Model):
    """A document or video for a review. Served only through a checked view, never by a
    public file URL (storage under MEDIA_ROOT/engagement/material/, not served)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="material")
    kind = models.CharField(max_length=10, choices=MaterialKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="engagement/material/")
    content_type = models.CharField(max_length=100)
    # Internal-only material is never served outside the force and the programme team,
    # whatever the opportunity's sensitivity.
    internal_only = models.BooleanField(_("internal only"), default=False)
    # Document review: the sections comments are made against, in order.
    sections = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Material {self.pk}"


class MaterialGrant(models.Model):
    """Access to one piece of material for one invited participant, until it expires."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="grants")
    invitation = models.ForeignKey(
        "engagement.Invitation", on_delete=models.CASCADE, related_name="grants"
    )
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["material", "invitation"], name="engagement_one_grant")
        ]

    def __str__(self) -> str:
        return f"Material grant {self.pk}"


class DocumentComment(models.Model):
    """A participant's comment on one section of a document; its words go through redaction
    review (redaction.RedactedText) before the partner reads them."""

    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(max_length=200)
    text = models.OneToOneField(
        "redaction.RedactedText", on_delete=models.PROTECT, related_name="+"
    )
    # Linked to the invitation until the opportunity is anonymised.
    invitation = models.ForeignKey(
        "engagement.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Document comment {self.pk}"


class SlotMode(models.TextChoices):
    PHONE = "phone", _("By phone")
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


class Slot(models.Model):
    """A time to take part (call testing, a group discussion, an interview)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(_("how"), max_length=10, choices=SlotMode.choices)
    capacity = models.PositiveSmallIntegerField(_("places"))
    # Venue or joining link, sent only to people with a confirmed place.
    where = EncryptedTextField(_("venue or link"), blank=True, default="")

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"Slot {self.pk}"


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Booking(models.Model):
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    invitation = models.ForeignKey(
        "engagement.Invitation", on_delete=models.CASCADE, related_name="bookings"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Details for the day (a number to ring, access arrangements): asked for only once a
    # place is confirmed, never from someone on the waiting list.
    details = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "invitation"],
                condition=~models.Q(status="cancelled"),
                name="engagement_one_live_booking",
            )
        ]

    def __str__(self) -> str:
        return f"Booking {self.pk}"


class InterviewConsent(models.Model):
    """Consent to be recorded for training material: what it is used for, who sees it and
    until when it can be withdrawn, as they were shown."""

    invitation = models.OneToOneField(
        "engagement.Invitation", on_delete=models.CASCADE, related_name="interview_consent"
    )
    used_for = models.TextField()
    who_sees = models.TextField()
    withdraw_until = models.DateField()
    consented_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Interview consent {self.pk}"
