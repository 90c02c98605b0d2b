"""After sign-in each person lands on the dashboard of their role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.models import User
from accounts.roles import Role
from forums.models import Forum

pytestmark = pytest.mark.django_db

LANDINGS = {
    "programme_admin": ("accounts:dashboard_programme_admin", "Programme admin dashboard"),
    "facilitator_forum_a": ("accounts:dashboard_facilitator", "Facilitator dashboard"),
    "facilitator_partner": ("accounts:dashboard_facilitator", "Facilitator dashboard"),
    "panel_oversight": ("accounts:dashboard_vetting_panel", "Vetting panel dashboard"),
    "panel_police": ("accounts:dashboard_vetting_panel", "Vetting panel dashboard"),
    "panel_facilitator": ("accounts:dashboard_vetting_panel", "Vetting panel dashboard"),
    "police_lead": ("accounts:dashboard_police_lead", "Police lead dashboard"),
    "partner_agency": ("accounts:dashboard_partner_agency", "Partner agency dashboard"),
    "analyst": ("accounts:dashboard_analyst", "Analyst dashboard"),
    "officer": ("accounts:dashboard_officer", "Officer dashboard"),
    "desk_agent": ("accounts:dashboard_desk_agent", "Victim Focus Desk dashboard"),
    "desk_supervisor": (
        "accounts:dashboard_desk_supervisor",
        "Victim Focus Desk supervisor dashboard",
    ),
    "dpo": ("accounts:dashboard_dpo", "Data protection officer dashboard"),
    "member": ("accounts:dashboard_member", "Your forum"),
    "outsider": ("accounts:no_access", "You do not have access yet"),
}


def h1(response) -> str:
    text = response.content.decode()
    return " ".join(text.split("<h1", 1)[1].split(">", 1)[1].split("</h1>", 1)[0].split())


@pytest.mark.parametrize("persona", sorted(LANDINGS))
def test_each_person_lands_on_the_dashboard_of_their_role(persona, client_as):
    url_name, heading = LANDINGS[persona]
    browser = client_as(persona)
    response = browser.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse(url_name)
    page = browser.get(response["Location"])
    assert page.status_code == 200
    assert h1(page) == heading


def test_signing_in_leads_to_the_dashboard():
    from django.conf import settings

    assert reverse(settings.LOGIN_REDIRECT_URL) == reverse("accounts:dashboard")


def test_a_person_with_several_roles_lands_on_one_and_can_reach_the_others(client_as, personas):
    admin = personas["programme_admin"]
    forum_a = Forum.objects.get(
        facilitating_organisation=personas["facilitator_forum_a"].organisation
    )
    services.role_assign(
        actor=admin, user=personas["analyst"], role=Role.FACILITATOR, forums=[forum_a]
    )
    browser = client_as("analyst")
    landing = browser.get(reverse("accounts:dashboard"))
    assert landing["Location"] == reverse("accounts:dashboard_facilitator")
    page = browser.get(landing["Location"]).content.decode()
    assert reverse("accounts:dashboard_analyst") in page
    assert "Go to your analyst dashboard" in page
    assert browser.get(reverse("accounts:dashboard_analyst")).status_code == 200


def test_a_person_whose_roles_have_all_ended_is_told_they_have_no_access(client_as, personas):
    officer = personas["officer"]
    services.role_remove(
        actor=personas["programme_admin"], assignment=officer.role_assignments.get()
    )
    browser = client_as("officer")
    response = browser.get(reverse("accounts:dashboard"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:no_access")
    assert "ask a programme admin to give you a role" in response.content.decode()
    assert browser.get(reverse("accounts:dashboard_officer")).status_code == 403


def test_the_no_access_page_sends_people_with_a_role_to_their_dashboard(client_as):
    response = client_as("police_lead").get(reverse("accounts:no_access"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_the_programme_admin_dashboard_links_to_staff_and_forums(client_as):
    page = client_as("programme_admin").get(reverse("accounts:dashboard_programme_admin"))
    text = page.content.decode()
    for name in ("accounts:people", "accounts:person_invite", "forums:list"):
        assert f'href="{reverse(name)}"' in text


def test_a_facilitator_dashboard_lists_only_their_own_forums(client_as, personas):
    forum_a = Forum.objects.get(
        facilitating_organisation=personas["facilitator_forum_a"].organisation
    )
    forum_b = Forum.objects.get(
        facilitating_organisation=personas["facilitator_partner"].organisation
    )
    text = (
        client_as("facilitator_partner")
        .get(reverse("accounts:dashboard_facilitator"))
        .content.decode()
    )
    assert forum_b.name in text
    assert reverse("forums:detail", args=[forum_b.pk]) in text
    assert forum_a.name not in text
    text = (
        client_as("facilitator_forum_a")
        .get(reverse("accounts:dashboard_facilitator"))
        .content.decode()
    )
    assert forum_a.name in text
    assert forum_b.name not in text


def test_the_facilitator_dashboard_makes_the_same_number_of_queries_however_many_forums(
    client_as, personas, django_assert_num_queries
):
    browser = client_as("facilitator_forum_a")
    url = reverse("accounts:dashboard_facilitator")
    browser.get(url)
    with CaptureQueriesContext(connection) as before:
        browser.get(url)
    organisation = personas["facilitator_forum_a"].organisation
    extra = [
        Forum.objects.create(name=f"Extra forum {n}", facilitating_organisation=organisation)
        for n in range(3)
    ]
    personas["facilitator_forum_a"].role_assignments.current().get().forums.add(*extra)
    with django_assert_num_queries(len(before)):
        response = browser.get(url)
    assert "Extra forum 2" in response.content.decode()


@pytest.mark.parametrize("persona", ["member", "outsider", "police_lead"])
def test_people_cannot_open_another_roles_dashboard(persona, client_as):
    assert client_as(persona).get(reverse("accounts:dashboard_programme_admin")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in():
    from django.test import Client

    response = Client().get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert User.objects.exists()


def test_the_data_protection_officer_dashboard_links_to_the_audit_log(client_as):
    text = client_as("dpo").get(reverse("accounts:dashboard_dpo")).content.decode()
    assert f'href="{reverse("privacy:audit_log")}"' in text


@pytest.mark.parametrize(
    ("persona", "url_names"),
    [
        (
            "programme_admin",
            ["forums:list", "expenses:queue", "portal:wellbeing", "recruitment_staff:queue"],
        ),
        ("facilitator_forum_a", ["recruitment_staff:queue", "portal:wellbeing"]),
        ("dpo", ["privacy:subject_search", "portal:erasure_requests"]),
    ],
)
def test_each_dashboard_links_to_the_work_of_its_role(persona, url_names, client_as):
    text = client_as(persona).get("/dashboard/", follow=True).content.decode()
    for name in url_names:
        assert f'href="{reverse(name)}"' in text, name


def test_the_outbox_link_shows_only_while_messages_go_to_the_outbox(client_as, settings):
    client = client_as("programme_admin")
    link = f'href="{reverse("notify:outbox")}"'
    assert link in client.get("/dashboard/", follow=True).content.decode()
    settings.NOTIFY_BACKEND = "notify"
    assert link not in client.get("/dashboard/", follow=True).content.decode()


@pytest.mark.parametrize("persona", sorted(set(LANDINGS) - {"outsider"}))
def test_a_dashboard_lists_only_pages_its_person_can_open(persona, client_as, settings):
    """No "coming soon": every link on the dashboard answers 200 for its person."""
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    settings.CONTACT_EMAIL = "programme@example.org"
    browser = client_as(persona)
    url = browser.get(reverse("accounts:dashboard"))["Location"]
    page = browser.get(url)
    text = page.content.decode()
    assert "coming soon" not in text.lower()
    assert "being built" not in text.lower()
    main = BeautifulSoup(page.content, "html.parser").find("main")
    # The member's "Exit this page" button leaves for another site on purpose.
    exits = main.select("a.govuk-exit-this-page__button")
    links = [a["href"] for a in main.find_all("a", href=True) if a not in exits]
    assert links, "a dashboard offers something to do"
    for href in links:
        if href.startswith("mailto:"):
            continue
        assert not urlsplit(href).netloc, href
        assert browser.get(href).status_code == 200, href


def test_the_partner_agency_is_told_how_to_ask_to_hear_from_victims(client_as, settings):
    settings.CONTACT_EMAIL = "programme@example.org"
    text = client_as("partner_agency").get(reverse("accounts:dashboard_partner_agency"))
    page = text.content.decode()
    assert f'href="{reverse("engagement:request_new")}"' in page
    assert "at least 15 working days" in page
    assert 'href="mailto:programme@example.org"' in page
