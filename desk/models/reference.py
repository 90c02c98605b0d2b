"""The rules the desk works to, kept as data (docs/desk.md §1): the Victims' Code's time
limits, the offence categories and enhanced-rights grounds, the consent wording read out
before a referral, and the desk's own closed days. Seeded by migrations; a change to a time
limit is a new row from a date, so no deadline already set ever moves."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Right(models.TextChoices):
    RIGHT_4 = "4", _("Right 4: referral to support services")
    RIGHT_6 = "6", _("Right 6: information about the investigation")


class TimeLimit(models.Model):
    """One trigger of the Victims' Code and how many working days the victim may wait to be
    told, standard and for enhanced rights."""

    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=200)
    right = models.CharField(max_length=2, choices=Right.choices)
    standard_working_days = models.PositiveSmallIntegerField()
    enhanced_working_days = models.PositiveSmallIntegerField()
    source = models.TextField(blank=True, default="")
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["right", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="desk_time_limit_once"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(effective_to__isnull=True),
                name="desk_time_limit_one_current",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def working_days(self, *, enhanced: bool) -> int:
        return self.enhanced_working_days if enhanced else self.standard_working_days


class OffenceCategory(models.Model):
    """A kind of offence as the crime recording system names it. `most_serious` gives its
    victims enhanced rights; `referral_needs_consent` makes a referral opt-in."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    most_serious = models.BooleanField(default=False)
    referral_needs_consent = models.BooleanField(default=False)
    feedback_crime_type = models.ForeignKey(
        "feedback.CrimeType", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "offence categories"

    def __str__(self) -> str:
        return self.name


class EnhancedGround(models.Model):
    """A reason a victim is entitled to enhanced rights. A victim may hold several."""

    MOST_SERIOUS_CRIME = "most_serious_crime"
    UNDER_18 = "under_18"
    BEREAVED = "bereaved_close_relative"

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    referral_needs_consent = models.BooleanField(default=False)
    # Worked out by the product (offence, date of birth), never recorded by hand.
    derived = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class ConsentWording(models.Model):
    """The words read to a victim before a referral, in English and Welsh, versioned: a
    referral keeps the version that was read."""

    version = models.PositiveSmallIntegerField(unique=True)
    text_en = models.TextField()
    text_cy = models.TextField()
    effective_from = models.DateField()
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"Consent wording v{self.version}"


class DeskClosure(models.Model):
    """A day the desk is closed beyond weekends and bank holidays: not a working day."""

    day = models.DateField(unique=True)
    reason = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"Closed {self.day:%Y-%m-%d}"
