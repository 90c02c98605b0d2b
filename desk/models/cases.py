"""Cases, their victims and what the crime recording system tells us about them.

A victim is a contact of the desk, never an account. Their identity, date of birth,
postcode, protected characteristics and nominated person are encrypted; the keyed digests
beside some of them let an agent find a case by crime reference and a second factor without
the database ever holding those values in clear (docs/desk.md §2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField, EncryptedTextField


def desk_digest(kind: str, *parts: str) -> str:
    """A keyed hash for finding a case: the crime reference alone (`kind="crime_reference"`),
    or the crime reference with a postcode or date of birth. Values are normalised (no spaces,
    lower case) so that "5012345/26" and " 5012345/26 " match."""
    normalised = "|".join("".join(part.split()).lower() for part in parts)
    return salted_hmac(f"desk.{kind}", normalised, algorithm="sha256").hexdigest()


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CreatedVia(models.TextChoices):
    API = "api", _("Crime recording system")
    STAFF = "staff", _("Desk staff")
    DERIVED = "derived", _("Worked out by Victim Voice")


class Case(models.Model):
    crime_reference = EncryptedCharField(max_length=40)
    crime_reference_digest = models.CharField(max_length=64, unique=True)
    integration = models.ForeignKey(
        "feedback.Integration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    offence_category = models.ForeignKey(
        "desk.OffenceCategory", on_delete=models.PROTECT, related_name="cases"
    )
    team = models.ForeignKey("feedback.Team", on_delete=models.PROTECT, related_name="desk_cases")
    officer_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The officer's name and collar number as the source system gives them: a work fact.
    oic_display = models.CharField(max_length=200, blank=True, default="")
    status = models.CharField(max_length=8, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_via = models.CharField(max_length=8, choices=CreatedVia.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Case {self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class Victim(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victims")
    # The source system's own reference for this victim on the case ("V1").
    victim_ref = models.CharField(max_length=40)
    full_name = EncryptedCharField(max_length=200)
    date_of_birth = EncryptedCharField(max_length=10, null=True, blank=True)  # ISO date
    postcode = EncryptedCharField(max_length=10, blank=True, default="")
    postcode_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    dob_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    language = models.CharField(max_length=12, default="en")
    interpreter_language = models.CharField(max_length=12, blank=True, default="")
    sex = EncryptedCharField(max_length=12, blank=True, default="")
    ethnic_group = EncryptedCharField(max_length=12, blank=True, default="")
    nominee_name = EncryptedCharField(max_length=200, blank=True, default="")
    nominee_relationship = EncryptedCharField(max_length=100, blank=True, default="")
    enhanced = models.BooleanField(default=False)
    feedback_opt_out = models.BooleanField(default=False)
    erased_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["case_id", "victim_ref"]
        constraints = [
            models.UniqueConstraint(fields=["case", "victim_ref"], name="desk_victim_ref_once")
        ]

    def __str__(self) -> str:
        return f"Victim {self.pk}"

    @property
    def has_interpreter(self) -> bool:
        return bool(self.interpreter_language)


class VictimGround(models.Model):
    """One ground on which a victim is entitled to enhanced rights (not under 18, which is
    worked out from the date of birth whenever it matters and never stored)."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="grounds")
    ground = models.ForeignKey("desk.EnhancedGround", on_delete=models.PROTECT, related_name="+")
    recorded_via = models.CharField(max_length=8, choices=CreatedVia.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["victim", "ground"], name="desk_ground_once")
        ]

    def __str__(self) -> str:
        return f"VictimGround {self.pk}"


class Need(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotional support")
    PRACTICAL = "practical", _("Practical help (security, repairs, finances)")
    SAFETY = "safety", _("Safety planning")
    HEALTH = "health", _("Health or mental health")
    COMMUNICATION = "communication", _("Communication or language support")
    JUSTICE = "justice", _("Help through the criminal justice process")


class NeedsAssessment(models.Model):
    """Right 4's needs assessment; a re-assessment is a new row."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="assessments")
    assessed_at = models.DateTimeField(default=timezone.now)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    needs = models.JSONField(default=list, blank=True)
    referral_declined = models.BooleanField(default=False)
    notes = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-assessed_at", "-pk"]

    def __str__(self) -> str:
        return f"NeedsAssessment {self.pk}"


class Frequency(models.TextChoices):
    EVENTS_ONLY = "events_only", _("Only when something happens")
    EVERY_N_DAYS = "every_n_days", _("Regularly, every few weeks")


class Through(models.TextChoices):
    VICTIM = "victim", _("The victim")
    NOMINEE = "nominee", _("Their nominated person")


class ContactAgreement(models.Model):
    """What the victim agreed about updates. A change supersedes the current row."""

    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, related_name="agreements")
    frequency = models.CharField(max_length=16, choices=Frequency.choices)
    every_days = models.PositiveSmallIntegerField(null=True, blank=True)
    channel = models.CharField(max_length=12)  # safecontact.models.Channel
    language = models.CharField(max_length=12, default="en")
    through = models.CharField(max_length=8, choices=Through.choices, default=Through.VICTIM)
    agreed_at = models.DateTimeField(default=timezone.now)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-agreed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["victim"],
                condition=Q(superseded_at__isnull=True),
                name="desk_one_current_agreement",
            )
        ]

    def __str__(self) -> str:
        return f"ContactAgreement {self.pk}"


class ReceivedEvent(models.Model):
    """One request from a source system, kept so that a retry gets the same answer and a
    reused id with other content is refused."""

    integration = models.ForeignKey(
        "feedback.Integration", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    source_event_id = models.CharField(max_length=100)
    payload_hash = models.CharField(max_length=64)
    response = models.JSONField(default=dict)
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["integration", "source_event_id"], name="desk_source_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"ReceivedEvent {self.pk}"


class EventKind(models.TextChoices):
    """What can happen on a case. The triggers (the codes of desk.TimeLimit rows for Right 6)
    owe the victim an update; the others only change what we know."""

    ARRESTED = "arrested", _("Suspect arrested")
    INTERVIEWED_UNDER_CAUTION = "interviewed_under_caution", _("Suspect interviewed under caution")
    RELEASED_WITHOUT_CHARGE = "released_without_charge", _("Suspect released without charge")
    BAIL_OR_RUI = "bail_or_rui", _("Suspect released on bail or under investigation")
    BAIL_CONDITIONS_CHANGED = "bail_conditions_changed", _("Bail conditions changed or cancelled")
    CHARGED = "charged", _("Suspect charged")
    OUT_OF_COURT_DISPOSAL = "out_of_court_disposal", _("Out-of-court disposal given")
    NOT_INVESTIGATED = "not_investigated", _("Decision not to investigate")
    CASE_CLOSED = "case_closed", _("Decision to close the case")
    CASE_OPENED = "case_opened", _("Case opened")
    DETAILS_CHANGED = "details_changed", _("Case details changed")
    OFFICER_CHANGED = "officer_changed", _("Officer in charge changed")


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    # None: the event concerns every victim on the case.
    victim = models.ForeignKey(
        Victim, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(default=timezone.now)
    received_event = models.ForeignKey(
        ReceivedEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    correction_reason = EncryptedTextField(blank=True, default="")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["case", "-occurred_at"], name="desk_event_case_recent")]

    def __str__(self) -> str:
        return f"CaseEvent {self.pk}"
