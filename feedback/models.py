"""Post-contact feedback ("My Met Service"): where feedback comes from (boroughs, teams,
officers and their codes, invitations), what the form asks (questions and their wording in
each language) and what people answered (responses, routed comments). See docs/feedback.md.

Nothing that identifies the person who gives feedback is kept on a response: the only free
text (the comment) is a RedactedText, and the equality answers are optional bands.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField


class Borough(models.Model):
    """A London borough (or the City of London), with its ONS code."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.CharField(_("ONS code"), max_length=9, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("borough")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A police team ("Camden response team A") working in one borough."""

    name = models.CharField(_("name"), max_length=200)
    borough = models.ForeignKey(
        Borough, verbose_name=_("borough"), on_delete=models.PROTECT, related_name="teams"
    )
    slug = models.SlugField(max_length=200, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["borough__name", "name"]
        verbose_name = _("team")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The team's name with its borough, for lists of teams from several boroughs."""
        return team_label(self.name, self.borough.name)


def team_label(name: str, borough: str) -> str:
    """ "Camden response team" stays as it is; "Response team" becomes "Response team
    (Camden)". A name that already says its borough does not say it twice."""
    if not borough or re.search(rf"\b{re.escape(borough)}\b", name, flags=re.IGNORECASE):
        return name
    return f"{name} ({borough})"


class OfficerPosting(models.Model):
    """Where an officer works: their feedback code resolves to this team."""

    officer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_posting"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="postings")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("officer posting")

    def __str__(self) -> str:
        return f"Posting {self.pk} ({self.team})"


class FeedbackCode(models.Model):
    """The opaque code behind a QR link /f/<code>/. It carries nothing: 16 random URL-safe
    characters from `secrets`. `officer` null means the team's own code."""

    code = models.CharField(max_length=32, unique=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="codes")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feedback_codes",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["team__name", "pk"]
        verbose_name = _("feedback code")

    def __str__(self) -> str:
        return f"Feedback code {self.pk}"

    @property
    def borough(self) -> Borough:
        return self.team.borough


class Direction(models.TextChoices):
    LTR = "ltr", _("Left to right")
    RTL = "rtl", _("Right to left")


class Language(models.Model):
    """A language the feedback form is offered in (BCP 47 code)."""

    code = models.CharField(max_length=12, unique=True)
    name_english = models.CharField(max_length=100)
    name_native = models.CharField(max_length=100)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.LTR)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name_english

    @property
    def is_rtl(self) -> bool:
        return self.direction == Direction.RTL


class QuestionKind(models.TextChoices):
    SCALE5 = "scale5", _("Five-point scale")
    YES_NO = "yes_no", _("Yes or no")
    FREE_TEXT = "free_text", _("Free text")
    CHOICE = "choice", _("Choice")


class QuestionSection(models.TextChoices):
    CORE = "core", _("Core questions")
    EQUALITY = "equality", _("Equality questions")


