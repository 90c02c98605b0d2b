"""Invitations, each a free choice: sent by the safe channel in the person's language with a
link whose token only is hashed; yes or no in one click, no reason asked; withdraw at any
point; one reminder; the same answers in the member portal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from engagement.models import (
    Invitation,
    InvitationStatus,
    Kind,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
    Sensitivity,
)
from engagement.services import invitations as services
from engagement.tokens import digest_of, new_token
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from safecontact.models import ChannelHold
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db

LINK = "/register/invitations/"


def message_of(invitation: Invitation) -> Message:
    """The message an invitation went by (every invitation here was sent one)."""
    assert invitation.message is not None
    return invitation.message


def token_in(message: Message | None) -> str:
    assert message is not None
    start = message.body.index(LINK) + len(LINK)
    return message.body[start:].split("/", 1)[0]


def invitation_with_token(
    person: Participant | None = None, **fields: Any
) -> tuple[Invitation, str]:
    """An invitation made directly (scenery for the pages), with its link's token."""
    token, digest = new_token(purpose="invitation")
    item = Invitation.objects.create(
        opportunity=fields.pop("opportunity", None) or opportunity(),
        participant=person or participant(),
        token_digest=digest,
        **fields,
    )
    return item, token


def member_invitation(p: dict[str, Any], **fields: Any) -> Invitation:
    """An invitation of the member persona's own place on the register."""
    person = Participant.objects.filter(user=p["member"]).first() or participant(
        user=p["member"], full_name="Morgan Member"
    )
    return invitation_with_token(person, **fields)[0]


# Sending ------------------------------------------------------------------------------------


@pytest.mark.dates
@time_machine.travel(datetime(2026, 5, 20, 11, 0, tzinfo=UTC), tick=False)
def test_each_person_is_invited_by_their_safe_channel(personas: Any, settings: Any) -> None:
    """At 12:00 London time on a Wednesday: within the desk's hours, so texts may go."""
    settings.SITE_URL = "https://victimvoice.example.org"
    item = opportunity()
    by_email = participant()
    by_text = participant(
        email="", phone="07700 900301", safe={"may_email": False, "may_text": True}
    )
    email_unsafe = participant(phone="07700 900302", safe={"may_email": False, "may_text": True})
    sent = services.invitation_send(actor=personas["programme_admin"], opportunity=item)
    assert sent == 3
    invitations = {i.participant_id: i for i in Invitation.objects.filter(opportunity=item)}
    assert invitations[by_email.pk].channel == "email"
    assert invitations[by_text.pk].channel == "text"
    assert invitations[email_unsafe.pk].channel == "text"
    message = message_of(invitations[by_email.pk])
    assert message.channel == "email" and message.recipient == by_email.email
    assert message.template == "engagement_invitation"
    token = token_in(message)
    assert message.body.count("https://victimvoice.example.org/register/invitations/") == 1
    # Only the token's keyed hash is kept.
    assert invitations[by_email.pk].token_digest == digest_of(token, purpose="invitation")
    assert token not in invitations[by_email.pk].token_digest
    text = message_of(invitations[by_text.pk])
    assert text.channel == "sms" and item.title not in text.body
    event = AuditEvent.objects.get(action="engagement.invitations_sent")
    assert event.object_id == str(item.pk) and event.note.startswith("sent=3")


def test_a_welsh_speaker_is_invited_in_welsh(personas: Any) -> None:
    item = opportunity(title_cy="Sut rydym yn esbonio penderfyniad")
    person = participant(language="cy")
    services.invitation_send(actor=personas["programme_admin"], opportunity=item)
    message = message_of(Invitation.objects.get(participant=person))
    assert message.language == "cy"
    assert "Sut rydym yn esbonio penderfyniad" in message.subject
    assert "Gwahoddiad" in message.subject


