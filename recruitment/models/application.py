"""Recruitment: the cohorts people apply to and their applications.

An application holds a survivor's contact details, access needs and equality monitoring;
which ways of contacting them are safe, and when, is its safe contact
(safecontact.SafeContact). Everything that says something about the person is encrypted
at rest (lib.fields): the database can neither search nor group those columns. The email
address and phone number each have a keyed digest beside them so that a subject request
can find an application without decrypting every row (as notify.Message does).

Equality monitoring is special category data. The representativeness report decrypts it in
Python over one cohort's applications (tens, not thousands, of rows) and counts there;
see docs/recruitment.md. The values are codes from recruitment.reference.equality.

PNC checks, onboarding conversations and panel decisions are separate models that point
at an Application (the staff side, recruitment/models/vetting.py), so that deleting a PNC
result never touches this row.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField, EncryptedTextField

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a reference read out over the phone is not misheard.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
REFERENCE_PREFIX = "VVF"


def reference_generate() -> str:
    """A random reference like "VVF-7K3P-2Q": not sequential, not derived from anything."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
    return f"{REFERENCE_PREFIX}-{chars[:4]}-{chars[4:]}"


def contact_digest(kind: str, value: str) -> str:
    """A keyed hash of an email address or phone number, for finding an application by it
    (subject requests) without storing the value in clear. Empty for an empty value."""
    if kind == "phone":
        from privacy.subjects import normalise_phone

        normalised = normalise_phone(value)
    else:
        normalised = "".join(value.split()).lower()
    if not normalised:
        return ""
    return salted_hmac(
        f"recruitment.Application.{kind}", normalised, algorithm="sha256"
    ).hexdigest()


class Cohort(models.Model):
    """A group of victims a forum is for. Programme admins manage the list."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True, default="")
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, default="")
    description_cy = models.TextField(_("description in Welsh"), blank=True, default="")
    is_partner_facilitated = models.BooleanField(
        _("facilitated by a partner organisation"),
        default=False,
        help_text=_("Applications are shared with the partner organisation that runs the forum."),
    )
    facilitating_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("facilitating organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cohorts",
    )
    active = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("Only active cohorts are offered to applicants."),
    )
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the language of the page (Welsh when given)."""
        if self.name_cy and (get_language() or "").startswith("cy"):
            return self.name_cy
        return self.name

    @property
    def display_description(self) -> str:
        if self.description_cy and (get_language() or "").startswith("cy"):
            return self.description_cy
        return self.description


