"""Feedback invitations by text message and email (feedback/services/invitations.py,
docs/feedback-invitations.md): opaque single-use expiring links, refusals, the outbox, retention."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import CrimeType, Invitation, Language
from feedback.services import invitations as service
from lib.rules import RuleBroken
from notify.models import Message, MessageStatus
from privacy.models import AuditEvent
from tests.conftest import CheckedClient
from tests.feedback.access import officer_code

PHONE = "07700 900123"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}$")
LINK = re.compile(r"https?://[^\s]+/i/([^/\s]+)/")


@pytest.fixture
def code(personas: dict[str, Any]) -> Any:
    return officer_code(personas["officer"])


def _crime(key: str = "burglary") -> CrimeType:
    return CrimeType.objects.get(code=key)


def _invite(
    code: Any,
    capture: Any,
    *,
    channel: str = "sms",
    contact: str = PHONE,
    crime: str = "burglary",
    language: str = "en",
    actor: Any = None,
) -> tuple[Invitation, str]:
    """Send an invitation, deliver it through the outbox, and return it with its token."""
    with capture(execute=True):
        invitation = service.invitation_create(
            actor=actor,
            channel=channel,
            contact=contact,
            team=code.team,
            officer=code.officer,
            crime_type=_crime(crime),
            language=Language.objects.get(code=language),
            may_contact=True,
        )
    invitation.refresh_from_db()
    assert invitation.message is not None
    match = LINK.search(invitation.message.body)
    assert match, invitation.message.body
    return invitation, match.group(1)


def test_an_sms_invitation_is_in_the_outbox_with_its_link_and_the_contact_is_not_kept(
    code: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://victimvoice.example.org"
    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    message = invitation.message
    assert message is not None
    assert (message.channel, message.template, message.status) == (
        "sms",
        "feedback_invitation",
        MessageStatus.SENT,
    )
    assert message.backend == "outbox"
    assert message.recipient == "07700900123"
    assert f"https://victimvoice.example.org/i/{token}/" in message.body
    assert invitation.contact is None
    assert invitation.sent_at is not None
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)


def test_the_token_is_opaque_and_only_its_hash_is_kept(
    code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    assert TOKEN.match(token)
    for personal in ("07700", "900123", "burglary", "Camden", str(code.officer.pk), code.code):
        assert personal.lower() not in token.lower()
    assert invitation.token_hash == service.token_hash(token)
    stored = " ".join(str(getattr(invitation, f.attname)) for f in Invitation._meta.concrete_fields)
    assert token not in stored


def test_the_message_says_nothing_about_the_crime_or_the_officer(
    code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, _token = _invite(code, django_capture_on_commit_callbacks, crime="robbery")
    body = invitation.message.body.lower()  # type: ignore[union-attr]
    # Words only: the link's random token may hold any letters ("pc" among them).
    words = set(re.findall(r"[a-z]+", re.sub(r"https?://\S+", " ", body)))
    assert "robbery" not in words
    for name_part in code.officer.full_name.lower().split():
        assert name_part not in words
    assert code.team.name.lower() not in re.sub(r"https?://\S+", " ", body)


def test_the_link_works_once_then_says_plainly_it_was_used(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    url = reverse("invitations:open", kwargs={"token": token})

    first = client.get(url)
    assert first.status_code == 302
    assert first["Location"] == reverse("feedback:questions")
    invitation.refresh_from_db()
    assert invitation.opened_at is not None

    again = CheckedClient().get(url)  # someone else, or the same person after sending
    assert again.status_code == 410
    page = again.content.decode()
    assert "This link has already been used" in page
    assert f'href="{reverse("feedback:start")}"' in page
    assert "no-store" in again["Cache-Control"]


def test_the_link_starts_the_form_for_the_invitation_in_its_language(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from feedback.form_session import SESSION_KEY

    invitation, token = _invite(code, django_capture_on_commit_callbacks, language="pl")
    client.get(reverse("invitations:open", kwargs={"token": token}))
    context = client.session[SESSION_KEY]
    assert context["invitation_id"] == invitation.pk
    assert (context["channel"], context["language"], context["code_id"]) == ("sms", "pl", code.pk)


def test_an_expired_link_says_so(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    response = client.get(reverse("invitations:open", kwargs={"token": token}))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.opened_at is None


@pytest.mark.parametrize("part", ["random", "signature"])
def test_a_tampered_link_is_not_found(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any, part: str
) -> None:
    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    random_part, signature = token.split(".")
    flip = {"A": "B"}.get(random_part[0], "A")
    tampered = (
        f"{flip}{random_part[1:]}.{signature}"
        if part == "random"
        else f"{random_part}.{signature[:-1]}{'A' if signature[-1] != 'A' else 'B'}"
    )
    assert client.get(reverse("invitations:open", kwargs={"token": tampered})).status_code == 404
    invitation.refresh_from_db()
    assert invitation.opened_at is None


def test_a_signed_token_that_was_never_sent_is_not_found(client: Any, db: Any) -> None:
    token = service.token_make()
    assert service.token_is_signed(token)
    assert client.get(reverse("invitations:open", kwargs={"token": token})).status_code == 404


@pytest.mark.parametrize("crime", ["domestic-abuse", "sexual-offences"])
def test_sensitive_crime_types_are_refused_and_nothing_is_kept(code: Any, crime: str) -> None:
    messages_before = Message.objects.count()
    with pytest.raises(RuleBroken) as refused:
        service.invitation_create(
            channel="sms",
            contact=PHONE,
            team=code.team,
            crime_type=_crime(crime),
            may_contact=True,
        )
    assert refused.value.code == "sensitive_crime_type"
    assert not Invitation.objects.exists()
    assert Message.objects.count() == messages_before


def test_a_person_who_said_no_to_contact_is_refused_and_nothing_is_kept(code: Any) -> None:
    messages_before = Message.objects.count()
    with pytest.raises(RuleBroken) as refused:
        service.invitation_create(
            channel="email",
            contact="victim@example.org",
            team=code.team,
            crime_type=_crime(),
            may_contact=False,
        )
    assert refused.value.code == "contact_not_permitted"
    assert not Invitation.objects.exists()
    assert Message.objects.count() == messages_before


@pytest.mark.parametrize(
    ("channel", "contact", "reason"),
    [("sms", "not a number", "invalid_phone"), ("email", "nobody", "invalid_email")],
)
def test_a_bad_contact_is_refused(code: Any, channel: str, contact: str, reason: str) -> None:
    with pytest.raises(RuleBroken) as refused:
        service.invitation_create(
            channel=channel, contact=contact, team=code.team, crime_type=_crime(), may_contact=True
        )
    assert refused.value.code == reason


def test_an_email_invitation_in_welsh(code: Any, django_capture_on_commit_callbacks: Any) -> None:
    invitation, token = _invite(
        code,
        django_capture_on_commit_callbacks,
        channel="email",
        contact="dioddefwr@example.org",
        language="cy",
    )
    message = invitation.message
    assert message is not None
    assert (message.channel, message.language) == ("email", "cy")
    assert message.subject.startswith("Sut wnaeth yr heddlu")
    assert token in message.body


def test_contacts_are_purged_after_seven_days(code: Any) -> None:
    from privacy.purge import purge_expired

    now = timezone.now()
    old = Invitation.objects.create(
        token_hash="a" * 64,
        channel="sms",
        team=code.team,
        contact="07700900001",
        created_at=now - timedelta(days=8),
        expires_at=now + timedelta(days=6),
    )
    recent = Invitation.objects.create(
        token_hash="b" * 64,
        channel="sms",
        team=code.team,
        contact="07700900002",
        created_at=now - timedelta(days=6),
        expires_at=now + timedelta(days=8),
    )
    purge_expired(now=now, rules=["feedback.invitation_contacts"])
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact is None
    assert recent.contact == "07700900002"
    purge_expired(now=now + timedelta(days=2), rules=["feedback.invitation_contacts"])
    recent.refresh_from_db()
    assert recent.contact is None


# The staff page ------------------------------------------------------------------------


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "may_contact": "yes",
        "channel": "sms",
        "phone": PHONE,
        "email": "",
        "crime_type": str(_crime().pk),
        "language": str(Language.objects.get(code="en").pk),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_desk_agent_sends_an_invitation_for_a_team_and_it_is_audited(
    client_as: Any, code: Any, personas: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_as("desk_agent")
    assert client.get(reverse("invitations:new")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitations:new"),
            _form(team=str(code.team.pk), officer_code=code.code),
            follow=True,
        )
    page = response.content.decode()
    assert "Invitation sent by text message" in page
    assert "900123" not in page
    invitation = Invitation.objects.get()
    assert (invitation.team, invitation.officer) == (code.team, code.officer)
    assert invitation.created_by == personas["desk_agent"]
    assert invitation.message is not None and invitation.message.status == MessageStatus.SENT
    event = AuditEvent.objects.get(object_type="feedback.invitation", object_id=str(invitation.pk))
    assert event.actor_id == personas["desk_agent"].pk


def test_an_officer_sends_for_their_own_contact_and_team(
    client_as: Any, code: Any, personas: dict[str, Any]
) -> None:
    response = client_as("officer").post(
        reverse("invitations:new"), _form(channel="email", phone="", email="v@example.org")
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.officer, invitation.team, invitation.channel) == (
        personas["officer"],
        code.team,
        "email",
    )


def test_an_officer_without_a_team_is_told_so(client_as: Any, db: Any) -> None:
    response = client_as("officer").post(reverse("invitations:new"), _form())
    assert response.status_code == 200
    assert "You are not linked to a team yet" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_page_refuses_a_sensitive_crime_type_with_a_clear_message(
    client_as: Any, code: Any
) -> None:
    response = client_as("programme_admin").post(
        reverse("invitations:new"),
        _form(team=str(code.team.pk), crime_type=str(_crime("domestic-abuse").pk)),
    )
    assert response.status_code == 200
    assert (
        "We do not send feedback invitations about this type of crime" in response.content.decode()
    )
    assert not Invitation.objects.exists()


def test_the_page_refuses_when_the_person_said_no(client_as: Any, code: Any) -> None:
    response = client_as("desk_agent").post(
        reverse("invitations:new"), _form(team=str(code.team.pk), may_contact="no")
    )
    assert response.status_code == 200
    assert "did not agree to be contacted" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not Message.objects.filter(template="feedback_invitation").exists()


def test_the_page_asks_for_the_phone_number_of_a_text_message(client_as: Any, code: Any) -> None:
    response = client_as("desk_agent").post(
        reverse("invitations:new"), _form(team=str(code.team.pk), phone="")
    )
    assert "Enter a mobile phone number" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("persona", ["analyst", "member", "police_lead", "facilitator_forum_a"])
def test_other_personas_cannot_send_invitations(client_as: Any, code: Any, persona: str) -> None:
    response = client_as(persona).post(reverse("invitations:new"), _form(team=str(code.team.pk)))
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_invitations_are_deleted_after_three_years(
    code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from privacy.purge import purge_expired

    invitation, _token = _invite(code, django_capture_on_commit_callbacks)
    now = timezone.now()
    purge_expired(now=now + timedelta(days=3 * 365 - 1), rules=["feedback.invitations"])
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    purge_expired(now=now + timedelta(days=3 * 365 + 1), rules=["feedback.invitations"])
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_same_person_opening_their_link_again_goes_back_to_the_form(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _invitation, token = _invite(code, django_capture_on_commit_callbacks)
    url = reverse("invitations:open", kwargs={"token": token})
    assert client.get(url)["Location"] == reverse("feedback:questions")
    assert client.get(reverse("feedback:questions")).status_code == 200  # the form, seen
    again = client.get(url)
    assert (again.status_code, again["Location"]) == (302, reverse("feedback:questions"))
    someone_else = CheckedClient()
    assert someone_else.get(url).status_code == 410


def test_feedback_sent_from_the_link_is_linked_to_its_invitation(
    client: Any, code: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import time

    from feedback.models import Response
    from feedback.rules import MIN_FILL_SECONDS

    invitation, token = _invite(code, django_capture_on_commit_callbacks)
    form_url = client.get(reverse("invitations:open", kwargs={"token": token}))["Location"]
    page = client.get(form_url).content.decode()
    token_field = re.search(r'name="token" value="([^"]+)"', page)
    assert token_field
    time.sleep(MIN_FILL_SECONDS)
    answers = {"token": token_field.group(1), "overall": "4", "respect": "yes"}
    assert client.post(form_url, answers).status_code == 302
    response = Response.objects.get()
    assert (response.invitation, response.channel) == (invitation, "sms")
    invitation.refresh_from_db()
    assert invitation.opened_at is not None and invitation.used_at is not None


@pytest.mark.parametrize("persona", ["desk_agent", "programme_admin"])
def test_the_invitation_form_chooses_no_team_for_the_sender(client_as: Any, persona: str) -> None:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client_as(persona).get(reverse("invitations:new")).content, "html.parser")
    options = page.select("select[name=team] option")
    assert options[0]["value"] == "" and options[0].text.strip() == "Select a team"
    assert [o for o in options if o.has_attr("selected")] == []


def test_the_invitation_form_asks_for_a_team_when_none_is_chosen(client_as: Any, code: Any) -> None:
    response = client_as("desk_agent").post(reverse("invitations:new"), _form(team=""))
    assert response.status_code == 200
    assert "Choose the team" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_team_named_after_its_borough_is_not_labelled_with_it_twice(
    client_as: Any, db: Any
) -> None:
    from feedback.models import Borough, team_label
    from feedback.services import borough_general_team

    camden = Borough.objects.get(name="Camden")
    borough_general_team(borough=camden)
    assert team_label("Camden (whole borough)", "Camden") == "Camden (whole borough)"
    assert team_label("camden response team", "Camden") == "camden response team"
    assert team_label("Response team", "Camden") == "Response team (Camden)"
    assert team_label("Camdenshire team", "Camden") == "Camdenshire team (Camden)"
    for url in (reverse("invitations:new"), reverse("dashboards:index")):
        page = client_as("programme_admin").get(url).content.decode()
        assert "Camden (whole borough)" in page, url
        assert "(Camden) (Camden)" not in page and "(whole borough) (Camden)" not in page, url
