"""Subject requests for forum members: their place in a forum with attendance is exported
and erased; what they wrote for the forum is exported and kept without their name."""

import pytest

from forums import services
from forums.models import AgendaItem, ForumMembership, NoteReview
from forums.subject_data import ForumsProvider
from tests.forums.test_forums_services import forum_a, future_meeting, join, past_meeting

pytestmark = pytest.mark.django_db


def test_a_members_forum_data_is_found_exported_and_erased(personas):
    admin = personas["programme_admin"]
    forum = forum_a(personas)
    fm = join(forum, admin, email="subject@example.org")
    forum.co_chairs.add(fm.user)
    item = services.agenda_item_propose(
        actor=fm.user, meeting=future_meeting(forum, admin), title="Bail letters", detail="x"
    )
    meeting = past_meeting(forum, admin)
    services.attendance_record(
        actor=admin, meeting=meeting, forum_membership=fm, status="attended", recording_consent=True
    )
    note = services.note_save(actor=admin, meeting=meeting, text="Notes.")
    services.note_share(actor=admin, note=note)
    review = services.note_review_add(actor=fm.user, note=note, comment="Fine.", approved=True)

    provider = ForumsProvider()
    matches = provider.for_user(fm.user)
    assert {m.model for m in matches} == {
        "forums.forummembership",
        "forums.agendaitem",
        "forums.notereview",
    }
    exported = {m.model: provider.export(m).as_dict() for m in matches}
    values = [f["value"] for f in exported["forums.forummembership"]["fields"]]
    assert forum.name in values and any("Attended" in v for v in values)
    assert any(f["value"] == "Bail letters" for f in exported["forums.agendaitem"]["fields"])

    for match in matches:
        provider.erase(match)
    assert not ForumMembership.objects.filter(pk=fm.pk).exists()
    assert AgendaItem.objects.get(pk=item.pk).proposed_by is None
    assert NoteReview.objects.get(pk=review.pk).reviewer is None
