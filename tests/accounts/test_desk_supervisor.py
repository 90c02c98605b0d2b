"""The Victim Focus Desk supervisor: a staff role with MFA, a demo person in the desk
agent's organisation, and a dashboard with the desk's work and the supervisor's own pages
(docs/desk.md, "Roles and access").

The dashboard tests open the desk's pages, so they need the desk's URLs (desk/urls.py)."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.roles import STAFF_ROLES, Role
from accounts.selectors import DASHBOARD_ORDER
from tests.accounts.test_sign_in import error_text, password_sign_in, signed_in, totp_code
from victimvoice.personas import PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

DESK_WORK = ["desk:queue", "desk:find", "desk:case_new", "invitations:new", "directory:services"]
SUPERVISOR_ONLY = ["desk:compliance", "desk:holds", "desk:closures", "desk:time_limits"]


def test_the_desk_supervisor_is_staff_and_ranks_above_the_desk_agent():
    assert Role.DESK_SUPERVISOR in STAFF_ROLES
    assert Role.DESK_SUPERVISOR.label == "Victim Focus Desk supervisor"
    assert DASHBOARD_ORDER.index(Role.DESK_SUPERVISOR) < DASHBOARD_ORDER.index(Role.DESK_AGENT)


def test_the_demo_supervisor_works_for_the_desk_agents_organisation(personas):
    supervisor, agent = personas["desk_supervisor"], personas["desk_agent"]
    assert supervisor.has_role(Role.DESK_SUPERVISOR)
    assert not supervisor.has_role(Role.DESK_AGENT)
    assert supervisor.organisation == agent.organisation
    assert supervisor.email.endswith("@example.org")
    secrets = [p.totp_secret for p in PERSONAS_BY_KEY.values() if p.totp_secret]
    assert len(secrets) == len(set(secrets)), "every staff persona has its own code secret"


def test_the_desk_supervisor_signs_in_with_a_password_and_an_app_code(client, personas):
    persona = PERSONAS_BY_KEY["desk_supervisor"]
    response = password_sign_in(client, persona.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(persona.totp_secret)})
    assert response.status_code == 302, error_text(response)
    landing = client.get(reverse("accounts:dashboard"))
    assert landing["Location"] == reverse("accounts:dashboard_desk_supervisor")


def test_someone_who_is_both_agent_and_supervisor_lands_on_the_supervisors_dashboard(
    client_as, personas
):
    services.role_assign(
        actor=personas["programme_admin"], user=personas["desk_agent"], role=Role.DESK_SUPERVISOR
    )
    browser = client_as("desk_agent")
    landing = browser.get(reverse("accounts:dashboard"))
    assert landing["Location"] == reverse("accounts:dashboard_desk_supervisor")
    page = browser.get(landing["Location"]).content.decode()
    assert f'href="{reverse("accounts:dashboard_desk_agent")}"' in page


def test_the_desk_agents_dashboard_links_to_the_desks_work_only(client_as):
    text = client_as("desk_agent").get(reverse("accounts:dashboard_desk_agent")).content.decode()
    for name in DESK_WORK:
        assert f'href="{reverse(name)}"' in text, name
    for name in SUPERVISOR_ONLY:
        assert f'href="{reverse(name)}"' not in text, name


def test_the_supervisors_dashboard_adds_the_supervisors_own_pages(client_as):
    browser = client_as("desk_supervisor")
    text = browser.get(reverse("accounts:dashboard_desk_supervisor")).content.decode()
    for name in DESK_WORK + SUPERVISOR_ONLY:
        assert f'href="{reverse(name)}"' in text, name
        assert browser.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("persona", ["desk_agent", "analyst", "officer"])
def test_only_the_supervisor_opens_the_supervisors_dashboard(persona, client_as):
    url = reverse("accounts:dashboard_desk_supervisor")
    assert client_as(persona).get(url).status_code == 403
