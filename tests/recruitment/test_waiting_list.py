"""Every cohort offered leads somewhere: an accepted member who applied for a cohort no
forum takes (General) waits on the programme team's waiting list, counted by cohort, and
can be placed in a forum from there or from a forum's "Add a member"."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from forums.models import Forum, ForumMembership
from privacy.models import AuditEvent
from recruitment import services as s
from recruitment.models import Cohort, Membership
from recruitment.selectors import cohorts_open, memberships_waiting, waiting_counts
from tests.recruitment.journey import only_new_rows  # noqa: F401 (a fixture)
from tests.recruitment.staff import make_application, to_vetting

pytestmark = pytest.mark.django_db

WAITING_URL = reverse("recruitment_staff:waiting_list")


def _member(admin, *, cohorts=("general",), email="wait.general@example.org") -> Membership:
    application = to_vetting(make_application(cohorts=cohorts, email=email), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    return s.application_onboard(actor=admin, application=application)


def _forum(personas, key="facilitator_forum_a") -> Forum:
    return personas[key].role_assignments.current().get().forums.get()


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


def test_every_cohort_offered_leads_to_a_forum_or_the_waiting_list(admin):
    """For each cohort an applicant can choose, an accepted member can be placed somewhere:
    a forum takes the cohort, or the waiting list shows them and offers a forum."""
    for n, cohort in enumerate(cohorts_open()):
        membership = _member(admin, cohorts=(cohort.slug,), email=f"every.{n}@example.org")
        waiting = memberships_waiting(viewer=admin)
        assert membership in waiting, cohort.slug
        counts = {c.cohort.slug: c for c in waiting_counts(memberships=waiting)}
        assert counts[cohort.slug].count >= 1
        from recruitment.selectors import forums_for_membership

        assert forums_for_membership(membership=membership), f"{cohort.slug}: nowhere to go"


def test_the_waiting_list_counts_by_cohort_and_says_which_have_no_forum(admin, client_as):
    _member(admin, cohorts=("general",), email="count.1@example.org")
    _member(admin, cohorts=("general", "young-people"), email="count.2@example.org")
    page = client_as("programme_admin").get(WAITING_URL)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    rows = {
        r.select("td, th")[0].get_text(strip=True): [c.get_text(strip=True) for c in r.select("td")]
        for r in soup.select("table")[0].select("tbody tr")
    }
    general = Cohort.objects.get(slug="general")
    assert rows["General"][-1] == str(
        sum(1 for m in memberships_waiting(viewer=admin) if general in m.application.cohorts.all())
    )
    if not general.forums.exists():
        assert "No forum" in " ".join(rows["General"])
    # References, never names, on the list.
    assert "Robin Example" not in page.content.decode()


def test_placing_a_waiting_member_uses_the_forums_service_and_is_audited(
    admin, personas, client_as
):
    membership = _member(admin)
    forum = _forum(personas)
    url = reverse("recruitment_staff:waiting_place", args=[membership.pk])
    client = client_as("programme_admin")
    page = client.get(url)
    assert page.status_code == 200
    assert forum.name in _text(page)
    empty = client.post(url, {})
    assert empty.status_code == 200 and "Select a forum" in _text(empty)
    response = client.post(url, {"forum": str(forum.pk)})
    assert response["Location"] == WAITING_URL
    placed = ForumMembership.objects.get(membership=membership)
    assert placed.forum == forum
    assert AuditEvent.objects.filter(
        object_type="forums.forummembership", object_id=str(placed.pk), note="joined forum"
    ).exists()
    assert membership not in memberships_waiting(viewer=admin)
    assert client.get(url).status_code == 404  # placed: no longer waiting


def test_a_partner_run_forum_is_offered_only_to_those_who_applied_for_it(
    admin, personas, client_as
):
    membership = _member(admin)
    partner_forum = _forum(personas, "facilitator_partner")
    assert partner_forum.cohort and partner_forum.cohort.is_partner_facilitated
    url = reverse("recruitment_staff:waiting_place", args=[membership.pk])
    client = client_as("programme_admin")
    assert partner_forum.name not in _text(client.get(url))
    client.post(url, {"forum": str(partner_forum.pk)})
    assert not ForumMembership.objects.filter(membership=membership).exists()


def test_add_a_member_on_a_forum_sees_members_of_a_cohort_no_forum_takes(
    admin, personas, client_as
):
    membership = _member(admin)
    forum = _forum(personas)
    url = reverse("forums:member_join", args=[forum.pk])
    for key in ("programme_admin", "facilitator_forum_a"):
        page = client_as(key).get(url)
        assert page.status_code == 200
        values = {i["value"] for i in BeautifulSoup(page.content, "html.parser").select("input")}
        assert str(membership.pk) in values, key
    client_as("facilitator_forum_a").post(url, {"membership": str(membership.pk)})
    assert ForumMembership.objects.get(membership=membership).forum == forum


def test_a_facilitator_does_not_see_members_who_applied_only_for_another_forum(
    admin, personas, client_as
):
    other = _forum(personas, "facilitator_partner")
    membership = _member(admin, cohorts=(other.cohort.slug,), email="other.forum@example.org")
    url = reverse("forums:member_join", args=[_forum(personas).pk])
    page = client_as("facilitator_forum_a").get(url)
    values = {i["value"] for i in BeautifulSoup(page.content, "html.parser").select("input")}
    assert str(membership.pk) not in values
    # Their own forum's "Add a member" sees them.
    own = client_as("facilitator_partner").get(reverse("forums:member_join", args=[other.pk]))
    values = {i["value"] for i in BeautifulSoup(own.content, "html.parser").select("input")}
    assert str(membership.pk) in values


def test_the_queue_links_programme_admins_to_the_waiting_list(client_as):
    page = client_as("programme_admin").get(reverse("recruitment_staff:queue"))
    assert f'href="{WAITING_URL}"' in page.content.decode()