class Stage(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    ONBOARDING = "onboarding", _("Onboarding conversation")
    VETTING = "vetting", _("Vetting")
    PANEL = "panel", _("Panel")
    DECIDED = "decided", _("Decided")
    ONBOARDED = "onboarded", _("Onboarded")


class Outcome(models.TextChoices):
    """How an application ended. Empty while it is still open."""

    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
    DEFERRED = "deferred", _("Deferred")
    ACCEPTED = "accepted", _("Accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


# The equality monitoring fields, in the order they are asked (recruitment.reference.equality).
EQUALITY_FIELDS = (
    "ethnic_group",
    "disability",
    "sexual_orientation",
    "gender_identity",
    "age_band",
    "borough",
)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> ApplicationQuerySet:
        return self.filter(outcome="")

    def with_email(self, email: str) -> ApplicationQuerySet:
        digest = contact_digest("email", email)
        return self.filter(email_digest=digest) if digest else self.none()

    def with_phone(self, phone: str) -> ApplicationQuerySet:
        digest = contact_digest("phone", phone)
        return self.filter(phone_digest=digest) if digest else self.none()


class Application(models.Model):
    """One person's application to join one or more forums."""

    reference = models.CharField(_("reference"), max_length=16, unique=True, editable=False)
    cohorts = models.ManyToManyField(
        Cohort, verbose_name=_("forums applied to"), related_name="applications"
    )

    # Where it is in the process, and how it ended.
    stage = models.CharField(
        _("stage"), max_length=16, choices=Stage.choices, default=Stage.RECEIVED, db_index=True
    )
    stage_changed_at = models.DateTimeField(_("in this stage since"), default=timezone.now)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, default="", db_index=True
    )
    # Deferred: "too soon in their cope-and-recover journey" - not a rejection.
    get_back_in_touch_on = models.DateField(_("get back in touch on"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, db_index=True)
    # The member account made at onboarding (staff side).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    # The SHA-256 of the random token in the link to withdraw (sent with the receipt):
    # the link carries no personal data and the token itself is never stored.
    withdraw_token_hash = models.CharField(max_length=64, blank=True, default="", db_index=True)
    # The language they applied in: messages to them are written in it.
    language = models.CharField(_("language"), max_length=8, default="en")

    # Eligibility. Only eligible people get this far, so only how they are linked to the
    # area is kept (asked as "live, work or study"; at least one is true).
    lives_in_area = models.BooleanField(_("lives in the area"), default=False)
    works_in_area = models.BooleanField(_("works in the area"), default=False)
    studies_in_area = models.BooleanField(_("studies in the area"), default=False)

    # Contact details. At least one of email and phone.
    full_name = EncryptedCharField(_("full name"), max_length=200)
    email = EncryptedCharField(_("email address"), max_length=320, blank=True, default="")
    email_digest = models.CharField(max_length=64, db_index=True, blank=True, default="")
    phone = EncryptedCharField(_("phone number"), max_length=40, blank=True, default="")
    phone_digest = models.CharField(max_length=64, db_index=True, blank=True, default="")

    # Which ways of contacting them are safe, and when not to, are in the product's one
    # safe-contact model: `application.safe_contact` (safecontact.SafeContact).

    access_needs = EncryptedTextField(_("access needs"), blank=True, default="")

    # Equality monitoring (optional; special category data). Codes from
    # recruitment.reference.equality, "prefer_not_to_say", or "" when not asked/answered.
    equality_answered = models.BooleanField(_("answered equality questions"), default=False)
    ethnic_group = EncryptedCharField(_("ethnic group"), max_length=80, blank=True, default="")
    disability = EncryptedCharField(_("disability"), max_length=80, blank=True, default="")
    sexual_orientation = EncryptedCharField(
        _("sexual orientation"), max_length=80, blank=True, default=""
    )
    gender_identity = EncryptedCharField(
        _("gender identity"), max_length=80, blank=True, default=""
    )
    age_band = EncryptedCharField(_("age band"), max_length=80, blank=True, default="")
    borough = EncryptedCharField(_("borough"), max_length=80, blank=True, default="")

    # Consents and agreements, with when they were given.
    pnc_check_consent_at = models.DateTimeField(_("consented to a PNC check"), null=True)
    terms_agreed_at = models.DateTimeField(
        _("agreed to confidentiality and the Terms of Reference"), null=True
    )
    privacy_notice_seen_at = models.DateTimeField(_("saw the privacy notice"), null=True)

    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        # Never the person's name: this appears in logs and the admin.
        return f"Application {self.reference}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email_digest = contact_digest("email", self.email or "")
        self.phone_digest = contact_digest("phone", self.phone or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            fields = set(update_fields)
            if "email" in fields:
                fields.add("email_digest")
            if "phone" in fields:
                fields.add("phone_digest")
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return not self.outcome

    @property
    def safe_channel(self) -> str:
        """The channel for automatic messages, read from the application's safe contact:
        "email", "sms" or "" (phone only, or none)."""
        contact = getattr(self, "safe_contact", None)
        if contact is None:
            return ""
        if contact.may_email and contact.email_to_use():
            return "email"
        if contact.may_text and contact.phone_to_use():
            return "sms"
        return ""

    def equality_answers(self) -> dict[str, str]:
        """Decrypted equality monitoring codes by field (for counting in Python)."""
        return {name: getattr(self, name) or "" for name in EQUALITY_FIELDS}
