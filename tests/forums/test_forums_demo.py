"""The demo forums: five cohorts, a two-year rhythm of meetings, past ones with attendance
and final notes, the next with a published agenda; safe to run again."""

import pytest
from django.utils import timezone

from forums.demo import DEMO_FORUMS, seed_forums
from forums.models import Forum, ForumMembership, Meeting, NoteStatus

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def test_the_demo_makes_five_forums_with_two_years_of_meetings(personas):
    seed_forums()
    forums = Forum.objects.filter(name__in=[name for _s, name, _o in DEMO_FORUMS])
    assert forums.count() == 5
    now = timezone.now()
    for forum in forums:
        assert forum.cohort is not None
        assert (forum.tenure_end - forum.tenure_starts_on).days in (730, 731)
        meetings = list(forum.meetings.order_by("starts_at"))
        assert 15 <= len(meetings) <= 18
        past = [m for m in meetings if m.starts_at < now]
        future = [m for m in meetings if m.starts_at >= now]
        assert past and future
        assert all(m.note.status == NoteStatus.FINAL for m in past)
        assert all(m.attendances.filter(status="attended").exists() for m in past)
        assert future[0].agenda_published_at is not None
        assert future[0].agenda_items.filter(status="accepted").exclude(content_note="")
    member = personas["member"]
    assert ForumMembership.objects.get(user=member).forum.name == DEMO_FORUMS[0][1]


def test_running_the_demo_again_makes_nothing_new(personas):
    seed_forums()
    count = Meeting.objects.count()
    seed_forums()
    assert Meeting.objects.count() == count
