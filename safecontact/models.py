"""One safe-contact model for the whole product (docs/desk.md, "One safe-contact model").

A person's safe contact says which ways of reaching them are safe (`may_*`), the safe
phone number, email address and postal address where they differ from the ones on their
record, the times that are safe to ring or visit, the times they asked us to avoid (shown,
not enforced) and a code word. It belongs to exactly one owner and is deleted with it:
an application to join a forum (`application`), a victim on the Victim Focus Desk and a
victim's nominated person, or a participant on the engagement register (`participant`).

`safecontact.rules.check_attempt` is the one place that decides whether a contact may be
made now, by a channel. A channel found unsafe in use ("unsafe, abandoned") is put on
hold (`ChannelHold`) until a desk supervisor reviews it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedCharField, EncryptedTextField


class Channel(models.TextChoices):
    """The ways of contacting someone. Shared by the desk's contact log and the register."""

    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message (SMS)")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")


class Outcome(models.TextChoices):
    """How a contact attempt ended (the desk's contact log)."""

    REACHED = "reached", _("Reached them")
    NO_ANSWER = "no_answer", _("No answer")
    UNSAFE_ABANDONED = "unsafe_abandoned", _("Not safe to go on: stopped")
    MESSAGE_LEFT = "message_left", _("Left a message")


class Direction(models.TextChoices):
    """Who made the contact: we did (out) or they did (in)."""

    OUT = "out", _("We contacted them")
    IN = "in", _("They contacted us")


class HoldReason(models.TextChoices):
    UNSAFE_ABANDONED = "unsafe_abandoned", _("A contact by this channel was not safe")
    ASKED = "asked", _("They asked us not to use it for now")
    OTHER = "other", _("Another safety concern")


class HoldDecision(models.TextChoices):
    REINSTATE = "reinstate", _("Safe to use again")
    KEEP_RULED_OUT = "keep_ruled_out", _("Keep it ruled out")


# The channels a safe contact allows or refuses by a `may_<name>` field. In person is never
# refused by channel (only by the safe times).
CHANNEL_PERMISSION = {
    Channel.PHONE: "may_phone",
    Channel.TEXT: "may_text",
    Channel.EMAIL: "may_email",
    Channel.LETTER: "may_letter",
}


@dataclass(frozen=True)
class Window:
    """A safe time: on `days` (0 = Monday), from `start` to `end`, in minutes after midnight,
    London wall time. An `end` at or before `start` runs past midnight into the next day
    (Friday 22:00 to 02:00 is Friday night into Saturday morning)."""

    days: tuple[int, ...]
    start: int
    end: int

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def contains(self, weekday: int, minute: int) -> bool:
        if not self.overnight:
            return weekday in self.days and self.start <= minute < self.end
        if weekday in self.days and minute >= self.start:
            return True
        return (weekday - 1) % 7 in self.days and minute < self.end

    def as_dict(self) -> dict[str, Any]:
        return {
            "days": list(self.days),
            "from": minute_text(self.start),
            "to": minute_text(self.end),
        }


def minute_text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_minute(value: Any) -> int:
    """ "10:00" -> 600; "24:00" -> 1440 (the end of a day). ValueError when not a time."""
    hours, sep, minutes = str(value).strip().partition(":")
    if not (sep and hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"Not a time: {value!r}")
    total = int(hours) * 60 + int(minutes)
    if int(minutes) > 59 or total > 24 * 60:
        raise ValueError(f"Not a time: {value!r}")
    return total


def parse_windows(raw: Any) -> list[Window]:
    """Safe times from their JSON (a string or the parsed list). ValueError when malformed."""
    if raw in (None, ""):
        return []
    data = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(data, list):
        raise ValueError("Safe times are a list of windows.")
    windows = []
    for item in data:
        if not isinstance(item, dict):
            raise ValueError("A safe time is a mapping of days, from and to.")
        days = item.get("days")
        if (
            not isinstance(days, list)
            or not days
            or not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in days)
        ):
            raise ValueError("A safe time's days are numbers from 0 (Monday) to 6 (Sunday).")
        start, end = parse_minute(item.get("from")), parse_minute(item.get("to"))
        if start == end or start == 24 * 60:
            raise ValueError("A safe time needs a start and a different end.")
        windows.append(Window(days=tuple(sorted(set(days))), start=start, end=end))
    return windows


def dump_windows(windows: list[Window]) -> str:
    return json.dumps([w.as_dict() for w in windows]) if windows else ""


