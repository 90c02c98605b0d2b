"""The "you said, we did" demo step (insights/demo/yousaid.py): after the forums and the
feedback loop's demo, the demo forum's next meeting has the item and the member persona
was sent one digest; running it again changes nothing."""

import pytest

from forums.demo import seed_forums
from forums.models import Forum
from insights.demo import seed_insights, seed_you_said_we_did
from insights.models import MemberDigest
from insights.selectors import AGENDA_TITLE, next_meeting_of
from notify.models import Message
from victimvoice.personas import FORUMS

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_demo_puts_the_item_on_the_next_meeting_and_sends_one_digest(personas) -> None:
    seed_forums()
    seed_insights()
    first = seed_you_said_we_did()
    second = seed_you_said_we_did()
    assert first == second
    assert "an agenda item on the next meeting" in first
    forum = Forum.objects.get(name=FORUMS["forum_a"][0])
    upcoming = next_meeting_of(forum)
    assert upcoming is not None
    [item] = upcoming.agenda_items.filter(title=AGENDA_TITLE)
    assert "Tell victims who their officer is and how to reach them" in item.detail
    assert "07700 900461" not in item.detail
    [digest] = MemberDigest.objects.filter(member=personas["member"])
    assert digest.recommendations.exists()
    assert Message.objects.filter(template="you_said_we_did_digest").count() == 1
