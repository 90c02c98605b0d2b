"""The feedback loop: what forum members say, what the forum asks the police to do, and what
the police do about it (docs/insights.md).

- A facilitator records **feedback points** against a meeting (and an agenda item). The words
  go through the redaction service (purpose "feedback_point"); the point is usable outside
  the forum team only once the facilitator has confirmed the redacted text
  (`confirmed_at`, with the RedactedText released). Show a point's words only through
  `redaction.services.require_released(point.text)`; never read `point.text.original`.
- The programme team raises **recommendations** from one or more confirmed points (from one
  or several meetings of one forum) and chooses an **owner area** (led by police
  professional leads).
- Police leads answer each recommendation with a **police response** (accepted, partly
  accepted, not accepted: a reason is required for anything short of accepted), then
  **progress updates** (update, evidence of change, done).
- Members hear back through "you said, we did" (insights/services/yousaid.py): a **member
  digest** records which recommendations a member was told had moved, at most one digest
  per six weeks.

Visibility of recommendations to police leads follows **PoliceLeadProfile.position**: the
Head of Profession and Lead Responsible Officers see all; a professional lead sees those of
the owner areas they lead (OwnerArea.leads). insights.selectors applies it.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField


class Theme(models.Model):
    """A tag from the managed list of themes (first contact, being kept informed, ...).

    Programme admins add, rename and retire themes; a retired theme (`active=False`) stays
    on the points that carry it but is no longer offered."""

    slug = models.SlugField(_("short name"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True, default="")
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (Welsh when it is set and Welsh is active)."""
        from django.utils.translation import get_language

        if self.name_cy and (get_language() or "").startswith("cy"):
            return self.name_cy
        return self.name


