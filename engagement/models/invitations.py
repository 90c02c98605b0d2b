"""Invitations (each a free choice) and the lotteries that choose among those who said yes
(docs/engagement.md, "Invitations" and "Fair selection").

Saying no, or not answering, is never held against anyone: nothing reads a declined
invitation when deciding who is eligible or who is chosen, except the cap on how often one
person is asked, which counts invitations sent, whatever the answer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited: no answer yet")
    ACCEPTED = "accepted", _("Said yes")
    DECLINED = "declined", _("Said no")
    WITHDRAWN = "withdrawn", _("Withdrew")
    SELECTED = "selected", _("Has a place")
    RESERVE = "reserve", _("Reserve")
    NOT_SELECTED = "not_selected", _("Not chosen this time")
    TOOK_PART = "took_part", _("Took part")


class Invitation(models.Model):
    opportunity = models.ForeignKey(
        "engagement.Opportunity", on_delete=models.CASCADE, related_name="invitations"
    )
    participant = models.ForeignKey(
        "engagement.Participant", on_delete=models.CASCADE, related_name="invitations"
    )
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.INVITED
    )
    # The safe channel it went by (safecontact.Channel) and the message sent.
    channel = models.CharField(max_length=10, blank=True, default="")
    message = models.ForeignKey(
        "notify.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A keyed hash of the token in the invitation's link (accept or decline in one click).
    token_digest = models.CharField(max_length=64, unique=True)
    invited_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    took_part_at = models.DateTimeField(null=True, blank=True)
    # A survey answered (answers are anonymous unless `linked` says they agreed).
    answered_at = models.DateTimeField(null=True, blank=True)
    # The order in which reserves are called, from the lottery (1 first).
    reserve_rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "participant"], name="engagement_one_invitation"
            )
        ]
        indexes = [
            models.Index(fields=["participant", "invited_at"], name="engagement_invite_cap"),
            models.Index(fields=["opportunity", "status"], name="engagement_invite_status"),
        ]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"


class Selection(models.Model):
    """One lottery among those who said yes: its seed, quotas and outcome, so that anyone
    with the same inputs can draw it again."""

    opportunity = models.ForeignKey(
        "engagement.Opportunity", on_delete=models.CASCADE, related_name="selections"
    )
    seed = models.CharField(max_length=64)
    algorithm = models.CharField(max_length=64)
    # {"feature": {"value": {"min": n, "max": m}}}
    quotas = models.JSONField(default=dict)
    # The pool's invitation ids in the order given to the algorithm, the chosen and the
    # reserves in rank order: ids only.
    pool = models.JSONField(default=list)
    chosen = models.JSONField(default=list)
    reserves = models.JSONField(default=list)
    # A keyed hash of the pool's values in each category as they were drawn, so that a
    # check of the draw can tell whether the answers it read are still the same.
    inputs_digest = models.CharField(max_length=64, blank=True, default="")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-run_at", "id"]

    def __str__(self) -> str:
        return f"Selection {self.pk}"
