"""Demo data for "you said, we did" (seed_demo step, after the monthly reports).

On the demo forum (the violence against women and girls forum, the member persona's): the
"You said, we did" item on its next meeting is created or brought up to date, and the
member persona is sent (to the outbox) their digest, recorded as a MemberDigest. Safe to run
again: the item is refreshed in place, and a second digest waits six weeks.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from forums.models import Forum, ForumMembership, MembershipStatus
from insights.models import MemberDigest, Recommendation
from insights.services import you_said_we_did_agenda_refresh, you_said_we_did_digest_send
from victimvoice.personas import FORUMS, PERSONAS_BY_KEY


def seed_you_said_we_did() -> str:
    if settings.PRODUCTION:
        raise ImproperlyConfigured("Demo data is never created in production.")
    forum = Forum.objects.filter(name=FORUMS["forum_a"][0]).first()
    if forum is None or not Recommendation.objects.filter(forum=forum).exists():
        return "no you-said-we-did demo (no demo recommendations)"
    item = you_said_we_did_agenda_refresh(actor=None, forum=forum)
    member = (
        ForumMembership.objects.filter(
            forum=forum,
            user__email=PERSONAS_BY_KEY["member"].email,
            status=MembershipStatus.ACTIVE,
        )
        .select_related("forum", "user", "membership__application")
        .first()
    )
    if member is not None:
        you_said_we_did_digest_send(fm=member)
    digests = MemberDigest.objects.filter(forum=forum).count()
    agenda = "an agenda item on the next meeting" if item is not None else "no meeting to come"
    return f"you said, we did: {agenda}, {digests} digest(s)"
