"""You said, we did: the writes (docs/you-said-we-did.md). Its reads are in
insights/selectors/yousaid.py.

- `you_said_we_did_agenda_refresh(actor=, forum=, meeting=None)`: create or refresh the one
  "You said, we did" item on the forum's next meeting.
- `you_said_we_did_digests_send(now=None)`: tell members, by their safe channel, that
  something their forum raised has moved: at most one digest per member per
  DIGEST_INTERVAL_DAYS, one message however many recommendations moved.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from accounts.access import require
from accounts.models import User
from forums import rules as forum_rules
from forums import services as forum_services
from forums.access import may_manage_forum
from forums.models import (
    AgendaItem,
    AgendaItemStatus,
    Forum,
    ForumMembership,
    Meeting,
    MembershipStatus,
    ProposerKind,
)
from insights import audit_events as events
from insights.models import MemberDigest
from insights.selectors.yousaid import (
    AGENDA_TITLE,
    agenda_item_on,
    agenda_summary,
    digest_due,
    may_be_told,
    next_meeting_of,
    recommendations_moved,
)
from lib.rules import RuleBroken
from privacy.audit import audit_record

# The agenda item -------------------------------------------------------------------------


@transaction.atomic
def you_said_we_did_agenda_refresh(
    *, actor: User | None, forum: Forum, meeting: Meeting | None = None
) -> AgendaItem | None:
    """Create, or bring up to date, the one "You said, we did" item on `meeting` (by default
    the forum's next meeting). With an actor (the button), the actor must manage the forum
    and a new item goes through forums.services.agenda_item_propose (accepted at once, as
    any facilitator's item). Without one (the daily job) a new item is added as the
    oversight body's, accepted, and audited as the job's. Returns None when there is no
    meeting to come or nothing to report."""
    if actor is not None:
        require(may_manage_forum(actor, forum))
    if meeting is None:
        meeting = next_meeting_of(forum)
    if meeting is None or meeting.forum_id != forum.pk:
        return None
    forum_rules.check_proposal_open(meeting)
    forum_rules.check_meeting_changeable(meeting)
    detail = agenda_summary(forum=forum, meeting=meeting)
    if not detail:
        return None
    item = agenda_item_on(meeting)
    if item is not None:
        if item.detail != detail:
            item.detail = detail
            item.save(update_fields=["detail"])
            audit_record(
                actor=actor,
                action=events.YOU_SAID_ITEM_REFRESHED,
                obj=item,
                fields=["detail"],
                note="you said, we did: agenda item refreshed",
            )
        return item
    if actor is not None:
        return forum_services.agenda_item_propose(
            actor=actor, meeting=meeting, title=AGENDA_TITLE, detail=detail
        )
    position = (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=AGENDA_TITLE,
        detail=detail,
        proposer_kind=ProposerKind.OVERSIGHT,
        position=position,
        status=AgendaItemStatus.ACCEPTED,
        decided_at=timezone.now(),
    )
    audit_record(
        actor=None,
        action=events.YOU_SAID_ITEM_ADDED,
        obj=item,
        fields=["title", "detail"],
        note="you said, we did: agenda item added by the daily job",
    )
    return item


def you_said_we_did_agenda_refresh_all() -> int:
    """Refresh the item on the next meeting of every forum with recommendations (the
    daily job). Returns how many items were created or checked."""
    done = 0
    forums = Forum.objects.filter(recommendations__isnull=False).distinct()
    for forum in forums:
        try:
            if you_said_we_did_agenda_refresh(actor=None, forum=forum) is not None:
                done += 1
        except RuleBroken:
            continue
    return done


# Digests ---------------------------------------------------------------------------------


def _link() -> str:
    return settings.SITE_URL + reverse("portal:what_happened")


@transaction.atomic
def you_said_we_did_digest_send(*, fm: ForumMembership, now: datetime | None = None) -> bool:
    """Send one member their digest if it is due and something moved; record it. One
    message, whatever the number of recommendations that moved."""
    from recruitment.services import applicant_tell

    now = now or timezone.now()
    if not may_be_told(fm):
        return False
    assert fm.user is not None
    due, since = digest_due(fm, now=now)
    if not due:
        return False
    moved = recommendations_moved(fm.forum_id, since)
    if not moved:
        return False
    application = fm.membership.application
    sent = applicant_tell(
        application=application,
        template="you_said_we_did_digest",
        personalisation={"count": str(len(moved)), "forum": fm.forum.name, "link": _link()},
    )
    if not sent:
        return False
    digest = MemberDigest.objects.create(member=fm.user, forum=fm.forum, sent_at=now)
    digest.recommendations.set(moved)
    audit_record(
        actor=None,
        action=events.YOU_SAID_DIGEST_SENT,
        obj=digest,
        fields=["sent_at", "recommendations"],
        note="you said, we did: digest sent",
    )
    return True


def you_said_we_did_digests_send(*, now: datetime | None = None) -> int:
    """The daily job's digests: every active member with an account whose forum has news.
    Returns how many messages were queued."""
    now = now or timezone.now()
    members = (
        ForumMembership.objects.filter(
            status=MembershipStatus.ACTIVE,
            user__isnull=False,
            forum__recommendations__isnull=False,
        )
        .select_related("forum", "user", "membership__application")
        .distinct()
        .order_by("pk")
    )
    return sum(you_said_we_did_digest_send(fm=fm, now=now) for fm in members)