class Question(models.Model):
    """One question of the form. Its wording is data (QuestionText), one per language."""

    key = models.SlugField(max_length=64, unique=True)
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=QuestionKind.choices)
    section = models.CharField(
        max_length=16, choices=QuestionSection.choices, default=QuestionSection.CORE
    )
    required = models.BooleanField(default=False)
    choices = models.JSONField(default=list, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["section", "order", "pk"]

    def __str__(self) -> str:
        return self.key


class QuestionText(models.Model):
    """A question's wording in one language. Machine-made translations are marked until a
    person reviews them."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="texts")
    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    hint = models.TextField(blank=True, default="")
    choice_labels = models.JSONField(default=dict, blank=True)
    machine_translated = models.BooleanField(default=False)
    reviewed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "language"], name="feedback_questiontext_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.language_id}"


class FormText(models.Model):
    """The form's other words (headings, buttons, statements) for languages the gettext
    catalogue does not cover. English and Welsh come from gettext."""

    key = models.SlugField(max_length=64)
    language = models.ForeignKey(Language, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    machine_translated = models.BooleanField(default=False)
    reviewed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="feedback_formtext_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key}/{self.language_id}"


class CrimeType(models.Model):
    """A crime type an invitation may be about. Invitations are never sent for sensitive
    ones (domestic abuse and sexual offences by default)."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    sensitive = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IntegrationScope(models.TextChoices):
    """What an integration's token may be used for: each API refuses (401) a token without
    its scope."""

    INVITATIONS = "invitations", _("Feedback invitations")
    DESK = "desk", _("The Victim Focus Desk’s cases and events")


def default_scopes() -> list[str]:
    return [IntegrationScope.INVITATIONS.value]


class Integration(models.Model):
    """A force system (crime recording, command and control) allowed to use the APIs its
    `scopes` name: feedback invitations (/api/v1/), the desk's cases and events
    (/api/v1/desk/). Only the SHA-256 of its token is kept."""

    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="feedback_integrations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    active = models.BooleanField(default=True)
    # IntegrationScope codes.
    scopes = models.JSONField(default=default_scopes)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def scope_labels(self) -> list[str]:
        return [
            str(IntegrationScope(s).label)
            for s in self.scopes or []
            if s in IntegrationScope.values
        ]


class Channel(models.TextChoices):
    QR = "qr", _("QR code")
    SMS = "sms", _("Text message")
    EMAIL = "email", _("Email")
    WEB = "web", _("Website")


class Invitation(models.Model):
    """An invitation to give feedback sent by SMS or email. The link carries an opaque
    signed token; only its SHA-256 is kept. `contact` is cleared after sending and kept at
    most 7 days (feedback/retention.py)."""

    token_hash = models.CharField(max_length=64, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="invitations")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_invitations",
    )
    crime_type = models.ForeignKey(
        CrimeType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.ForeignKey(
        Language, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    contact = EncryptedCharField(max_length=320, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    integration = models.ForeignKey(
        Integration, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # When its link was first opened: the link works once (feedback/services/invitations.py);
    # `used_at` is when the feedback it led to was saved.
    opened_at = models.DateTimeField(null=True, blank=True)
    message = models.ForeignKey(
        "notify.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"


class Rating(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    AGE_18_24 = "18_24", _("18 to 24")
    AGE_25_34 = "25_34", _("25 to 34")
    AGE_35_44 = "35_44", _("35 to 44")
    AGE_45_54 = "45_54", _("45 to 54")
    AGE_55_64 = "55_64", _("55 to 64")
    AGE_65_PLUS = "65_plus", _("65 or over")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class EthnicGroup(models.TextChoices):
    """Census 2021 high-level ethnic groups."""

    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Disabled(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Response(models.Model):
    """One person's feedback. Anonymous: no name, contact or identifier is kept; the free
    text comment is a RedactedText released only after review."""

    channel = models.CharField(max_length=8, choices=Channel.choices)
    # Null only for feedback given on the website by someone who did not know the borough.
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, null=True, blank=True, related_name="responses"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_responses",
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="response"
    )
    language = models.CharField(max_length=12, default="en")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    month = models.DateField(db_index=True)
    overall = models.PositiveSmallIntegerField()
    respect = models.CharField(max_length=10, choices=Rating.choices, blank=True, default="")
    listened = models.CharField(max_length=10, choices=Rating.choices, blank=True, default="")
    kept_informed = models.CharField(max_length=10, choices=Rating.choices, blank=True, default="")
    told_support = models.CharField(max_length=10, choices=Rating.choices, blank=True, default="")
    comment = models.OneToOneField(
        "redaction.RedactedText",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback_response",
    )
    age_band = models.CharField(max_length=12, choices=AgeBand.choices, blank=True, default="")
    ethnic_group = models.CharField(
        max_length=12, choices=EthnicGroup.choices, blank=True, default=""
    )
    sex = models.CharField(max_length=12, choices=Sex.choices, blank=True, default="")
    disabled = models.CharField(max_length=12, choices=Disabled.choices, blank=True, default="")
    routed = models.BooleanField(default=False)
    # SHA-256 of the form's one-time token: the same form posted twice makes one response.
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    equality_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        indexes = [
            models.Index(fields=["month", "borough"], name="feedback_resp_month_borough"),
            models.Index(fields=["month", "team"], name="feedback_resp_month_team"),
            models.Index(fields=["officer", "month"], name="feedback_resp_officer_month"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall__gte=1, overall__lte=5),
                name="feedback_response_overall_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"Response {self.pk}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.month is None and self.submitted_at is not None:
            # The month in London, as every count by month (late on the last day of a
            # summer month, UTC is still in the month before).
            self.month = timezone.localdate(self.submitted_at).replace(day=1)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class RoutedReason(models.TextChoices):
    SAFEGUARDING = "safeguarding", _("Possible safeguarding risk")
    COMPLAINT = "complaint", _("Possible complaint")


class RoutedStatus(models.TextChoices):
    OPEN = "open", _("Open")
    HANDLED = "handled", _("Handled")


class RoutedComment(models.Model):
    """A response whose free text suggests a safeguarding risk or a complaint, put in the
    Victim Focus Desk's queue. The desk sees the redacted text, never the original."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="routings")
    reason = models.CharField(max_length=16, choices=RoutedReason.choices)
    status = models.CharField(
        max_length=10, choices=RoutedStatus.choices, default=RoutedStatus.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "reason"], name="feedback_routed_one_per_reason"
            )
        ]

    def __str__(self) -> str:
        return f"Routed comment {self.pk} ({self.reason})"
