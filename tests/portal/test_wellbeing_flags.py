"""Wellbeing: a check-in call after a meeting, and a facilitator's flag that a member may
need support – visible only to that forum's facilitators and the programme team, never
to the police or another forum's facilitator."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal import services
from portal.models import CheckInRequest, SupportFlag
from privacy.models import AuditEvent
from tests.portal.fixtures import meeting, member_place

pytestmark = pytest.mark.django_db


def test_a_member_asks_for_a_call_after_a_meeting(client_as, personas) -> None:
    fm = member_place(personas)
    past = meeting(personas, days=-2)
    client = client_as("member")
    assert (
        "Ask for a call" in client.get(reverse("portal:meeting", args=[past.pk])).content.decode()
    )
    assert client.post(reverse("portal:check_in", args=[past.pk])).status_code == 302
    assert client.post(reverse("portal:check_in", args=[past.pk])).status_code == 302
    request = CheckInRequest.objects.get()
    assert request.forum_membership == fm and request.meeting == past
    assert AuditEvent.objects.filter(note="check-in call asked for").count() == 1
    assert (
        "You asked for a call"
        in client.get(reverse("portal:meeting", args=[past.pk])).content.decode()
    )


def test_no_call_is_offered_before_the_meeting(client_as, personas) -> None:
    member_place(personas)
    future = meeting(personas, days=5)
    client = client_as("member")
    assert (
        "Ask for a call"
        not in client.get(reverse("portal:meeting", args=[future.pk])).content.decode()
    )
    client.post(reverse("portal:check_in", args=[future.pk]))
    assert not CheckInRequest.objects.exists()


def test_check_ins_are_seen_by_the_forums_facilitator_and_the_programme_team(
    client_as, personas
) -> None:
    member_place(personas)
    services.check_in_request(actor=personas["member"], meeting=meeting(personas, days=-2))
    for key in ("facilitator_forum_a", "programme_admin"):
        body = client_as(key).get(reverse("portal:wellbeing")).content.decode()
        assert "No one is waiting for a call" not in body, key
    partner = client_as("facilitator_partner").get(reverse("portal:wellbeing")).content.decode()
    assert "No one is waiting for a call" in partner


def test_the_facilitator_flags_a_member_and_the_programme_team_sees_it(client_as, personas) -> None:
    fm = member_place(personas)
    client = client_as("facilitator_forum_a")
    response = client.post(
        reverse("portal:flag", args=[fm.pk]), {"note": "Seemed upset at the end."}
    )
    assert response.status_code == 302
    flag = SupportFlag.objects.get()
    assert flag.raised_by == personas["facilitator_forum_a"]
    assert AuditEvent.objects.filter(object_id=str(flag.pk), note="support flagged").exists()
    admin_page = client_as("programme_admin").get(reverse("portal:wellbeing")).content.decode()
    assert "Seemed upset at the end." in admin_page
    partner_page = (
        client_as("facilitator_partner").get(reverse("portal:wellbeing")).content.decode()
    )
    assert "Seemed upset at the end." not in partner_page


@pytest.mark.parametrize("key", ["police_lead", "panel_police", "officer", "analyst"])
def test_the_police_never_see_wellbeing(client_as, personas, key) -> None:
    fm = member_place(personas)
    services.support_flag_raise(
        actor=personas["facilitator_forum_a"], forum_membership=fm, note="Private."
    )
    assert client_as(key).get(reverse("portal:wellbeing")).status_code in (302, 403)
    with pytest.raises(PermissionDenied):
        services.support_flag_raise(actor=personas[key], forum_membership=fm)


def test_another_forums_facilitator_cannot_flag_or_close(client_as, personas) -> None:
    fm = member_place(personas)
    with pytest.raises(PermissionDenied):
        services.support_flag_raise(actor=personas["facilitator_partner"], forum_membership=fm)
    flag = services.support_flag_raise(actor=personas["facilitator_forum_a"], forum_membership=fm)
    client = client_as("facilitator_partner")
    assert client.post(reverse("portal:flag_close", args=[flag.pk])).status_code == 404
    flag.refresh_from_db()
    assert flag.closed_at is None


def test_the_facilitator_closes_a_flag_and_marks_a_call_done(client_as, personas) -> None:
    fm = member_place(personas)
    flag = services.support_flag_raise(actor=personas["facilitator_forum_a"], forum_membership=fm)
    request = services.check_in_request(
        actor=personas["member"], meeting=meeting(personas, days=-2)
    )
    client = client_as("facilitator_forum_a")
    client.post(reverse("portal:flag_close", args=[flag.pk]))
    client.post(reverse("portal:check_in_done", args=[request.pk]))
    flag.refresh_from_db()
    request.refresh_from_db()
    assert flag.closed_at is not None and request.done_at is not None


def test_a_member_does_not_see_flags_about_them_in_the_portal(client_as, personas) -> None:
    fm = member_place(personas)
    services.support_flag_raise(
        actor=personas["facilitator_forum_a"], forum_membership=fm, note="Check in gently."
    )
    client = client_as("member")
    assert client.get(reverse("portal:wellbeing")).status_code == 403
    assert "Check in gently." not in client.get(reverse("portal:home")).content.decode()


# Sign-in, session, roles and MFA; forums visible; check-ins, flags and members (one each).
WELLBEING_QUERIES = 13


def test_the_wellbeing_page_makes_the_same_number_of_queries_with_more_members(
    client_as, personas, django_assert_num_queries
) -> None:
    from tests.portal.fixtures import join

    fm = member_place(personas)
    services.support_flag_raise(actor=personas["facilitator_forum_a"], forum_membership=fm)
    client = client_as("facilitator_forum_a")
    client.get(reverse("portal:wellbeing"))
    with django_assert_num_queries(WELLBEING_QUERIES):
        client.get(reverse("portal:wellbeing"))
    for n in range(3):
        other = join(personas, email=f"member.{n}@example.org")
        services.support_flag_raise(actor=personas["facilitator_forum_a"], forum_membership=other)
        assert other.user is not None
        services.check_in_request(actor=other.user, meeting=meeting(personas, days=-2 - n))
    with django_assert_num_queries(WELLBEING_QUERIES):
        client.get(reverse("portal:wellbeing"))
