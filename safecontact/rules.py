"""Whether a contact may be made now, by a channel (docs/desk.md, "One safe-contact model").

`check_attempt` raises `lib.rules.RuleBroken` with a machine `code`:

- `channel_ruled_out`: they did not say the channel is safe (`may_<channel>` false), or
  there is nowhere safe to reach them by it (no number, email address or postal address).
  In person is never ruled out by channel.
- `channel_on_hold`: the channel is on hold after a contact by it was not safe, until a desk
  supervisor reviews it.
- `voicemail_not_allowed`: a message left on a phone call without `may_voicemail`. A message
  left by text, email or letter is the channel itself, so it needs nothing more.
- `outside_safe_times`: not within the times they agreed are safe (London wall time). With
  no safe times agreed, only the desk's open hours (settings.DESK_OPEN_HOURS, any day).

Inbound contacts (`direction="in"`: they rang, texted or wrote to us) are the person's own
choice of channel and time, so they skip the safe-times and ruled-out checks, and a message
they left us is not a voicemail of ours. A hold still applies to them: the hold means
someone other than the person answered on that channel, so a contact coming in by it may
not be them either, and nothing goes on by that channel until a supervisor has reviewed it
(the desk confirms who is calling and calls back by a safe channel).

With no safe contact at all (`contact=None`), nothing has been agreed: every channel but in
person is ruled out for outbound contact, and only the desk's hours count as safe.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from lib.rules import RuleBroken
from safecontact.models import (
    Channel,
    ChannelHold,
    Direction,
    Outcome,
    SafeContact,
    Window,
    minute_text,
    parse_minute,
)

LONDON = ZoneInfo("Europe/London")

OUTSIDE_SAFE_TIMES = "outside_safe_times"
CHANNEL_RULED_OUT = "channel_ruled_out"
VOICEMAIL_NOT_ALLOWED = "voicemail_not_allowed"
CHANNEL_ON_HOLD = "channel_on_hold"


def desk_hours_window() -> Window:
    """The desk's open hours as a safe time on every day (when none are agreed)."""
    start, end = settings.DESK_OPEN_HOURS
    return Window(days=tuple(range(7)), start=parse_minute(start), end=parse_minute(end))


def windows_for(contact: SafeContact | None) -> list[Window]:
    """The times that count as safe: those agreed, else the desk's open hours."""
    agreed = contact.windows if contact is not None else []
    return agreed or [desk_hours_window()]


def is_safe_time(contact: SafeContact | None, at: datetime) -> bool:
    local = at.astimezone(LONDON)
    minute = local.hour * 60 + local.minute
    return any(w.contains(local.weekday(), minute) for w in windows_for(contact))


def check_attempt(
    contact: SafeContact | None,
    *,
    channel: str,
    at: datetime,
    outcome: str | None = None,
    direction: str = Direction.OUT,
) -> None:
    """RuleBroken (with its `code`) unless contacting them by `channel` at `at` is safe."""
    channel = Channel(channel)
    inbound = Direction(direction) == Direction.IN
    if not inbound and channel != Channel.IN_PERSON:
        if contact is None or not contact.may(channel):
            raise RuleBroken(
                _("They have not said that contact by this channel is safe."),
                field="channel",
                code=CHANNEL_RULED_OUT,
            )
        if not contact.has_means(channel):
            raise RuleBroken(
                _("There is no safe number or address to contact them by this channel."),
                field="channel",
                code=CHANNEL_RULED_OUT,
            )
    if (
        contact is not None
        and contact.pk is not None
        and ChannelHold.objects.filter(safe_contact=contact, channel=channel, decision="").exists()
    ):
        raise RuleBroken(
            _(
                "This channel is on hold because a contact by it was not safe. A desk "
                "supervisor must review it first."
            ),
            field="channel",
            code=CHANNEL_ON_HOLD,
        )
    if (
        not inbound
        and outcome == Outcome.MESSAGE_LEFT
        and channel == Channel.PHONE
        and not (contact is not None and contact.may_voicemail)
    ):
        raise RuleBroken(
            _("They have not said that it is safe to leave a voicemail."),
            field="outcome",
            code=VOICEMAIL_NOT_ALLOWED,
        )
    if not inbound and not is_safe_time(contact, at):
        if contact is not None and contact.windows:
            message = _("This is outside the times they said are safe: %(times)s.") % {
                "times": safe_windows_text(contact)
            }
        else:
            message = _(
                "No safe times are agreed, so only the desk's hours count as safe: %(times)s."
            ) % {"times": window_text(desk_hours_window())}
        raise RuleBroken(message, field="at", code=OUTSIDE_SAFE_TIMES)


def _days_text(days: tuple[int, ...]) -> str:
    names = [str(WEEKDAYS[d]) for d in days]
    if len(days) == 7:
        return _("Every day")
    if len(days) > 2 and list(days) == list(range(days[0], days[-1] + 1)):
        return _("%(first)s to %(last)s") % {"first": names[0], "last": names[-1]}
    if len(names) == 1:
        return names[0]
    return _("%(days)s and %(last)s") % {"days": ", ".join(names[:-1]), "last": names[-1]}


def window_text(window: Window) -> str:
    """ "Monday to Friday, 10:00 to 15:00"; "Friday, 22:00 to 02:00 the next day"."""
    values = {
        "days": _days_text(window.days),
        "start": minute_text(window.start),
        "end": minute_text(window.end),
    }
    if window.overnight:
        return _("%(days)s, %(start)s to %(end)s the next day") % values
    return _("%(days)s, %(start)s to %(end)s") % values


def safe_windows_text(contact: SafeContact | None) -> str:
    """The safe times in words, for pages: "Monday to Friday, 10:00 to 15:00"."""
    agreed = contact.windows if contact is not None else []
    if not agreed:
        return _("None agreed (the desk's hours: %(window)s)") % {
            "window": window_text(desk_hours_window())
        }
    return "; ".join(window_text(w) for w in agreed)