def test_never_by_phone_call_letter_or_a_channel_on_hold(personas: Any) -> None:
    item = opportunity()
    calls_only = participant(phone="07700 900303", safe={"may_email": False, "may_phone": True})
    held = participant()
    ChannelHold.objects.create(safe_contact=held.safe_contact, channel="email", reason="asked")
    assert services.invitation_send(actor=personas["programme_admin"], opportunity=item) == 0
    assert not Invitation.objects.filter(participant__in=[calls_only, held]).exists()
    assert not Message.objects.exists()


@pytest.mark.dates
def test_no_text_outside_safe_times_but_an_email_waits_unseen(personas: Any) -> None:
    night = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)  # a Monday, 23:30 in London
    with time_machine.travel(night, tick=False):
        item = opportunity()
        texter = participant(
            email="",
            phone="07700 900304",
            safe={
                "may_email": False,
                "may_text": True,
                "safe_times": '[{"days": [0,1,2,3,4], "from": "10:00", "to": "15:00"}]',
            },
        )
        emailer = participant(
            safe={"safe_times": '[{"days": [0,1,2,3,4], "from": "10:00", "to": "15:00"}]'}
        )
        assert services.invitation_send(actor=personas["programme_admin"], opportunity=item) == 1
        assert Invitation.objects.filter(participant=emailer).exists()
        assert not Invitation.objects.filter(participant=texter).exists()
        assert (
            "not contactable now=1"
            in AuditEvent.objects.get(action="engagement.invitations_sent").note
        )
    with time_machine.travel(datetime(2026, 3, 3, 11, 0, tzinfo=UTC), tick=False):
        assert services.invitation_send(actor=personas["programme_admin"], opportunity=item) == 1
        assert Invitation.objects.get(participant=texter).channel == "text"


def test_a_limit_invites_that_many(personas: Any) -> None:
    item = opportunity()
    for _n in range(5):
        participant()
    assert (
        services.invitation_send(actor=personas["programme_admin"], opportunity=item, limit=2) == 2
    )
    assert Invitation.objects.filter(opportunity=item).count() == 2


@pytest.mark.parametrize("status", [OpportunityStatus.DRAFT, OpportunityStatus.CLOSED])
def test_nobody_is_invited_unless_it_is_open(status: str, personas: Any) -> None:
    item = opportunity(status=status)
    participant()
    with pytest.raises(RuleBroken):
        services.invitation_send(actor=personas["programme_admin"], opportunity=item)
    assert not Invitation.objects.exists()


