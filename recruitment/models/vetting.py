"""The programme team's side of recruitment: onboarding conversations, PNC checks, the
3-way vetting panel, what remains of vetting after the decision, and membership.

Each points at an Application and is deleted with it. The PNC check and the panel's
views hold criminal-offence data (or could restate it): both are deleted, in the same
transaction, the moment the decision is recorded (recruitment/services/vetting.py). What
remains is a VettingResult: that vetting was completed, on which date, and the outcome.
See docs/vetting.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import PanelSeat
from lib.fields import EncryptedTextField


class Readiness(models.TextChoices):
    READY = "ready", _("Ready to join now")
    DEFER = "defer", _("Too soon: get back in touch later")
    NOT_SUITABLE_NOW = "not_suitable_now", _("Not suitable now")


class OnboardingConversation(models.Model):
    """The conversation in which a trained professional assesses readiness."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="onboarding"
    )
    held_on = models.DateField(_("date of the conversation"))
    assessed_by_trained_professional = models.BooleanField(
        _("readiness was assessed by a trained professional"), default=False
    )
    # Free text about the person: encrypted, shown only on the application's page.
    readiness_notes = EncryptedTextField(_("readiness notes"), blank=True, default="")
    support_needs = EncryptedTextField(_("support needs"), blank=True, default="")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Readiness.choices)
    get_back_in_touch_on = models.DateField(_("get back in touch on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Onboarding conversation {self.pk}"


class PncResult(models.TextChoices):
    NO_TRACE = "no_trace", _("No trace")
    DISCLOSURE = "disclosure", _("Disclosure")


class PncCheck(models.Model):
    """A Police National Computer check. Deleted whole when the decision is made."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="pnc_check"
    )
    requested_on = models.DateField(_("date requested"))
    result_received_on = models.DateField(_("date the result arrived"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=20, choices=PncResult.choices, blank=True)
    # The disclosure itself: criminal-offence data. Only the three panel members see it.
    disclosure_detail = EncryptedTextField(_("what the check disclosed"), blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"PNC check {self.pk}"

    @property
    def has_disclosure(self) -> bool:
        return self.result == PncResult.DISCLOSURE


class PanelVote(models.TextChoices):
    # "Do not accept", never "withdraw": only the applicant withdraws an application.
    ACCEPT = "accept", _("Accept the application")
    REFUSE = "refuse", _("Do not accept the application")


class PanelView(models.Model):
    """One panel member's own view, or their declared conflict of interest.

    A member with a conflict records it and gives no view: their seat stays open for
    another person holding the same seat. Deleted at the decision (the reasons could
    restate the disclosure)."""

    application = models.ForeignKey(
        "recruitment.Application", on_delete=models.CASCADE, related_name="panel_views"
    )
    seat = models.CharField(_("seat"), max_length=30, choices=PanelSeat.choices)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    conflict_of_interest = models.BooleanField(_("has a conflict of interest"), default=False)
    conflict_detail = EncryptedTextField(_("the conflict of interest"), blank=True, default="")
    vote = models.CharField(_("view"), max_length=20, choices=PanelVote.choices, blank=True)
    reasons = EncryptedTextField(_("reasons"), blank=True, default="")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="one_panel_view_per_member"
            ),
            models.UniqueConstraint(
                fields=["application", "seat"],
                condition=Q(conflict_of_interest=False),
                name="one_panel_view_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(conflict_of_interest=True, vote="") | ~Q(vote=""),
                name="panel_view_has_a_vote_or_a_conflict",
            ),
        ]

    def __str__(self) -> str:
        return f"Panel view {self.pk}"


class VettingOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class VettingResult(models.Model):
    """All that remains of vetting once the decision is made."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="vetting_result"
    )
    completed_on = models.DateField(_("vetting completed on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=VettingOutcome.choices)

    def __str__(self) -> str:
        return f"Vetting result {self.pk}"


class Membership(models.Model):
    """An accepted applicant who joined. Their application is kept until six months
    after tenure_ends_on (recruitment/retention.py). Their places in forums are
    forums.ForumMembership."""

    application = models.OneToOneField(
        "recruitment.Application", on_delete=models.CASCADE, related_name="membership"
    )
    started_on = models.DateField(_("membership started"))
    tenure_ends_on = models.DateField(_("tenure ends on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Membership {self.pk}"
