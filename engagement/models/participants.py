"""People on the engagement register (docs/engagement.md, "Joining").

A participant gave their name and one way to be contacted; everything else is optional and
each question has "Prefer not to say" (stored as `prefer_not_to_say`; an empty value means
not asked or not answered). Their safe contact is the product's one safe-contact model
(`safecontact.SafeContact`, owner `participant`).

Eligibility filters in SQL on the codes that are not special-category data (area, age band,
crime kinds, languages, ways of taking part), so that who is eligible among 100,000 is one
indexed query. Special-category answers (ethnic group, disability, sexual orientation,
gender identity) and access needs are encrypted and only read in Python, for selection and
representativeness.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField, EncryptedTextField


class ParticipantStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for the code to be confirmed")
    ACTIVE = "active", _("On the register")
    PAUSED = "paused", _("Paused: not being asked for now")
    LEFT = "left", _("Left the register")


class JoinedBy(models.TextChoices):
    PUBLIC = "public", _("Signed up on the website")
    FORUM_MEMBER = "forum_member", _("Joined from the member portal")


class Format(models.TextChoices):
    """Ways someone can take part (and ways an opportunity can be done)."""

    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person")


class Participant(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.UNVERIFIED,
        db_index=True,
    )
    joined_by = models.CharField(max_length=16, choices=JoinedBy.choices, default=JoinedBy.PUBLIC)
    language = models.CharField(_("language"), max_length=8, default="en")

    full_name = EncryptedCharField(_("name"), max_length=200)
    email = EncryptedCharField(_("email address"), max_length=320, blank=True, default="")
    phone = EncryptedCharField(_("phone number"), max_length=40, blank=True, default="")
    # Keyed hashes (recruitment.models.contact_digest) so that a subject request or a
    # second sign-up finds a person without decrypting every row.
    email_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    phone_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)

    # Confirming the way to be contacted: a code sent to it, kept as a keyed hash.
    code_digest = models.CharField(max_length=64, blank=True, default="")
    code_sent_at = models.DateTimeField(null=True, blank=True)
    code_attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    # Consent to be on the register and be asked (the wording's version, when).
    consent_version = models.CharField(max_length=32, blank=True, default="")
    consented_at = models.DateTimeField(null=True, blank=True)

    # Optional answers. Plain codes: used to find who is eligible.
    area = models.CharField(_("area"), max_length=32, blank=True, default="", db_index=True)
    age_band = models.CharField(_("age band"), max_length=32, blank=True, default="")
    sex = models.CharField(_("sex"), max_length=32, blank=True, default="")
    crime_kinds = models.JSONField(_("kinds of crime experienced"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    formats = models.JSONField(_("ways of taking part"), default=list, blank=True)
    # Special-category answers and access needs: encrypted.
    gender_identity = EncryptedCharField(
        _("gender identity"), max_length=80, blank=True, default=""
    )
    ethnic_group = EncryptedCharField(_("ethnic group"), max_length=80, blank=True, default="")
    sexual_orientation = EncryptedCharField(
        _("sexual orientation"), max_length=80, blank=True, default=""
    )
    disability = EncryptedCharField(_("disability"), max_length=80, blank=True, default="")
    access_needs = EncryptedTextField(_("access needs"), blank=True, default="")

    created_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(_("joined"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The last time they did anything (joined, answered an invitation, changed their
    # details): inactive participants are asked every two years whether to stay.
    last_active_at = models.DateTimeField(default=timezone.now, db_index=True)
    stay_asked_at = models.DateTimeField(null=True, blank=True)
    # A keyed hash of the token in the "do you want to stay?" message's link.
    stay_token_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)

    class Meta:
        verbose_name = _("register participant")
        # Who is eligible (engagement/selectors/eligibility.py) is read on PostgreSQL from a
        # partial covering index over two columns the database keeps itself, made and kept
        # by migration 0006 (its triggers): they are not fields here, so that nothing in
        # Django ever writes them. Other databases compute the same from the tables.

    def __str__(self) -> str:
        # Never anything about the person: this appears in logs and the admin.
        return f"Participant {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from recruitment.models import contact_digest

        self.email_digest = contact_digest("email", self.email or "")
        self.phone_digest = contact_digest("phone", self.phone or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"phone", "email"} & set(update_fields)):
            kwargs["update_fields"] = {*update_fields, "phone_digest", "email_digest"}
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status == ParticipantStatus.ACTIVE
