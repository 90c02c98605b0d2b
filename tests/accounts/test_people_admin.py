"""Programme admins invite staff, give and remove roles, and deactivate accounts."""

import re

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import services
from accounts.models import Organisation, RoleAssignment, User
from accounts.roles import OrganisationKind, PanelSeat, Role
from forums.models import Forum
from notify.models import Message
from privacy.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def forum_of(user: User) -> Forum:
    return user.role_assignments.current().get(role=Role.FACILITATOR).forums.get()


def org(kind: str) -> Organisation:
    return Organisation.objects.filter(kind=kind).earliest("pk")


def events(action: str, obj: Model) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
    )


def invitation_for(email: str) -> Message:
    messages = [
        m for m in Message.objects.filter(template="staff_invitation") if m.recipient == email
    ]
    assert len(messages) == 1, f"expected one invitation to {email}, found {len(messages)}"
    return messages[0]


# Inviting staff -------------------------------------------------------------------------


def test_inviting_staff_creates_them_without_a_password_and_emails_a_link(personas):
    admin = personas["programme_admin"]
    user = services.staff_invite(
        actor=admin,
        email="New.Analyst@Example.org",
        full_name="Nia Newcomer",
        organisation=org(OrganisationKind.POLICE_FORCE),
        role=Role.ANALYST,
        site_url="https://victimvoice.example/",
    )
    user.refresh_from_db()
    assert user.email == "new.analyst@example.org"
    assert not user.has_usable_password()
    assert user.has_role(Role.ANALYST)
    assert user.role_assignments.get().assigned_by == admin
    assert events(AuditAction.STAFF_INVITED, user)[0].actor_id == admin.pk
    assert events(AuditAction.ROLE_ASSIGNED, user.role_assignments.get())
    message = invitation_for("new.analyst@example.org")
    assert "Nia Newcomer" in message.body
    assert "https://victimvoice.example/account/password/reset/key/" in message.body


