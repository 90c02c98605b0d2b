"""Wellbeing and the member's own requests: a call after a meeting (CheckInRequest), a
facilitator's note that a member may need support (SupportFlag), and a member's request to
have their data deleted (ErasureRequest, handled by the data protection officer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CheckInRequest(models.Model):
    """A member asks for a call after a meeting. Seen by the forum's facilitators and the
    programme team. No reason is asked."""

    forum_membership = models.ForeignKey(
        "forums.ForumMembership", on_delete=models.CASCADE, related_name="check_in_requests"
    )
    meeting = models.ForeignKey(
        "forums.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    done_at = models.DateTimeField(_("called"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Check-in request {self.pk}"


class SupportFlag(models.Model):
    """A facilitator's note that a member may need support. Seen only by the forum's
    facilitators and the programme team, never by the police."""

    forum_membership = models.ForeignKey(
        "forums.ForumMembership", on_delete=models.CASCADE, related_name="support_flags"
    )
    note = models.TextField(
        _("what the programme team should know"),
        blank=True,
        default="",
        help_text=_("Keep it short. Do not write down what they told the group."),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Support flag {self.pk}"


class ErasureRequest(models.Model):
    """A member asks for their data to be deleted. The data protection officer sees the
    pending ones and acts through the subject request pages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="erasure_requests",
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Erasure request {self.pk}"
