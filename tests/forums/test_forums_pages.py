"""The forum team's pages: a forum with its members, the meeting list, scheduling one
meeting or a series, adding a member. Query counts are pinned on the lists, and a
facilitator of another forum gets 404 for this forum's meetings, documents and members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forums import services
from forums.models import AgendaDocument, Meeting, MembershipStatus
from tests.forums.test_forums_services import forum_a, future_meeting, join, onboard, past_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


def _queries(client, url):
    client.get(url)  # warm caches (content types, the session) first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_meeting_list_takes_the_same_queries_for_two_meetings_or_twelve(
    client_as, personas, admin
):
    forum = forum_a(personas)
    client = client_as("facilitator_forum_a")
    url = reverse("forums:meetings", args=[forum.pk])
    future_meeting(forum, admin, days=5)
    past_meeting(forum, admin)
    few = _queries(client, url)
    assert few <= 12  # session, user, roles, forum, meetings (one query)
    for days in range(10, 60, 5):
        future_meeting(forum, admin, days=days)
    assert _queries(client, url) == few


def test_the_forum_page_takes_the_same_queries_for_one_member_or_five(client_as, personas, admin):
    forum = forum_a(personas)
    client = client_as("facilitator_forum_a")
    url = reverse("forums:detail", args=[forum.pk])
    join(forum, admin, email="m0@example.org")
    future_meeting(forum, admin)
    few = _queries(client, url)
    assert few <= 15
    for n in range(1, 5):
        join(forum, admin, email=f"m{n}@example.org")
    assert _queries(client, url) == few


def test_the_meeting_page_takes_the_same_queries_for_one_item_or_six(client_as, personas, admin):
    forum = forum_a(personas)
    join(forum, admin, email="q@example.org")
    meeting = future_meeting(forum, admin)
    client = client_as("facilitator_forum_a")
    url = reverse("forums:meeting", args=[meeting.pk])
    services.agenda_item_propose(actor=admin, meeting=meeting, title="One", detail="")
    few = _queries(client, url)
    assert few <= 20
    for n in range(5):
        services.agenda_item_propose(actor=admin, meeting=meeting, title=f"Item {n}", detail="")
    join(forum, admin, email="q2@example.org")
    assert _queries(client, url) == few


def test_the_forum_page_lists_members_with_their_status_and_warns_beyond_capacity(
    client_as, personas, admin
):
    forum = forum_a(personas)
    forum.capacity = 1
    forum.save()
    join(forum, admin, email="one@example.org")
    resting = join(forum, admin, email="two@example.org")
    services.membership_step_back(actor=admin, forum_membership=resting)
    page = client_as("facilitator_forum_a").get(reverse("forums:detail", args=[forum.pk]))
    text = page.content.decode()
    assert "Stepping back for a while" in text
    assert "more members than its capacity" in text


def test_a_facilitator_schedules_a_meeting(client_as, personas):
    from forums.models import Venue

    venue = Venue.objects.create(name="Community centre", accessibility="Lift to all floors")
    forum = forum_a(personas)
    day = timezone.localdate() + timedelta(days=20)
    response = client_as("facilitator_forum_a").post(
        reverse("forums:meeting_new", args=[forum.pk]),
        {
            "day-day": day.day,
            "day-month": day.month,
            "day-year": day.year,
            "start_time": "18:30",
            "duration_minutes": "120",
            "format": "hybrid",
            "venue": venue.pk,
            "online_joining": "Link sent the day before",
        },
    )
    meeting = Meeting.objects.get(forum=forum)
    assert response.status_code == 302
    assert meeting.local_start.date() == day and meeting.local_start.hour == 18
    page = client_as("facilitator_forum_a").get(reverse("forums:meeting", args=[meeting.pk]))
    assert "Lift to all floors" in page.content.decode()


def test_an_in_person_meeting_needs_a_venue(client_as, personas):
    forum = forum_a(personas)
    day = timezone.localdate() + timedelta(days=20)
    response = client_as("facilitator_forum_a").post(
        reverse("forums:meeting_new", args=[forum.pk]),
        {
            "day-day": day.day,
            "day-month": day.month,
            "day-year": day.year,
            "start_time": "18:00",
            "duration_minutes": "120",
            "format": "in_person",
        },
    )
    assert response.status_code == 200
    assert "Select the venue" in response.content.decode()
    assert not Meeting.objects.filter(forum=forum).exists()


def test_a_facilitator_generates_a_series_then_sees_it_listed(client_as, personas):
    forum = forum_a(personas)
    first = timezone.localdate() + timedelta(days=7)
    until = first + timedelta(days=42 * 3)
    response = client_as("facilitator_forum_a").post(
        reverse("forums:meeting_series", args=[forum.pk]),
        {
            "day-day": first.day,
            "day-month": first.month,
            "day-year": first.year,
            "until-day": until.day,
            "until-month": until.month,
            "until-year": until.year,
            "every_days": "42",
            "start_time": "18:00",
            "duration_minutes": "120",
            "format": "online",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(forum=forum).count() == 4


def test_an_onboarded_applicant_is_added_to_the_forum_of_their_cohort(client_as, personas, admin):
    from recruitment.models import Cohort

    forum = forum_a(personas)
    forum.cohort = Cohort.objects.get(slug="general")
    forum.save()
    membership = onboard(admin, email="newcomer@example.org")
    client = client_as("programme_admin")
    page = client.get(reverse("forums:member_join", args=[forum.pk]))
    assert "Robin Example" in page.content.decode()
    response = client.post(
        reverse("forums:member_join", args=[forum.pk]), {"membership": membership.pk}
    )
    assert response.status_code == 302
    assert forum.memberships.filter(membership=membership).exists()


def test_the_team_steps_a_member_back_from_the_forum_page(client_as, personas, admin):
    forum = forum_a(personas)
    fm = join(forum, admin, email="pause@example.org")
    response = client_as("facilitator_forum_a").post(
        reverse("forums:member_status", args=[forum.pk, fm.pk]), {"action": "step_back"}
    )
    assert response.status_code == 302
    fm.refresh_from_db()
    assert fm.status == MembershipStatus.STEPPING_BACK


# Another forum's facilitator ----------------------------------------------------------------


def test_another_forums_facilitator_gets_not_found_for_meetings_documents_and_members(
    client_as, personas, admin
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    forum = forum_a(personas)
    fm = join(forum, admin, email="hidden@example.org")
    meeting = future_meeting(forum, admin)
    item = services.agenda_item_propose(actor=admin, meeting=meeting, title="Doc", detail="")
    document = services.agenda_document_add(
        actor=admin, item=item, upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4")
    )
    other = client_as("facilitator_partner")
    urls = [
        reverse("forums:detail", args=[forum.pk]),
        reverse("forums:meetings", args=[forum.pk]),
        reverse("forums:meeting", args=[meeting.pk]),
        reverse("forums:meeting_ics", args=[meeting.pk]),
        reverse("forums:attendance", args=[meeting.pk]),
        reverse("forums:note", args=[meeting.pk]),
        reverse("forums:document", args=[document.pk]),
        reverse("forums:member_join", args=[forum.pk]),
    ]
    for url in urls:
        response = other.get(url)
        assert response.status_code == 404, url
        assert b"hidden@example.org" not in response.content
    response = other.post(
        reverse("forums:member_status", args=[forum.pk, fm.pk]), {"action": "leave"}
    )
    assert response.status_code == 404
    fm.refresh_from_db()
    assert fm.status == MembershipStatus.ACTIVE
    assert AgendaDocument.objects.filter(pk=document.pk).exists()


def test_the_programme_team_sets_representatives_co_chairs_and_a_new_tenure_end(
    client_as, personas, admin
):
    forum = forum_a(personas)
    fm = join(forum, admin, email="chair.to.be@example.org")
    client = client_as("programme_admin")
    url = reverse("forums:edit", args=[forum.pk])
    page = client.get(url).content.decode()
    assert fm.user.full_name in page
    start = forum.tenure_starts_on
    end = start + timedelta(days=800)
    response = client.post(
        url,
        {
            "capacity": "10",
            "cadence_days": "42",
            "tenure_starts_on-day": start.day,
            "tenure_starts_on-month": start.month,
            "tenure_starts_on-year": start.year,
            "tenure_ends_on-day": end.day,
            "tenure_ends_on-month": end.month,
            "tenure_ends_on-year": end.year,
            "police_representative": personas["police_lead"].pk,
            "oversight_representative": admin.pk,
            "co_chairs": [fm.user.pk],
        },
    )
    assert response.status_code == 302
    forum.refresh_from_db()
    fm.membership.refresh_from_db()
    assert forum.capacity == 10 and forum.police_representative == personas["police_lead"]
    assert list(forum.co_chairs.all()) == [fm.user]
    assert fm.membership.tenure_ends_on == end


def test_facilitators_cannot_change_the_forum_settings(client_as, personas):
    response = client_as("facilitator_forum_a").get(
        reverse("forums:edit", args=[forum_a(personas).pk])
    )
    assert response.status_code == 403