class SafeContact(models.Model):
    """How one person may be contacted safely. Exactly one owner: an application to join a
    forum, a victim on the desk, a victim's nominated person or a register participant."""

    application = models.OneToOneField(
        "recruitment.Application",
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="safe_contact",
    )
    victim = models.OneToOneField(
        "desk.Victim",
        verbose_name=_("victim"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="safe_contact",
    )
    nominee_of = models.OneToOneField(
        "desk.Victim",
        verbose_name=_("nominated person of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="nominee_safe_contact",
    )
    participant = models.OneToOneField(
        "engagement.Participant",
        verbose_name=_("register participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="safe_contact",
    )

    may_email = models.BooleanField(_("safe to email"), default=False)
    may_text = models.BooleanField(_("safe to text"), default=False)
    may_phone = models.BooleanField(_("safe to phone"), default=False)
    may_voicemail = models.BooleanField(_("safe to leave a voicemail"), default=False)
    may_letter = models.BooleanField(_("safe to send a letter"), default=False)

    # The safe ones, where they differ from the owner's own. Empty for an application: its
    # own email address and phone number are the ones it gave to be contacted on.
    phone = EncryptedCharField(_("safe phone number"), max_length=40, blank=True, default="")
    email = EncryptedCharField(_("safe email address"), max_length=320, blank=True, default="")
    address = EncryptedTextField(_("safe postal address"), blank=True, default="")
    # Keyed hashes of the safe phone number and email address, so that a subject request
    # finds them without decrypting every row (recruitment.models.contact_digest).
    phone_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)
    email_digest = models.CharField(max_length=64, blank=True, default="", db_index=True)

    # JSON: [{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}], London wall time,
    # 0 = Monday. Empty: none agreed (only the desk's open hours count as safe).
    safe_times = EncryptedTextField(_("safe times"), blank=True, default="")
    times_to_avoid = EncryptedTextField(_("times to avoid"), blank=True, default="")
    code_word = EncryptedCharField(_("code word"), max_length=100, blank=True, default="")

    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("safe contact")
        verbose_name_plural = _("safe contacts")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        application__isnull=False,
                        victim__isnull=True,
                        nominee_of__isnull=True,
                        participant__isnull=True,
                    )
                    | models.Q(
                        application__isnull=True,
                        victim__isnull=False,
                        nominee_of__isnull=True,
                        participant__isnull=True,
                    )
                    | models.Q(
                        application__isnull=True,
                        victim__isnull=True,
                        nominee_of__isnull=False,
                        participant__isnull=True,
                    )
                    | models.Q(
                        application__isnull=True,
                        victim__isnull=True,
                        nominee_of__isnull=True,
                        participant__isnull=False,
                    )
                ),
                name="safecontact_exactly_one_owner",
            )
        ]
        indexes = [
            # Who on the engagement register can be reached by email or text, read without
            # the wide encrypted rows (engagement/selectors/eligibility.py; PostgreSQL).
            models.Index(
                fields=["participant"],
                include=["may_email", "may_text", "email_digest", "phone_digest"],
                condition=models.Q(participant__isnull=False),
                name="safecontact_participant_reach",
            )
        ]

    def __str__(self) -> str:
        # Never anything about the person: this appears in logs and the admin.
        return f"Safe contact {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        from recruitment.models import contact_digest

        self.phone_digest = contact_digest("phone", self.phone or "")
        self.email_digest = contact_digest("email", self.email or "")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and ({"phone", "email"} & set(update_fields)):
            kwargs["update_fields"] = {*update_fields, "phone_digest", "email_digest"}
        super().save(*args, **kwargs)

    @property
    def windows(self) -> list[Window]:
        """The agreed safe times, or [] when none are agreed (or they cannot be read)."""
        try:
            return parse_windows(self.safe_times)
        except ValueError:
            return []

    def may(self, channel: str) -> bool:
        """Whether `channel` is one they said is safe (in person always is)."""
        name = CHANNEL_PERMISSION.get(Channel(channel))
        return True if name is None else bool(getattr(self, name))

    def _owner_with_own_contact(self) -> Any:
        """The owner whose own phone and email are the ones to use when no safe ones are
        given: an application or a register participant."""
        if self.application_id:
            return self.application
        if self.participant_id:
            return self.participant
        return None

    def phone_to_use(self) -> str:
        """The safe phone number, else the owner's own (an application's, a participant's)."""
        if self.phone:
            return self.phone
        owner = self._owner_with_own_contact()
        return (owner.phone or "") if owner is not None else ""

    def email_to_use(self) -> str:
        if self.email:
            return self.email
        owner = self._owner_with_own_contact()
        return (owner.email or "") if owner is not None else ""

    def address_to_use(self) -> str:
        return self.address or ""

    def has_means(self, channel: str) -> bool:
        """Whether there is somewhere to contact them by `channel` (a number, an address)."""
        channel = Channel(channel)
        if channel in (Channel.PHONE, Channel.TEXT):
            return bool(self.phone_to_use())
        if channel == Channel.EMAIL:
            return bool(self.email_to_use())
        if channel == Channel.LETTER:
            return bool(self.address_to_use())
        return True

    def open_holds(self) -> models.QuerySet[ChannelHold]:
        return self.holds.filter(decision="")


class ChannelHold(models.Model):
    """A channel not to be used until a desk supervisor has reviewed it (after a contact by
    it was not safe). Open while `decision` is empty."""

    safe_contact = models.ForeignKey(
        SafeContact, on_delete=models.CASCADE, related_name="holds", verbose_name=_("safe contact")
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=HoldReason.choices)
    created_at = models.DateTimeField(_("put on hold"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("put on hold by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=16, choices=HoldDecision.choices, blank=True, default=""
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    review_note = EncryptedTextField(_("review note"), blank=True, default="")

    class Meta:
        verbose_name = _("channel on hold")
        verbose_name_plural = _("channels on hold")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["safe_contact", "channel"],
                condition=models.Q(decision=""),
                name="safecontact_hold_open",
            )
        ]

    def __str__(self) -> str:
        return f"Hold {self.pk} on {self.channel}"

    @property
    def is_open(self) -> bool:
        return not self.decision
