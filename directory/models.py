"""The support directory, shaped on the Open Referral UK (ORUK) service model, and the short
versions of the Victims' Code rights used on leaflets. See docs/directory.md.

ORUK mapping: organization -> Organisation; service -> Service; location and
service_at_location -> Location and Service.locations; service_area -> Service.boroughs
(or london_wide); contact and phone -> the role mailbox, phone and website on the service
(never a named person); eligibility -> Service.groups (GroupServed); language ->
Service.languages (SpokenLanguage); accessibility_for_disabilities -> Service.accessibility;
funding -> Funding. Crime types are feedback.CrimeType (no crime types = all crimes).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Group(models.TextChoices):
    """Who a service is for (ORUK eligibility)."""

    YOUNG_PEOPLE = "young-people", _("Young people")
    OLDER_PEOPLE = "older-people", _("Older people")
    LGBTQ = "lgbtq", _("LGBTQ+ people")
    DISABLED = "disabled-people", _("Disabled people")
    DEAF = "deaf-people", _("Deaf people")
    FAITH = "faith-communities", _("Faith communities")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")


class Accessibility(models.TextChoices):
    """What a service offers disabled people (ORUK accessibility_for_disabilities)."""

    STEP_FREE = "step-free", _("Step-free access")
    HEARING_LOOP = "hearing-loop", _("Hearing loop")
    BSL = "bsl", _("British Sign Language interpreters")
    EASY_READ = "easy-read", _("Easy Read information")
    TEXT_RELAY = "text-relay", _("Relay UK (text relay) calls")
    HOME_VISITS = "home-visits", _("Home visits")


class Referral(models.TextChoices):
    SELF = "self", _("You can contact them yourself")
    PROFESSIONAL = "professional", _("Someone must refer you (for example the police)")
    BOTH = "both", _("You can contact them yourself or be referred")


class ServiceStatus(models.TextChoices):
    """ORUK service status; only active services are shown to the public."""

    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Retired")


class GroupServed(models.Model):
    key = models.SlugField(max_length=32, unique=True, choices=Group.choices)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return str(Group(self.key).label)


class AccessibilityFeature(models.Model):
    key = models.SlugField(max_length=32, unique=True, choices=Accessibility.choices)

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return str(Accessibility(self.key).label)


class SpokenLanguage(models.Model):
    """A language a service works in (ORUK language), by its code (e.g. "pl", "so").
    Its name comes from Django's language list, translated into the page's language."""

    code = models.CharField(max_length=12, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from directory.labels import language_name

        return language_name(self.code) or self.code


class PostcodeDistrict(models.Model):
    """A postcode outward code ("E1", "SW9") and the borough most of it lies in."""

    outward = models.CharField(max_length=4, unique=True)
    borough = models.ForeignKey(
        "feedback.Borough", on_delete=models.CASCADE, related_name="postcode_districts"
    )

    class Meta:
        ordering = ["outward"]

    def __str__(self) -> str:
        return self.outward


class Organisation(models.Model):
    """ORUK organization: a voluntary or community organisation that helps victims."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("Description"), blank=True, default="")
    email = models.EmailField(_("Email (a role mailbox)"), blank=True, default="")
    phone = models.CharField(_("Phone"), max_length=30, blank=True, default="")
    website = models.URLField(_("Website"), blank=True, default="")
    charity_number = models.CharField(_("Charity number"), max_length=20, blank=True, default="")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """ORUK location: where a service can be visited."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("Name"), max_length=200)
    address = models.CharField(_("Address"), max_length=300, blank=True, default="")
    postcode = models.CharField(_("Postcode"), max_length=10, blank=True, default="")
    borough = models.ForeignKey(
        "feedback.Borough", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """ORUK service: what an organisation offers victims, where, to whom and how to get it."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("Description"), blank=True, default="")
    status = models.CharField(
        max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE, db_index=True
    )
    referral = models.CharField(
        _("How to get the service"), max_length=16, choices=Referral.choices, default=Referral.SELF
    )
    how_to_access = models.TextField(_("How to contact or be referred"), blank=True, default="")
    email = models.EmailField(_("Email (a role mailbox)"), blank=True, default="")
    phone = models.CharField(_("Phone"), max_length=30, blank=True, default="")
    website = models.URLField(_("Website"), blank=True, default="")
    hours = models.CharField(_("Opening hours"), max_length=200, blank=True, default="")
    london_wide = models.BooleanField(_("Covers all of London"), default=False)
    boroughs = models.ManyToManyField("feedback.Borough", blank=True, related_name="+")
    crime_types = models.ManyToManyField("feedback.CrimeType", blank=True, related_name="+")
    groups = models.ManyToManyField(GroupServed, blank=True, related_name="services")
    languages = models.ManyToManyField(SpokenLanguage, blank=True, related_name="services")
    accessibility = models.ManyToManyField(
        AccessibilityFeature, blank=True, related_name="services"
    )
    locations = models.ManyToManyField(Location, blank=True, related_name="services")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == ServiceStatus.ACTIVE


class Funding(models.Model):
    """ORUK funding: money an organisation received (the register of funded organisations)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funding")
    fund = models.CharField(_("Fund"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("Year"), help_text=_("The year the funding started, for example 2025 for 2025 to 2026.")
    )
    amount = models.DecimalField(_("Amount (£)"), max_digits=12, decimal_places=2)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "organisation__name", "fund", "pk"]

    def __str__(self) -> str:
        return f"{self.fund} {self.year}"


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Added")
    CHANGED = "changed", _("Changed")
    RETIRED = "retired", _("Retired")
    RESTORED = "restored", _("Restored")
    IMPORTED = "imported", _("Imported")


class DirectoryChange(models.Model):
    """A light audit of changes to the directory (organisations, not people): who changed
    which record and which fields. Kept two years (directory/retention.py)."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=20, blank=True, default="")
    fields = models.JSONField(default=list, blank=True)
    note = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"


class RightSummary(models.Model):
    """The short version of one Victims' Code right in one language, for leaflets.
    English and Welsh are written for the product; other languages are machine-made and
    marked for review until a person checks them."""

    number = models.PositiveSmallIntegerField()
    language = models.ForeignKey("feedback.Language", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    text = models.TextField()
    machine_translated = models.BooleanField(default=False)
    reviewed = models.BooleanField(default=False)

    class Meta:
        ordering = ["language", "number"]
        constraints = [
            models.UniqueConstraint(fields=["number", "language"], name="directory_right_lang"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=12), name="directory_right_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"Right {self.number} ({self.language_id})"
