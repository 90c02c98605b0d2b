"""Forums and memberships. Meetings, agendas, recordings and notes are in
forums/models/meetings.py."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TENURE_YEARS = 2
DEFAULT_CAPACITY = 12
DEFAULT_CADENCE_DAYS = 42


def years_after(day: date, years: int) -> date:
    """The same day `years` later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class Forum(models.Model):
    """A Victim Voice Forum: a small standing group for one cohort, for a two-year tenure."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    cohort = models.ForeignKey(
        "recruitment.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
    )
    facilitating_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("facilitating organisation"),
        on_delete=models.PROTECT,
        related_name="facilitated_forums",
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=DEFAULT_CAPACITY,
        help_text=_("How many members the forum is for. More is allowed, with a warning."),
    )
    tenure_starts_on = models.DateField(_("tenure starts on"), default=timezone.localdate)
    tenure_ends_on = models.DateField(
        _("tenure ends on"),
        null=True,
        blank=True,
        help_text=_("Two years after the start when left blank."),
    )
    cadence_days = models.PositiveSmallIntegerField(
        _("days between meetings"), default=DEFAULT_CADENCE_DAYS
    )
    police_representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("police representative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="police_rep_forums",
    )
    oversight_representative = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oversight body representative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="oversight_rep_forums",
    )
    co_chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-chairs"),
        blank=True,
        related_name="co_chaired_forums",
        help_text=_("Members or representatives who co-chair. They check meeting notes."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.tenure_ends_on is None and self.tenure_starts_on:
            self.tenure_ends_on = years_after(self.tenure_starts_on, TENURE_YEARS)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def tenure_end(self) -> date:
        return self.tenure_ends_on or years_after(self.tenure_starts_on, TENURE_YEARS)


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    STEPPING_BACK = "stepping_back", _("Stepping back for a while")
    LEFT = "left", _("Left")


class ForumMembership(models.Model):
    """A member's place in one forum. Stepping back keeps the place and pauses invitations;
    no reason is asked. The retention clock is recruitment.Membership.tenure_ends_on, which
    forums.services keeps equal to the forum's tenure end (or the day the member left)."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="memberships"
    )
    membership = models.OneToOneField(
        "recruitment.Membership",
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="forum_membership",
    )
    # The member's account (copied from the application when they join), for the portal.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_memberships",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACTIVE,
        db_index=True,
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    stepped_back_on = models.DateField(_("stepped back on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["forum", "joined_on", "pk"]

    def __str__(self) -> str:
        return f"Forum membership {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def display_name(self) -> str:
        """The member's name for the forum team (from their application)."""
        return self.membership.application.full_name or _("Member %(n)s") % {"n": self.pk}


def default_tenure_end(start: date | None = None) -> date:
    return years_after(start or timezone.localdate(), TENURE_YEARS)
