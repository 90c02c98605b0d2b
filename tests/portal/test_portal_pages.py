"""The member portal: a member sees their forum's meetings with agendas and content notes,
proposes items, sends apologies and steps back or returns; nobody reaches another member's
data."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from forums import services as forum_services
from forums.models import AgendaDocument, AgendaItemStatus, Attendance, MembershipStatus
from privacy.models import AuditEvent
from tests.portal.fixtures import forum_b, join, meeting, member_place

pytestmark = pytest.mark.django_db

# Sign-in, session and roles, then places, meetings to come and recent meetings, and their
# place on the engagement register.
PORTAL_HOME_QUERIES = 14


def _published_meeting(p: dict[str, Any]) -> Any:
    member_place(p)
    m = meeting(p)
    admin = p["programme_admin"]
    item = forum_services.agenda_item_propose(
        actor=admin,
        meeting=m,
        title="Draft leaflet on court visits",
        detail="Tell us what is missing.",
        content_note="Talks about going to court.",
    )
    doc = AgendaDocument(
        item=item, original_name="leaflet.pdf", content_type="application/pdf", size=9
    )
    doc.file.save("leaflet.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    doc.save()
    forum_services.agenda_publish(actor=admin, meeting=m)
    return m


def test_the_portal_lists_the_members_upcoming_meetings(client_as, personas) -> None:
    m = _published_meeting(personas)
    page = client_as("member").get(reverse("portal:home"))
    assert page.status_code == 200
    assert reverse("portal:meeting", args=[m.pk]) in page.content.decode()
    assert "Agenda ready" in page.content.decode()


def test_a_meeting_page_shows_the_agenda_content_note_document_and_support(
    client_as, personas
) -> None:
    m = _published_meeting(personas)
    body = client_as("member").get(reverse("portal:meeting", args=[m.pk])).content.decode()
    assert "Draft leaflet on court visits" in body
    assert "Talks about going to court." in body
    document = AgendaDocument.objects.get(item__meeting=m)
    assert reverse("forums:document", args=[document.pk]) in body
    assert reverse("directory:services") in body


def test_the_member_can_open_the_document_through_the_forums_checked_view(
    client_as, personas
) -> None:
    m = _published_meeting(personas)
    document = AgendaDocument.objects.get(item__meeting=m)
    response = client_as("member").get(reverse("forums:document", args=[document.pk]))
    assert response.status_code == 200


def test_an_unpublished_agenda_shows_only_the_members_own_proposal(client_as, personas) -> None:
    member_place(personas)
    m = meeting(personas)
    forum_services.agenda_item_propose(
        actor=personas["programme_admin"], meeting=m, title="Staff-only draft", detail=""
    )
    forum_services.agenda_item_propose(
        actor=personas["member"], meeting=m, title="Waiting times at the station", detail=""
    )
    body = client_as("member").get(reverse("portal:meeting", args=[m.pk])).content.decode()
    assert "Waiting times at the station" in body
    assert "Staff-only draft" not in body


def test_a_member_proposes_an_item_which_waits_for_the_facilitator(client_as, personas) -> None:
    member_place(personas)
    m = meeting(personas)
    response = client_as("member").post(
        reverse("portal:propose", args=[m.pk]),
        {"title": "Being kept up to date", "detail": "Nobody rang me back.", "content_note": ""},
    )
    assert response.status_code == 302
    item = m.agenda_items.get()
    assert item.title == "Being kept up to date"
    assert item.status == AgendaItemStatus.PROPOSED
    assert item.proposed_by == personas["member"]


def test_a_proposal_without_a_title_shows_an_error(client_as, personas) -> None:
    member_place(personas)
    m = meeting(personas)
    response = client_as("member").post(reverse("portal:propose", args=[m.pk]), {"title": ""})
    assert response.status_code == 200
    assert "Enter what you would like to talk about" in response.content.decode()
    assert not m.agenda_items.exists()


def test_a_member_sends_apologies(client_as, personas) -> None:
    fm = member_place(personas)
    m = meeting(personas)
    response = client_as("member").post(reverse("portal:apologies", args=[m.pk]))
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=m, forum_membership=fm).status == "apologies"
    body = client_as("member").get(reverse("portal:meeting", args=[m.pk])).content.decode()
    assert "You sent your apologies" in body


def test_another_member_gets_404_for_a_meeting_of_a_forum_they_are_not_in(
    client_as, personas
) -> None:
    member_place(personas)
    other_forum_meeting = meeting(personas, forum=forum_b(personas))
    client = client_as("member")
    for name in ("portal:meeting", "portal:propose"):
        assert client.get(reverse(name, args=[other_forum_meeting.pk])).status_code == 404
    assert (
        client.post(reverse("portal:apologies", args=[other_forum_meeting.pk])).status_code == 404
    )
    assert not other_forum_meeting.agenda_items.exists()


def test_a_member_without_a_forum_sees_an_empty_portal_and_cannot_step_back(
    client_as, personas
) -> None:
    # The cast's member persona has a place in forum A: take it away for this test.
    from forums.models import ForumMembership

    ForumMembership.objects.filter(user=personas["member"]).delete()
    client = client_as("member")
    assert "You have not joined a forum yet" in client.get(reverse("portal:home")).content.decode()
    assert client.get(reverse("portal:step_back")).status_code == 404


def test_stepping_back_and_returning_asks_no_questions_and_is_audited(client_as, personas) -> None:
    fm = member_place(personas)
    client = client_as("member")
    page = client.get(reverse("portal:step_back")).content.decode()
    assert "do not need to give a reason" in page
    before = AuditEvent.objects.count()
    assert client.post(reverse("portal:step_back")).status_code == 302
    fm.refresh_from_db()
    assert fm.status == MembershipStatus.STEPPING_BACK
    assert "You are taking a break" in client.get(reverse("portal:home")).content.decode()
    assert client.post(reverse("portal:step_back")).status_code == 302
    fm.refresh_from_db()
    assert fm.status == MembershipStatus.ACTIVE
    assert AuditEvent.objects.count() >= before + 2


def test_what_happened_to_what_we_said_is_an_empty_state_for_now(client_as) -> None:
    body = client_as("member").get(reverse("portal:what_happened")).content.decode()
    assert "Nothing to show yet" in body


def test_the_portal_home_makes_the_same_number_of_queries_with_more_meetings(
    client_as, personas, django_assert_num_queries
) -> None:
    member_place(personas)
    meeting(personas)
    client = client_as("member")
    client.get(reverse("portal:home"))
    with django_assert_num_queries(PORTAL_HOME_QUERIES):
        client.get(reverse("portal:home"))
    for days in (20, 30, 40, -5, -10):
        meeting(personas, days=days)
    with django_assert_num_queries(PORTAL_HOME_QUERIES):
        client.get(reverse("portal:home"))


def test_a_second_member_of_the_same_forum_sees_only_their_own_proposals(client, personas) -> None:
    member_place(personas)
    m = meeting(personas)
    forum_services.agenda_item_propose(
        actor=personas["member"], meeting=m, title="Morgan's private idea", detail=""
    )
    other = join(personas, email="sam.second@example.org")
    assert other.user is not None
    client.force_login(other.user)
    body = client.get(reverse("portal:meeting", args=[m.pk])).content.decode()
    assert "Morgan's private idea" not in body
