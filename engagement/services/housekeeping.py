"""Asking inactive participants every two years whether to stay (docs/engagement.md,
"Keeping and deleting").

Someone with no activity (joining, answering an invitation, changing their details) for
ENGAGEMENT_INACTIVE_DAYS is sent one message with a link: stay, or leave. Saying nothing for
ENGAGEMENT_STAY_ANSWER_DAYS takes them off the register, and the retention rule
`engagement.left` then deletes them. Run nightly (engagement/tasks.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.audit_events import STAY_ANSWERED, STAY_ASKED, STAY_LAPSED
from engagement.models import Participant, ParticipantStatus
from engagement.services.common import participant_tell, site_link
from engagement.tokens import digest_of, new_token
from lib.rules import RuleBroken
from privacy.audit import audit_record

ON_REGISTER = (ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED)


def _not_asked_since_active() -> Q:
    return Q(stay_asked_at__isnull=True) | Q(stay_asked_at__lt=F("last_active_at"))


def participant_stay_ask_due(*, now: datetime | None = None) -> int:
    """Ask everyone inactive for the set time, not asked since, whether to stay. Returns how
    many were asked (someone with no safe channel now is tried again the next night)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENGAGEMENT_INACTIVE_DAYS)
    due = Participant.objects.filter(
        _not_asked_since_active(), status__in=ON_REGISTER, last_active_at__lt=cutoff
    ).select_related("safe_contact")
    asked = 0
    for participant in due.iterator(chunk_size=500):
        with transaction.atomic():
            token, digest = new_token(purpose="stay")
            message = participant_tell(
                participant=participant,
                template="engagement_stay_question",
                personalisation={"link": site_link(reverse("engagement:stay", args=[token]))},
                at=now,
            )
            if message is None:
                continue
            Participant.objects.filter(pk=participant.pk).update(
                stay_asked_at=now, stay_token_digest=digest
            )
            audit_record(actor=None, action=STAY_ASKED, obj=participant, fields=["stay_asked_at"])
            asked += 1
    return asked


def participant_for_stay_token(token: str) -> Participant | None:
    """The participant a "do you want to stay?" link was sent to, while it is unanswered."""
    digest = digest_of(token, purpose="stay")
    if not digest:
        return None
    return Participant.objects.filter(stay_token_digest=digest, status__in=ON_REGISTER).first()


def participant_stay_answer(*, participant: Participant, stay: bool) -> Participant:
    """Stay (counts as activity) or leave; either way the link stops working."""
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.status not in ON_REGISTER or not locked.stay_token_digest:
            raise RuleBroken(_("This link has already been used."), code="stay_answered")
        now = timezone.now()
        locked.stay_token_digest = ""
        if stay:
            locked.last_active_at = now
            changed = ["last_active_at"]
        else:
            locked.status = ParticipantStatus.LEFT
            locked.left_at = now
            changed = ["status", "left_at"]
        locked.save(update_fields=[*changed, "stay_token_digest"])
        audit_record(actor=None, action=STAY_ANSWERED, obj=locked, fields=changed)
    return locked


def participant_stay_lapse_due(*, now: datetime | None = None) -> int:
    """Take off the register everyone asked more than the set time ago who has not answered
    or been active since. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENGAGEMENT_STAY_ANSWER_DAYS)
    due = Participant.objects.filter(
        status__in=ON_REGISTER,
        stay_asked_at__lt=cutoff,
        last_active_at__lt=F("stay_asked_at"),
    )
    lapsed = 0
    for participant in due.iterator(chunk_size=500):
        with transaction.atomic():
            Participant.objects.filter(pk=participant.pk).update(
                status=ParticipantStatus.LEFT, left_at=now, stay_token_digest=""
            )
            audit_record(
                actor=None, action=STAY_LAPSED, obj=participant, fields=["status", "left_at"]
            )
            lapsed += 1
    return lapsed