def test_the_invitation_link_lets_the_invitee_set_their_first_password(personas):
    user = services.staff_invite(
        actor=personas["programme_admin"],
        email="first.password@example.org",
        full_name="Fola First",
        organisation=org(OrganisationKind.POLICE_FORCE),
        role=Role.OFFICER,
        site_url="http://testserver",
    )
    body = invitation_for("first.password@example.org").body
    link = re.search(r"http://testserver(/account/password/reset/key/\S+)", body).group(1)
    browser = Client()
    response = browser.get(link)
    assert response.status_code == 302  # allauth hides the key behind a redirect
    set_password_url = response["Location"]
    response = browser.post(
        set_password_url,
        {"password1": "a-long-new-password-91", "password2": "a-long-new-password-91"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-long-new-password-91")
    # The link works once only: a valid key redirects to the form, a used one does not.
    second = Client()
    assert second.get(link).status_code == 200
    second.post(
        set_password_url, {"password1": "another-password-77", "password2": "another-password-77"}
    )
    user.refresh_from_db()
    assert user.check_password("a-long-new-password-91")


def test_an_invitation_in_welsh_is_written_in_welsh(personas):
    services.staff_invite(
        actor=personas["programme_admin"],
        email="cymraeg@example.org",
        full_name="Cerys Cymraeg",
        organisation=org(OrganisationKind.POLICE_FORCE),
        role=Role.OFFICER,
        language="cy",
    )
    assert invitation_for("cymraeg@example.org").language == "cy"


def test_the_invite_page_invites_and_shows_a_confirmation(client_as):
    admin = client_as("programme_admin")
    police = org(OrganisationKind.POLICE_FORCE)
    response = admin.post(
        reverse("accounts:person_invite"),
        {
            "full_name": "Dev Desk",
            "email": "dev.desk@example.org",
            "organisation": police.pk,
            "role": Role.DESK_AGENT,
            "language": "en",
        },
    )
    invited = User.objects.get(email="dev.desk@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:person", args=[invited.pk])
    page = admin.get(response["Location"])
    assert "Dev Desk has been invited" in page.content.decode()
    assert invited.has_role(Role.DESK_AGENT)


def test_inviting_an_email_that_already_has_an_account_is_refused(client_as, personas):
    admin = client_as("programme_admin")
    before = User.objects.count()
    response = admin.post(
        reverse("accounts:person_invite"),
        {
            "full_name": "Someone Else",
            "email": personas["officer"].email.upper(),
            "organisation": org(OrganisationKind.POLICE_FORCE).pk,
            "role": Role.OFFICER,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "An account with this email address already exists" in response.content.decode()
    assert response.content.decode().count("govuk-error-summary") >= 1
    assert User.objects.count() == before
    assert not Message.objects.filter(template="staff_invitation").exists()


def test_the_invite_page_explains_each_missing_answer(client_as):
    response = client_as("programme_admin").post(reverse("accounts:person_invite"), {})
    text = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter their full name",
        "Enter their email address",
        "Select their organisation",
        "Select a role",
    ):
        assert message in text
    assert "<title>Error:" in text


def test_a_facilitator_must_be_given_a_forum(client_as):
    response = client_as("programme_admin").post(
        reverse("accounts:person_invite"),
        {
            "full_name": "Flo Forumless",
            "email": "flo@example.org",
            "organisation": org(OrganisationKind.INDEPENDENT_FACILITATOR).pk,
            "role": Role.FACILITATOR,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "Select at least one forum for a facilitator" in response.content.decode()
    assert not User.objects.filter(email="flo@example.org").exists()


def test_a_partner_organisations_facilitator_cannot_be_given_another_organisations_forum(
    client_as, personas
):
    forum_a = forum_of(personas["facilitator_forum_a"])
    partner = org(OrganisationKind.PARTNER_FACILITATOR)
    response = client_as("programme_admin").post(
        reverse("accounts:person_invite"),
        {
            "full_name": "Pip Partner",
            "email": "pip@example.org",
            "organisation": partner.pk,
            "role": Role.FACILITATOR,
            "forums": [forum_a.pk],
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert f"can only be given forums that {partner.name} facilitates" in response.content.decode()
    assert not User.objects.filter(email="pip@example.org").exists()


def test_a_partner_organisations_facilitator_can_be_given_its_own_forum(personas):
    forum_b = forum_of(personas["facilitator_partner"])
    user = services.staff_invite(
        actor=personas["programme_admin"],
        email="pip.partner@example.org",
        full_name="Pip Partner",
        organisation=org(OrganisationKind.PARTNER_FACILITATOR),
        role=Role.FACILITATOR,
        forums=[forum_b],
    )
    assert list(user.role_assignments.get().forums.all()) == [forum_b]


def test_a_vetting_panel_member_needs_a_seat(personas):
    with pytest.raises(ValidationError) as refused:
        services.role_assign(
            actor=personas["programme_admin"], user=personas["analyst"], role=Role.VETTING_PANEL
        )
    assert "panel_seat" in refused.value.error_dict
    assignment = services.role_assign(
        actor=personas["programme_admin"],
        user=personas["analyst"],
        role=Role.VETTING_PANEL,
        panel_seat=PanelSeat.POLICE,
    )
    assert assignment.panel_seat == PanelSeat.POLICE


def test_answers_hidden_under_another_role_are_ignored(client_as, personas):
    forum_a = forum_of(personas["facilitator_forum_a"])
    response = client_as("programme_admin").post(
        reverse("accounts:role_assign", args=[personas["officer"].pk]),
        {"role": Role.POLICE_LEAD, "forums": [forum_a.pk], "panel_seat": PanelSeat.POLICE},
    )
    assert response.status_code == 302
    assignment = personas["officer"].role_assignments.current().get(role=Role.POLICE_LEAD)
    assert assignment.panel_seat == ""
    assert not assignment.forums.exists()


# Giving and removing roles ----------------------------------------------------------------


def test_the_assign_role_page_gives_a_role_and_audits_it(client_as, personas):
    officer = personas["officer"]
    forum_a = forum_of(personas["facilitator_forum_a"])
    response = client_as("programme_admin").post(
        reverse("accounts:role_assign", args=[officer.pk]),
        {"role": Role.FACILITATOR, "forums": [forum_a.pk]},
    )
    assert response.status_code == 302
    assignment = officer.role_assignments.current().get(role=Role.FACILITATOR)
    assert list(assignment.forums.all()) == [forum_a]
    event = events(AuditAction.ROLE_ASSIGNED, assignment)[0]
    assert event.actor_id == personas["programme_admin"].pk
    assert event.fields == ["forums", "role"]


def test_a_role_already_held_cannot_be_given_again(client_as, personas):
    response = client_as("programme_admin").post(
        reverse("accounts:role_assign", args=[personas["officer"].pk]), {"role": Role.OFFICER}
    )
    assert response.status_code == 200
    assert "This person already has this role" in response.content.decode()


def test_removing_a_role_ends_it_after_confirmation(client_as, personas):
    officer = personas["officer"]
    assignment = officer.role_assignments.current().get()
    url = reverse("accounts:role_remove", args=[officer.pk, assignment.pk])
    admin = client_as("programme_admin")
    confirm = admin.get(url)
    assert "Remove the officer role from PC Olly Officer?" in confirm.content.decode()
    assignment.refresh_from_db()
    assert assignment.ended_at is None  # the GET changed nothing
    response = admin.post(url)
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.ended_at is not None
    assert not User.objects.get(pk=officer.pk).has_role(Role.OFFICER)
    assert events(AuditAction.ROLE_REMOVED, assignment)
    assert "is no longer a officer" in admin.get(response["Location"]).content.decode()


def test_a_role_of_another_person_cannot_be_removed_through_the_wrong_url(client_as, personas):
    assignment = personas["officer"].role_assignments.current().get()
    url = reverse("accounts:role_remove", args=[personas["analyst"].pk, assignment.pk])
    assert client_as("programme_admin").post(url).status_code == 404
    assignment.refresh_from_db()
    assert assignment.ended_at is None


def test_a_programme_admin_cannot_remove_their_own_programme_admin_role(client_as, personas):
    admin_user = personas["programme_admin"]
    assignment = admin_user.role_assignments.current().get(role=Role.PROGRAMME_ADMIN)
    url = reverse("accounts:role_remove", args=[admin_user.pk, assignment.pk])
    admin = client_as("programme_admin")
    page = admin.get(url).content.decode()
    assert "You cannot remove your own programme admin role" in page
    assert "Remove role</button>" not in page
    assert admin.post(url).status_code == 200
    assignment.refresh_from_db()
    assert assignment.ended_at is None
    with pytest.raises(ValidationError):
        services.role_remove(actor=admin_user, assignment=assignment)


# Deactivating and reactivating ------------------------------------------------------------


def test_deactivating_ends_every_session_of_that_person(client_as, personas):
    officer = personas["officer"]
    officer_browser = client_as("officer")
    other_browser = client_as("officer")
    assert officer_browser.get(reverse("accounts:dashboard_officer")).status_code == 200
    assert UserSession.objects.filter(user=officer).exists()
    analyst_browser = client_as("analyst")
    assert analyst_browser.get(reverse("accounts:dashboard_analyst")).status_code == 200

    admin = client_as("programme_admin")
    url = reverse("accounts:person_deactivate", args=[officer.pk])
    assert "Deactivate PC Olly Officer’s account?" in admin.get(url).content.decode()
    response = admin.post(url)

    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert officer.deactivated_at is not None
    assert not UserSession.objects.filter(user=officer).exists()
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(officer.pk)
    ]
    for browser in (officer_browser, other_browser):
        again = browser.get(reverse("accounts:dashboard_officer"))
        assert again.status_code == 302
        assert again["Location"].startswith(reverse("account_login"))
    # Other people stay signed in.
    assert analyst_browser.get(reverse("accounts:dashboard_analyst")).status_code == 200
    assert events(AuditAction.ACCOUNT_DEACTIVATED, officer)


def test_a_deactivated_person_cannot_sign_in(personas):
    services.person_deactivate(actor=personas["programme_admin"], user=personas["officer"])
    assert not Client().login(
        email=personas["officer"].email, password="demo-password-not-for-real-use"
    )


def test_nobody_can_deactivate_themselves(client_as, personas):
    admin_user = personas["programme_admin"]
    url = reverse("accounts:person_deactivate", args=[admin_user.pk])
    admin = client_as("programme_admin")
    assert "You cannot deactivate your own account" in admin.get(url).content.decode()
    admin.post(url)
    admin_user.refresh_from_db()
    assert admin_user.is_active
    with pytest.raises(ValidationError):
        services.person_deactivate(actor=admin_user, user=admin_user)


def test_reactivating_lets_the_person_back_in_with_their_roles(client_as, personas):
    officer = personas["officer"]
    services.person_deactivate(actor=personas["programme_admin"], user=officer)
    admin = client_as("programme_admin")
    response = admin.post(reverse("accounts:person_reactivate", args=[officer.pk]))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active
    assert officer.deactivated_at is None
    assert officer.has_role(Role.OFFICER)
    assert events(AuditAction.ACCOUNT_REACTIVATED, officer)
    assert client_as("officer").get(reverse("accounts:dashboard_officer")).status_code == 200


def test_an_active_account_cannot_be_reactivated(client_as, personas):
    url = reverse("accounts:person_reactivate", args=[personas["officer"].pk])
    assert (
        "This account is already active" in client_as("programme_admin").get(url).content.decode()
    )
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_REACTIVATED).exists()


# Reading about people ---------------------------------------------------------------------


def test_the_person_page_shows_identity_and_records_that_it_was_viewed(client_as, personas):
    officer = personas["officer"]
    response = client_as("programme_admin").get(reverse("accounts:person", args=[officer.pk]))
    text = response.content.decode()
    assert officer.email in text
    assert officer.full_name in text
    viewed = events(AuditAction.VIEW_IDENTITY, officer)
    assert len(viewed) == 1
    assert viewed[0].actor_id == personas["programme_admin"].pk


def test_an_unknown_person_is_not_found(client_as):
    assert (
        client_as("programme_admin").get(reverse("accounts:person", args=[999999])).status_code
        == 404
    )


def test_the_people_list_filters_by_role_and_organisation(client_as, personas):
    admin = client_as("programme_admin")
    people_url = reverse("accounts:people")
    everyone = admin.get(people_url).content.decode()
    assert "Fran Facilitator" in everyone and "Dana Protection" in everyone
    assert "Morgan Member" not in everyone  # members are not staff
    assert "Olive Outsider" not in everyone

    facilitators = admin.get(people_url, {"role": Role.FACILITATOR}).content.decode()
    assert "Fran Facilitator" in facilitators and "Pat Partner" in facilitators
    assert "Dana Protection" not in facilitators

    police = personas["officer"].organisation
    police_staff = admin.get(people_url, {"organisation": police.pk}).content.decode()
    assert "PC Olly Officer" in police_staff
    assert "Fran Facilitator" not in police_staff

    both = admin.get(people_url, {"role": Role.OFFICER, "organisation": police.pk}).content.decode()
    assert "PC Olly Officer" in both and "Ana Analyst" not in both


def test_the_people_list_ignores_nonsense_filters(client_as):
    response = client_as("programme_admin").get(
        reverse("accounts:people"), {"role": "emperor", "organisation": "x"}
    )
    assert response.status_code == 200
    assert "Fran Facilitator" in response.content.decode()


# The people list's own queries: people, their current roles, those roles' forums, and the
# organisations for the filter. Sessions, MFA and roles of the viewer come on top of these
# and are measured on the dashboard, less its one query of its own (how many messages
# could not be sent lately).
PEOPLE_LIST_QUERIES = 4
DASHBOARD_QUERIES = 1


def queries_of(browser, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert browser.get(url).status_code == 200
    return len(context)


def test_the_people_list_makes_the_same_number_of_queries_however_many_people(
    client_as, personas, django_assert_num_queries
):
    admin = client_as("programme_admin")
    url = reverse("accounts:people")
    admin.get(url)  # the first request of a session does extra book-keeping
    baseline = queries_of(admin, reverse("accounts:dashboard_programme_admin")) - DASHBOARD_QUERIES
    with django_assert_num_queries(baseline + PEOPLE_LIST_QUERIES):
        admin.get(url)
    forum_a = forum_of(personas["facilitator_forum_a"])
    for n in range(5):
        services.staff_invite(
            actor=personas["programme_admin"],
            email=f"extra{n}@example.org",
            full_name=f"Extra Person {n}",
            organisation=forum_a.facilitating_organisation,
            role=Role.FACILITATOR,
            forums=[forum_a],
        )
    with django_assert_num_queries(baseline + PEOPLE_LIST_QUERIES):
        response = admin.get(url)
    assert "Extra Person 4" in response.content.decode()


def test_people_pages_put_no_personal_data_in_urls(client_as, personas):
    officer = personas["officer"]
    for name in ("person", "role_assign", "person_deactivate", "person_reactivate"):
        url = reverse(f"accounts:{name}", args=[officer.pk])
        assert officer.email not in url and "olly" not in url.lower()
        assert re.fullmatch(r"[a-z/\-0-9]+", url)
    assert RoleAssignment.objects.exists()
