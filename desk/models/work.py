"""The desk's work: the tasks in the queue, every contact attempt, and referrals.

A task keeps snapshots of what the queue filters on and the compliance figures group by
(team, borough, enhanced rights, language, age band, sex, ethnic group) as plain codes, so the
queue and the figures never join to the case or decrypt anything (docs/desk.md, "The queue")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField


class TaskKind(models.TextChoices):
    RIGHT_6 = "right6", _("Update owed (Right 6)")
    PERIODIC = "periodic", _("Agreed regular update")
    REFERRAL = "referral", _("Referral to support (Right 4)")
    ROUTED_SAFEGUARDING = "routed_safeguarding", _("Feedback: possible safeguarding risk")
    ROUTED_COMPLAINT = "routed_complaint", _("Feedback: possible complaint")


ROUTED_KINDS = (TaskKind.ROUTED_SAFEGUARDING, TaskKind.ROUTED_COMPLAINT)


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class LateReason(models.TextChoices):
    SOURCE_LATE = "source_late", _("We heard of the event after its deadline")
    NO_SAFE_WINDOW = "no_safe_contact_window", _("No safe time to make contact")
    NOT_REACHED = "not_reached", _("Tried but could not reach the victim")
    OIC_INFO_UNAVAILABLE = "oic_info_unavailable", _("Information from the officer not available")
    DESK_CAPACITY = "desk_capacity", _("Desk capacity")
    VICTIM_DEFERRED = "victim_asked_to_defer", _("The victim asked us to wait")
    OTHER = "other", _("Another reason")


class RoutedAction(models.TextChoices):
    CALLED_BACK = "called_back", _("Called the person back")
    REFERRED = "referred", _("Referred to a support service")
    SAFEGUARDING_TEAM = "passed_to_safeguarding_team", _("Passed to the safeguarding team")
    NO_SAFE_WAY = "no_safe_way", _("No safe way to make contact")


class Task(models.Model):
    kind = models.CharField(max_length=24, choices=TaskKind.choices)
    # The time limit's code (a Right 6 trigger, "referral"), "periodic", or the routed kind:
    # what compliance counts by.
    obligation = models.CharField(max_length=40)
    case = models.ForeignKey(
        "desk.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    victim = models.ForeignKey(
        "desk.Victim", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    time_limit = models.ForeignKey(
        "desk.TimeLimit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    days_used = models.PositiveSmallIntegerField(null=True, blank=True)
    event = models.ForeignKey(
        "desk.CaseEvent", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    referral = models.ForeignKey(
        "desk.Referral", null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    routed_comment = models.OneToOneField(
        "feedback.RoutedComment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="desk_task",
    )
    due_date = models.DateField()
    due_at = models.DateTimeField()
    # True when one of the desk's closed days moved the deadline.
    closure_moved = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact = models.ForeignKey(
        "desk.ContactAttempt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late_working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    late_reason = models.CharField(
        max_length=32, choices=LateReason.choices, blank=True, default=""
    )
    late_note = EncryptedTextField(blank=True, default="")
    routed_action = models.CharField(
        max_length=32, choices=RoutedAction.choices, blank=True, default=""
    )
    # Why there was no safe way to reach the person who left a routed comment (free text).
    routed_note = EncryptedTextField(blank=True, default="")
    cancelled_reason = models.CharField(max_length=40, blank=True, default="")
    # Snapshots, as plain codes, for the queue's filters and the compliance figures.
    team = models.ForeignKey(
        "feedback.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    borough = models.ForeignKey(
        "feedback.Borough", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    enhanced = models.BooleanField(default=False)
    grounds = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=12, blank=True, default="")
    age_band = models.CharField(max_length=12, blank=True, default="")
    sex = models.CharField(max_length=12, blank=True, default="")
    ethnic_group = models.CharField(max_length=12, blank=True, default="")

    class Meta:
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(
                fields=["due_at", "id"], condition=Q(status="open"), name="desk_task_open_due"
            ),
            models.Index(
                fields=["team", "due_at", "id"],
                condition=Q(status="open"),
                name="desk_task_open_team",
            ),
            models.Index(
                fields=["borough", "due_at", "id"],
                condition=Q(status="open"),
                name="desk_task_open_borough",
            ),
            models.Index(
                fields=["enhanced", "due_at", "id"],
                condition=Q(status="open"),
                name="desk_task_open_enhanced",
            ),
            models.Index(
                fields=["language", "due_at", "id"],
                condition=Q(status="open"),
                name="desk_task_open_language",
            ),
            models.Index(
                fields=["victim"], condition=Q(status="open"), name="desk_task_open_victim"
            ),
            models.Index(
                fields=["due_date"],
                include=["team", "obligation", "done_at", "late_working_days", "late_reason"],
                condition=Q(status="done"),
                name="desk_task_done_due",
            ),
        ]

    def __str__(self) -> str:
        return f"Task {self.pk} ({self.obligation})"

    @property
    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    def is_overdue(self, now: object = None) -> bool:
        return self.is_open and self.due_at <= (now or timezone.now())  # type: ignore[operator]


class Direction(models.TextChoices):
    OUT = "out", _("We contacted them")
    IN = "in", _("They contacted us")


class Party(models.TextChoices):
    VICTIM = "victim", _("The victim")
    NOMINEE = "nominee", _("Their nominated person")


class ContactAttempt(models.Model):
    victim = models.ForeignKey("desk.Victim", on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField(default=timezone.now)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    channel = models.CharField(max_length=12)  # safecontact.models.Channel
    party = models.CharField(max_length=8, choices=Party.choices, default=Party.VICTIM)
    outcome = models.CharField(max_length=20)  # safecontact.models.Outcome
    # Free text, encrypted; redacted (redaction.engine) before it is shown outside the desk.
    summary = EncryptedTextField(blank=True, default="")
    # The codes of what was told: the tasks' obligations ("arrested", "referral", "periodic").
    rights_delivered = models.JSONField(default=list, blank=True)
    reasons_given = models.BooleanField(default=False)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"ContactAttempt {self.pk}"


class ReferralBasis(models.TextChoices):
    EXPLICIT_CONSENT = "explicit_consent", _("The victim gave explicit consent")
    NOT_DECLINED = "not_declined", _("The victim was told and did not decline")


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    DECLINED = "declined", _("Declined by the service")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_REFERRAL_STATUSES = (ReferralStatus.DRAFT, ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)


class SharedField(models.TextChoices):
    """What a referral may pass to the service, as the victim's consent allows."""

    NAME = "name", _("Name")
    CONTACT = "contact", _("Safe phone number or email")
    OFFENCE = "offence", _("Kind of offence")
    NEEDS = "needs", _("Needs found in the assessment")
    LANGUAGE = "language", _("Language and interpreter")
    SAFE_TIMES = "safe_times", _("Safe times to contact")


class Referral(models.Model):
    victim = models.ForeignKey("desk.Victim", on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="desk_referrals"
    )
    assessment = models.ForeignKey(
        "desk.NeedsAssessment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    basis = models.CharField(max_length=20, choices=ReferralBasis.choices)
    consent_wording = models.ForeignKey(
        "desk.ConsentWording", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    due_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.CharField(max_length=200, blank=True, default="")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    message = models.ForeignKey(
        "notify.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["victim", "service"],
                condition=Q(status__in=["draft", "sent", "acknowledged"]),
                name="desk_referral_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL_STATUSES