class OwnerArea(models.Model):
    """A police area that owns recommendations (for example "Contact and call handling"),
    led by one or more police professional leads (`leads`)."""

    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True, default="")
    active = models.BooleanField(_("in use"), default=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional leads"),
        blank=True,
        related_name="owner_areas_led",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("owner area")

    def __str__(self) -> str:
        return self.name


class PolicePosition(models.TextChoices):
    HEAD_OF_PROFESSION = "head_of_profession", _("Head of Profession for Victim Care")
    LEAD_RESPONSIBLE_OFFICER = "lead_responsible_officer", _("Lead Responsible Officer")
    PROFESSIONAL_LEAD = "professional_lead", _("Professional lead")


# Positions that see every recommendation across forums.
SEES_ALL_POSITIONS = (PolicePosition.HEAD_OF_PROFESSION, PolicePosition.LEAD_RESPONSIBLE_OFFICER)


class PoliceLeadProfile(models.Model):
    """A police lead's position. A police lead without a profile is a professional lead
    with no area (sees no recommendation until an area lists them as a lead)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="police_lead_profile"
    )
    position = models.CharField(
        _("position"),
        max_length=32,
        choices=PolicePosition.choices,
        default=PolicePosition.PROFESSIONAL_LEAD,
    )

    class Meta:
        verbose_name = _("police lead profile")

    def __str__(self) -> str:
        return f"Police lead profile {self.pk} ({self.position})"

    @property
    def sees_all(self) -> bool:
        return self.position in SEES_ALL_POSITIONS


class PointKind(models.TextChoices):
    INSIGHT = "insight", _("Insight")
    CONCERN = "concern", _("Concern")
    PRAISE = "praise", _("Praise")
    REQUEST = "request", _("Request")


class FeedbackPoint(models.Model):
    """One thing the forum said at a meeting, in the facilitator's words, never naming a
    member. `text` holds the words (original encrypted, redacted version released when the
    facilitator confirms); show them only via require_released(point.text)."""

    forum = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        related_name="feedback_points",
    )
    # CASCADE, not PROTECT: the nightly purge deletes a forum's meetings (forums.meetings)
    # before its points (insights.feedback_points, a month earlier) only if a month of runs
    # was missed; a protected meeting would then stop every later run (docs/insights.md).
    meeting = models.ForeignKey(
        "forums.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="feedback_points",
    )
    agenda_item = models.ForeignKey(
        "forums.AgendaItem",
        verbose_name=_("agenda item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_points",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=PointKind.choices)
    text = models.OneToOneField(
        "redaction.RedactedText",
        verbose_name=_("text"),
        on_delete=models.PROTECT,
        related_name="feedback_point",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="points"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("feedback point")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"FP-{self.pk:05d}" if self.pk else "FP-new"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecommendationStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", _("Waiting for a police response")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    DONE = "done", _("Done")


def response_due_for(raised_on: date) -> date:
    """The date a police response is due for a recommendation raised on `raised_on`."""
    return raised_on + timedelta(days=settings.RECOMMENDATION_RESPONSE_DAYS)


class Recommendation(models.Model):
    """What a forum asks the police to do, and why, raised from one or more feedback points.

    `updated_at` moves with every status, response or progress change ("moved" for the
    members' digests). `response_due` is fixed when raised."""

    forum = models.ForeignKey(
        "forums.Forum",
        verbose_name=_("forum"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    title = models.CharField(_("title"), max_length=200)
    ask = EncryptedTextField(_("what the forum asks the police to do"))
    why = EncryptedTextField(_("why"))
    points = models.ManyToManyField(
        FeedbackPoint, verbose_name=_("feedback points"), related_name="recommendations"
    )
    owner_area = models.ForeignKey(
        OwnerArea,
        verbose_name=_("owner area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
    )
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.AWAITING_RESPONSE,
        db_index=True,
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    raised_at = models.DateTimeField(_("raised"), default=timezone.now, db_index=True)
    response_due = models.DateField(_("response due"))
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"REC-{self.pk:04d}" if self.pk else "REC-new"

    @property
    def is_overdue(self) -> bool:
        """Still waiting for a police response after the date it was due."""
        return (
            self.status == RecommendationStatus.AWAITING_RESPONSE
            and timezone.localdate() > self.response_due
        )

    @property
    def age_days(self) -> int:
        """Whole days since it was raised."""
        return (timezone.localdate() - timezone.localdate(self.raised_at)).days


class ResponseDecision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class PoliceResponse(models.Model):
    """The police answer to a recommendation. `owner` is a job title (a role, not a person's
    name). A reason is required unless the decision is accepted (service and DB)."""

    recommendation = models.OneToOneField(
        Recommendation, on_delete=models.CASCADE, related_name="response"
    )
    decision = models.CharField(_("decision"), max_length=24, choices=ResponseDecision.choices)
    reason = EncryptedTextField(_("reason"), blank=True, default="")
    owner = models.CharField(_("owner (job title)"), max_length=160, blank=True, default="")
    actions = EncryptedTextField(_("actions"), blank=True, default="")
    target_date = models.DateField(_("target date"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded"), default=timezone.now)
    # Whether a reason was given, kept in clear so the database can enforce the rule (the
    # reason itself is encrypted, and an encrypted empty string is not empty).
    has_reason = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("police response")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision="accepted") | models.Q(has_reason=True),
                name="insights_response_reason_unless_accepted",
            )
        ]

    def __str__(self) -> str:
        return f"Police response {self.pk} ({self.decision})"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.has_reason = bool((self.reason or "").strip())
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"has_reason"}
        super().save(*args, **kwargs)


class ProgressKind(models.TextChoices):
    UPDATE = "update", _("Progress update")
    EVIDENCE = "evidence", _("Evidence of change")
    DONE = "done", _("Done")


class ProgressUpdate(models.Model):
    """A step after the response. Recording kind=done sets the recommendation to done."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress_updates"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ProgressKind.choices)
    text = EncryptedTextField(_("what happened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("progress update")

    def __str__(self) -> str:
        return f"Progress update {self.pk} ({self.kind})"


# At most one digest per member per this many days.
DIGEST_INTERVAL_DAYS = 42


class MemberDigest(models.Model):
    """One "you said, we did" digest sent to a member about their forum, listing the
    recommendations reported as moved. At most one per member per DIGEST_INTERVAL_DAYS."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_digests"
    )
    forum = models.ForeignKey(
        "forums.Forum", on_delete=models.CASCADE, related_name="member_digests"
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="digests")

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("member digest")

    def __str__(self) -> str:
        return f"Member digest {self.pk}"
