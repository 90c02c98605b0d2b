"""What the forums services share: uploads, and telling members about a meeting by their safe channel (recruitment's
applicant_tell: email or text, never a channel they said was unsafe)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from forums.models import Forum, ForumMembership, Meeting, MeetingFormat, MembershipStatus


def ics_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("forums:meeting_ics", args=[meeting.pk])


def _when(meeting: Meeting, language: str) -> str:
    with translation.override(language or "en"):
        return date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")


def _where(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.ONLINE:
        return "Online"
    if meeting.venue is not None:
        return meeting.venue.name
    return "To be confirmed"


def tell(fm: ForumMembership, template: str, meeting: Meeting, **extra: str) -> bool:
    """Tell one member about `meeting` by their safe channel (recruitment's applicant_tell).
    The calendar link goes with every message but the cancellation's (`extra` replaces it)."""
    from recruitment.services import applicant_tell

    application = fm.membership.application
    personalisation = {
        "forum": meeting.forum.name,
        "date": _when(meeting, application.language),
        "place": _where(meeting),
    }
    personalisation.update(extra or {"link": ics_url(meeting)})
    return applicant_tell(
        application=application, template=template, personalisation=personalisation
    )


def active_members(forum: Forum) -> list[ForumMembership]:
    return list(
        forum.memberships.filter(status=MembershipStatus.ACTIVE).select_related(
            "membership__application"
        )
    )


def upload_head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head
