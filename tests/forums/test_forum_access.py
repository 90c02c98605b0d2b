"""A forum is seen only by programme admins and that forum's own facilitators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.roles import Role
from forums.models import Forum

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_a(personas):
    return personas["facilitator_forum_a"].role_assignments.current().get().forums.get()


@pytest.fixture
def forum_b(personas):
    return personas["facilitator_partner"].role_assignments.current().get().forums.get()


def detail(forum: Forum) -> str:
    return reverse("forums:detail", args=[forum.pk])


def test_a_facilitator_sees_their_own_forum(client_as, forum_a):
    response = client_as("facilitator_forum_a").get(detail(forum_a))
    assert response.status_code == 200
    assert forum_a.name in response.content.decode()


def test_a_facilitator_of_forum_a_gets_not_found_for_forum_b(client_as, forum_b):
    response = client_as("facilitator_forum_a").get(detail(forum_b))
    assert response.status_code == 404
    assert forum_b.name not in response.content.decode()


def test_a_facilitator_from_a_partner_organisation_sees_only_its_forum(client_as, forum_a, forum_b):
    browser = client_as("facilitator_partner")
    assert browser.get(detail(forum_b)).status_code == 200
    assert browser.get(detail(forum_a)).status_code == 404
    listing = browser.get(reverse("forums:list")).content.decode()
    assert forum_b.name in listing
    assert forum_a.name not in listing


def test_a_programme_admin_sees_every_forum(client_as, forum_a, forum_b):
    browser = client_as("programme_admin")
    assert browser.get(detail(forum_a)).status_code == 200
    assert browser.get(detail(forum_b)).status_code == 200
    listing = browser.get(reverse("forums:list")).content.decode()
    assert forum_a.name in listing and forum_b.name in listing


@pytest.mark.parametrize(
    "persona", ["police_lead", "panel_facilitator", "analyst", "member", "outsider"]
)
def test_other_roles_are_refused_before_the_forum_is_looked_up(persona, client_as, forum_a):
    browser = client_as(persona)
    assert browser.get(detail(forum_a)).status_code == 403
    # The same answer for a forum that does not exist: nothing is learnt from it.
    assert browser.get(reverse("forums:detail", args=[999999])).status_code == 403


def test_an_unknown_forum_is_not_found_for_a_programme_admin(client_as):
    assert (
        client_as("programme_admin").get(reverse("forums:detail", args=[999999])).status_code == 404
    )


def test_a_facilitator_whose_role_was_removed_no_longer_sees_the_forum(
    client_as, personas, forum_a
):
    assignment = personas["facilitator_forum_a"].role_assignments.current().get()
    services.role_remove(actor=personas["programme_admin"], assignment=assignment)
    assert client_as("facilitator_forum_a").get(detail(forum_a)).status_code == 403


def test_a_facilitator_given_a_second_forum_sees_it(client_as, personas, forum_a, forum_b):
    # An independent facilitator may be given any forum; a partner's only its own.
    admin = personas["programme_admin"]
    person = personas["facilitator_forum_a"]
    services.role_remove(actor=admin, assignment=person.role_assignments.current().get())
    services.role_assign(actor=admin, user=person, role=Role.FACILITATOR, forums=[forum_a, forum_b])
    assert client_as("facilitator_forum_a").get(detail(forum_b)).status_code == 200


def test_the_forum_list_makes_the_same_number_of_queries_however_many_forums(
    client_as, personas, forum_a, django_assert_num_queries
):
    browser = client_as("programme_admin")
    url = reverse("forums:list")
    browser.get(url)
    with CaptureQueriesContext(connection) as before:
        browser.get(url)
    for n in range(4):
        Forum.objects.create(
            name=f"Another forum {n}", facilitating_organisation=forum_a.facilitating_organisation
        )
    with django_assert_num_queries(len(before)):
        response = browser.get(url)
    assert "Another forum 3" in response.content.decode()