def test_only_the_programme_team_sends(personas: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.invitation_send(actor=personas["partner_agency"], opportunity=opportunity())


def test_the_invite_page_sends_and_says_how_many(client_as: Any) -> None:
    item = opportunity()
    participant()
    participant()
    client = client_as("programme_admin")
    page = client.get(reverse("engagement:invite", args=[item.pk])).content.decode()
    assert "people can be invited now" in page
    response = client.post(reverse("engagement:invite", args=[item.pk]), {"limit": ""}, follow=True)
    assert Invitation.objects.filter(opportunity=item).count() >= 2
    assert "people invited" in response.content.decode()


# Answering by the link ----------------------------------------------------------------------


def test_the_link_shows_the_opportunity_and_a_get_never_answers(client: Any) -> None:
    item = opportunity(
        sensitivity=Sensitivity.SENSITIVE,
        content_notes="Talks about violence at home.",
        payment_pence=2000,
        recognition="A £20 voucher",
    )
    invitation, token = invitation_with_token(opportunity=item)
    response = client.get(reverse("engagement:invitation", args=[token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Talks about violence at home.") < page.index(item.involves)
    assert "Citizens Advice" in page and "MoneyHelper" in page
    assert "Yes, I&#39;d like to take part" in page or "Yes, I'd like to take part" in page
    assert "No thanks" in page
    assert "reason" in page  # "You do not have to give a reason"
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.INVITED


def test_yes_in_one_click(client: Any) -> None:
    invitation, token = invitation_with_token()
    before = invitation.participant.last_active_at
    url = reverse("engagement:invitation", args=[token])
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 302 and response["Location"] == url
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.responded_at
    assert Participant.objects.get(pk=invitation.participant_id).last_active_at > before
    assert AuditEvent.objects.filter(
        action="engagement.invitation_accepted", object_id=str(invitation.pk)
    ).exists()
    page = client.get(url).content.decode()
    assert "You said yes" in page and "Withdraw from this" in page


def test_no_thanks_asks_no_reason_and_says_it_never_counts_against_them(client: Any) -> None:
    invitation, token = invitation_with_token()
    url = reverse("engagement:invitation", args=[token])
    response = client.post(url, {"answer": "no"}, follow=True)
    page = response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert "Saying no never counts against you" in page
    assert "<textarea" not in page and "why" not in page.lower().split("saying no")[0][-200:]
    assert AuditEvent.objects.filter(action="engagement.invitation_declined").exists()
    # A change of mind while it is open is welcome.
    client.post(url, {"answer": "yes"})
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED


def test_a_survey_yes_leads_to_the_survey_when_it_exists(client: Any) -> None:
    invitation, token = invitation_with_token(opportunity=opportunity(kind=Kind.SURVEY))
    url = reverse("engagement:invitation", args=[token])
    client.post(url, {"answer": "yes"})
    page = client.get(url).content.decode()
    try:
        survey = reverse("engagement:survey_answer", kwargs={"token": token})
    except NoReverseMatch:
        return
    assert survey in page


def test_withdraw_at_any_point_after_a_confirmation(client: Any) -> None:
    invitation, token = invitation_with_token(status=InvitationStatus.SELECTED)
    url = reverse("engagement:invitation_withdraw", args=[token])
    confirm = client.get(url).content.decode()
    assert "Withdraw from this?" in confirm
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.SELECTED
    client.post(url)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.WITHDRAWN and invitation.withdrawn_at
    assert AuditEvent.objects.filter(action="engagement.invitation_withdrawn").exists()


def test_nothing_to_withdraw_before_a_yes(client: Any) -> None:
    invitation, token = invitation_with_token()
    response = client.get(reverse("engagement:invitation_withdraw", args=[token]))
    assert response.status_code == 302
    with pytest.raises(RuleBroken):
        services.invitation_withdraw(actor=None, invitation=invitation)


def test_an_unknown_or_expired_link_is_a_plain_404(client: Any) -> None:
    assert client.get(reverse("engagement:invitation", args=["not-a-token"])).status_code == 404
    _gone, left_token = invitation_with_token(participant(status=ParticipantStatus.LEFT))
    assert client.get(reverse("engagement:invitation", args=[left_token])).status_code == 404
    closed = opportunity(status=OpportunityStatus.CLOSED)
    _unanswered, closed_token = invitation_with_token(opportunity=closed)
    response = client.get(reverse("engagement:invitation", args=[closed_token]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    # Someone who said yes can still withdraw after it closes.
    _yes, yes_token = invitation_with_token(opportunity=closed, status=InvitationStatus.ACCEPTED)
    assert client.get(reverse("engagement:invitation", args=[yes_token])).status_code == 200


def test_a_closed_opportunity_takes_no_more_answers(personas: Any) -> None:
    invitation, _token = invitation_with_token()
    invitation.opportunity.closes_at = timezone.now() - timedelta(minutes=1)
    invitation.opportunity.save()
    with pytest.raises(RuleBroken) as refused:
        services.invitation_accept(actor=None, invitation=invitation)
    assert refused.value.code == "closed"


def test_the_page_is_in_the_persons_language(client: Any) -> None:
    item = opportunity(title_cy="Llythyrau clir", purpose_cy="I ddysgu a yw ein llythyrau'n glir.")
    _invitation, token = invitation_with_token(participant(language="cy"), opportunity=item)
    page = client.get(reverse("engagement:invitation", args=[token])).content.decode()
    assert "Llythyrau clir" in page and 'lang="cy"' in page


# In the member portal -----------------------------------------------------------------------


def test_a_member_sees_and_answers_only_their_own(client_as: Any, personas: Any) -> None:
    mine = member_invitation(personas, opportunity=opportunity(title="Mine to answer"))
    theirs, _token = invitation_with_token(opportunity=opportunity(title="Someone else's"))
    client = client_as("member")
    page = client.get(reverse("engagement:my_invitations")).content.decode()
    assert "Mine to answer" in page and "Someone else" not in page
    answer = reverse("engagement:my_invitation_answer", args=[mine.pk])
    assert client.get(answer).status_code == 200
    assert client.post(answer, {"answer": "no"}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == InvitationStatus.DECLINED
    other = reverse("engagement:my_invitation_answer", args=[theirs.pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {"answer": "yes"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == InvitationStatus.INVITED


def test_a_member_withdraws_in_the_portal(client_as: Any, personas: Any) -> None:
    mine = member_invitation(personas, status=InvitationStatus.ACCEPTED)
    client = client_as("member")
    answer = reverse("engagement:my_invitation_answer", args=[mine.pk])
    assert "You can withdraw at any point" in client.get(answer).content.decode()
    client.post(answer, {"answer": "withdraw"})
    mine.refresh_from_db()
    assert mine.status == InvitationStatus.WITHDRAWN


def test_a_member_not_on_the_register_is_told_so(client_as: Any) -> None:
    page = client_as("member").get(reverse("engagement:my_invitations")).content.decode()
    assert "not on the engagement register" in page


def test_the_service_refuses_someone_elses_invitation(personas: Any) -> None:
    from django.core.exceptions import PermissionDenied

    theirs, _token = invitation_with_token()
    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=personas["member"], invitation=theirs)


# Reminders ----------------------------------------------------------------------------------


@pytest.mark.dates
def test_one_reminder_three_days_on_with_a_new_link(personas: Any, client: Any) -> None:
    start = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        item = opportunity(closes_at=start + timedelta(days=20))
        quiet = participant()
        answered = participant()
        services.invitation_send(actor=personas["programme_admin"], opportunity=item)
        first = Invitation.objects.get(participant=quiet)
        first_token = token_in(first.message)
        services.invitation_decline(
            actor=None, invitation=Invitation.objects.get(participant=answered)
        )
    with time_machine.travel(start + timedelta(days=2), tick=False):
        assert services.invitation_remind_due() == 0
    with time_machine.travel(start + timedelta(days=3, hours=1), tick=False):
        assert services.invitation_remind_due() == 1
        first.refresh_from_db()
        assert first.reminded_at is not None
        assert message_of(first).template == "engagement_invitation_reminder"
        new_token_ = token_in(first.message)
        assert new_token_ != first_token
        assert client.get(reverse("engagement:invitation", args=[first_token])).status_code == 404
        assert client.get(reverse("engagement:invitation", args=[new_token_])).status_code == 200
        assert services.invitation_remind_due() == 0  # once only
    assert AuditEvent.objects.filter(action="engagement.invitations_reminded").count() == 1


@pytest.mark.dates
def test_no_reminder_once_closed_or_paused(personas: Any) -> None:
    start = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        closing = opportunity(closes_at=start + timedelta(days=2))
        paused_one = opportunity(title="For a paused person")
        invitation_with_token(opportunity=closing)
        person = participant()
        invitation_with_token(person, opportunity=paused_one)
        Participant.objects.filter(pk=person.pk).update(status=ParticipantStatus.PAUSED)
    with time_machine.travel(start + timedelta(days=4), tick=False):
        assert services.invitation_remind_due() == 0


def test_the_reminders_run_every_day() -> None:
    from lib.scheduler import SCHEDULE

    assert any(path == "engagement.tasks.send_invitation_reminders" for _n, _c, path in SCHEDULE)
