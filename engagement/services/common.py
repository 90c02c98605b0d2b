"""What the register's services share: telling a participant something by their safe channel.

Written messages (email, then text) go by the first channel their safe contact allows, has
an address or number for, and has no hold on (`safecontact.rules.check_attempt`). Where they
agreed safe times, a message is only sent inside them: outside, nothing is sent now and the
caller's scheduled job tries again later. Where no times are agreed, a written message may go
at any time (the desk's opening hours only govern its calls). Phone calls and letters are
never sent automatically.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone

from engagement.models import Participant
from lib.rules import RuleBroken
from notify.models import Message
from notify.services import message_send
from recruitment.services.common import sms_number
from safecontact.models import Channel, SafeContact
from safecontact.rules import OUTSIDE_SAFE_TIMES, check_attempt

WRITTEN_CHANNELS = (Channel.EMAIL, Channel.TEXT)


def _may_write(contact: SafeContact, channel: str, at: datetime) -> bool:
    try:
        check_attempt(contact, channel=channel, at=at)
    except RuleBroken as broken:
        return broken.code == OUTSIDE_SAFE_TIMES and not contact.windows
    return True


def safe_written_channel(participant: Participant, *, at: datetime | None = None) -> str:
    """The channel to write to them by now ("email", "text"), or "" when none is safe now."""
    contact = getattr(participant, "safe_contact", None)
    if contact is None:
        return ""
    at = at or timezone.now()
    for channel in WRITTEN_CHANNELS:
        if _may_write(contact, channel, at):
            return channel
    return ""


def participant_tell(
    *,
    participant: Participant,
    template: str,
    personalisation: dict[str, str],
    at: datetime | None = None,
) -> Message | None:
    """Queue `template` to them in their language by their safe channel; None when no
    channel is safe now (nothing is sent)."""
    channel = safe_written_channel(participant, at=at)
    if not channel:
        return None
    contact = participant.safe_contact
    return message_send(
        template=template,
        to_email=contact.email_to_use() if channel == Channel.EMAIL else None,
        to_phone=sms_number(contact.phone_to_use()) if channel == Channel.TEXT else None,
        personalisation=personalisation,
        language=participant.language or "en",
    )


def site_link(path: str) -> str:
    """An absolute link for a message: the site's address and `path` (which starts with /)."""
    return settings.SITE_URL.rstrip("/") + path
