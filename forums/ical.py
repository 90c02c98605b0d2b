"""The iCalendar file of a meeting (RFC 5545), for members' and staff calendars.

It holds no personal data: the forum, the time, the place and the joining details only.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from forums.models import Meeting, MeetingFormat


def meeting_calendar(meeting: Meeting) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Victim Voice//Forum meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0] or "victimvoice"
    event.add("uid", f"forum-meeting-{meeting.pk}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title or f"{meeting.forum.name} meeting")
    if meeting.venue is not None and meeting.format != MeetingFormat.ONLINE:
        place = meeting.venue.name
        if meeting.venue.address:
            place = f"{place}, {' '.join(meeting.venue.address.split())}"
        event.add("location", place)
    lines = [str(MeetingFormat(meeting.format).label)]
    if meeting.online_joining and meeting.format != MeetingFormat.IN_PERSON:
        lines.append(meeting.online_joining)
    if meeting.venue is not None and meeting.venue.accessibility:
        lines.append(meeting.venue.accessibility)
    event.add("description", "\n".join(lines))
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()
