"""The register's data protection: a participant who leaves is deleted within the set time
(with an account made only for the register), unconfirmed sign-ups go, survey answers lose
their link to the person when the opportunity closes, invitations and opportunities go after
their periods; subject access finds a participant by email, phone or safe contact, exports
what they gave, and erasure deletes them unless a legal hold applies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.test import override_settings

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from engagement.models import (
    Invitation,
    JoinedBy,
    Opportunity,
    OpportunityStatus,
    Participant,
    ParticipantStatus,
    SurveyResponse,
)
from engagement.tokens import new_token
from privacy.purge import purge_expired
from privacy.subjects import SubjectQuery, registry
from safecontact.models import SafeContact
from tests.engagement import factories

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Mid-month, mid-week, away from any clock change.
NOW = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def _invite(opportunity: Opportunity, participant: Participant, **fields: Any) -> Invitation:
    _token, digest = new_token(purpose="invitation")
    return Invitation.objects.create(
        opportunity=opportunity, participant=participant, token_digest=digest, **fields
    )


def _leave(participant: Participant, when: datetime) -> None:
    Participant.objects.filter(pk=participant.pk).update(
        status=ParticipantStatus.LEFT, left_at=when
    )


@override_settings(ENGAGEMENT_LEFT_DAYS=30)
def test_a_participant_who_leaves_is_deleted_after_the_set_time_with_everything_of_theirs() -> None:
    account = User.objects.create_user("leaver@example.org", None, full_name="Lee Leaver")
    leaver = factories.participant(user=account, email="leaver@example.org")
    stayer = factories.participant()
    _invite(factories.opportunity(), leaver)
    _leave(leaver, NOW)

    with time_machine.travel(NOW + timedelta(days=29), tick=False):
        purge_expired()
    assert Participant.objects.filter(pk=leaver.pk).exists()

    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        purge_expired()
    assert not Participant.objects.filter(pk=leaver.pk).exists()
    assert not SafeContact.objects.filter(participant_id=leaver.pk).exists()
    assert not Invitation.objects.filter(participant_id=leaver.pk).exists()
    assert not User.objects.filter(pk=account.pk).exists()
    assert Participant.objects.filter(pk=stayer.pk).exists()


@override_settings(ENGAGEMENT_LEFT_DAYS=30)
def test_a_forum_member_who_leaves_the_register_keeps_their_member_account(
    personas: dict[str, Any],
) -> None:
    account = personas["member"]
    leaver = factories.participant(user=account, joined_by=JoinedBy.FORUM_MEMBER)
    _leave(leaver, NOW)
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        purge_expired()
    assert not Participant.objects.filter(pk=leaver.pk).exists()
    assert User.objects.filter(pk=account.pk).exists()


@override_settings(ENGAGEMENT_UNVERIFIED_DAYS=7)
def test_a_sign_up_never_confirmed_goes_after_a_week() -> None:
    unconfirmed = factories.participant(status=ParticipantStatus.UNVERIFIED, verified_at=None)
    confirmed = factories.participant()
    with time_machine.travel(NOW + timedelta(days=6), tick=False):
        purge_expired()
    assert Participant.objects.filter(pk=unconfirmed.pk).exists()
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        purge_expired()
    assert not Participant.objects.filter(pk=unconfirmed.pk).exists()
    assert Participant.objects.filter(pk=confirmed.pk).exists()


def test_survey_answers_lose_their_link_to_the_person_when_the_opportunity_closes() -> None:
    person = factories.participant()
    still_open = factories.opportunity()
    closed = factories.opportunity()
    open_response = SurveyResponse.objects.create(opportunity=still_open, participant=person)
    closed_response = SurveyResponse.objects.create(opportunity=closed, participant=person)
    Opportunity.objects.filter(pk=closed.pk).update(
        status=OpportunityStatus.CLOSED, closed_at=NOW - timedelta(minutes=5)
    )
    purge_expired()
    closed_response.refresh_from_db()
    open_response.refresh_from_db()
    assert closed_response.participant_id is None
    assert open_response.participant_id == person.pk
    assert SurveyResponse.objects.filter(pk=closed_response.pk).exists()


@override_settings(ENGAGEMENT_INVITATION_RETENTION_DAYS=730)
def test_invitations_go_two_years_after_the_opportunity_closes() -> None:
    person = factories.participant()
    opportunity = factories.opportunity()
    invitation = _invite(opportunity, person)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=OpportunityStatus.CLOSED, closed_at=NOW
    )
    with time_machine.travel(NOW + timedelta(days=729), tick=False):
        purge_expired()
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    with time_machine.travel(NOW + timedelta(days=731), tick=False):
        purge_expired()
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    assert Opportunity.objects.filter(pk=opportunity.pk).exists()
    assert Participant.objects.filter(pk=person.pk).exists()


def test_a_participant_is_found_by_their_email_phone_or_safe_contact_and_exported() -> None:
    person = factories.participant(
        full_name="Rhian Example",
        email="rhian@example.org",
        phone="07700 900321",
        safe={"may_text": True, "phone": "07700 900654"},
        ethnic_group="white_welsh",
    )
    factories.participant(email="someone.else@example.org")
    opportunity = factories.opportunity(title="Letters after a decision")
    _invite(opportunity, person, status="accepted")
    provider = registry.provider("engagement")

    by_email = provider.find(SubjectQuery(email="RHIAN@example.org").normalised())
    by_phone = provider.find(SubjectQuery(phone="07700900321").normalised())
    by_safe_phone = provider.find(SubjectQuery(phone="+44 7700 900654").normalised())
    assert [m.pk for m in by_email] == [person.pk]
    assert [m.pk for m in by_phone] == [person.pk]
    assert [m.pk for m in by_safe_phone] == [person.pk]
    assert provider.find(SubjectQuery(email="nobody@example.org").normalised()) == []

    exported = provider.export(by_email[0]).fields
    values = [value for _label, value in exported]
    assert "Rhian Example" in values
    assert "07700 900654" in values
    assert "Letters after a decision" in values


def test_erasure_deletes_the_participant_and_unlinks_their_answers() -> None:
    person = factories.participant(email="erase.me@example.org")
    response = SurveyResponse.objects.create(
        opportunity=factories.opportunity(), participant=person
    )
    provider = registry.provider("engagement")
    match = provider.find(SubjectQuery(email="erase.me@example.org").normalised())[0]
    counts = provider.erase(match)
    assert counts.erased == 1
    assert not Participant.objects.filter(pk=person.pk).exists()
    response.refresh_from_db()
    assert response.participant_id is None


def test_erasure_is_refused_under_a_legal_hold(personas: dict[str, Any]) -> None:
    from privacy.models import LegalHold

    person = factories.participant(email="held@example.org")
    LegalHold.objects.create(
        model_label="engagement.participant",
        object_id=str(person.pk),
        reason="A complaint is being investigated.",
        placed_by=personas["dpo"],
    )
    provider = registry.provider("engagement")
    match = provider.find(SubjectQuery(email="held@example.org").normalised())[0]
    assert provider.erase(match).held == 1
    assert Participant.objects.filter(pk=person.pk).exists()


def test_leaving_gives_up_places_and_the_register_only_account_goes_with_the_data(
    personas: dict[str, Any],
) -> None:
    from engagement.models import Booking, BookingStatus, InvitationStatus, Slot
    from engagement.services import participant_leave

    account = User.objects.create_user("public.joiner@example.org", None, full_name="Pat Joiner")
    RoleAssignment.objects.create(user=account, role=Role.MEMBER)
    leaver = factories.participant(user=account, email="public.joiner@example.org")
    waiting = factories.participant()
    opportunity = factories.opportunity(kind="call_testing")
    slot = Slot.objects.create(
        opportunity=opportunity,
        starts_at=NOW + timedelta(days=3),
        ends_at=NOW + timedelta(days=3, hours=1),
        mode="phone",
        capacity=1,
    )
    mine = _invite(opportunity, leaver, status=InvitationStatus.ACCEPTED)
    theirs = _invite(opportunity, waiting, status=InvitationStatus.ACCEPTED)
    Booking.objects.create(slot=slot, invitation=mine, status=BookingStatus.CONFIRMED)
    queued = Booking.objects.create(slot=slot, invitation=theirs, status=BookingStatus.WAITING)

    participant_leave(actor=account, participant=leaver)

    mine.refresh_from_db()
    queued.refresh_from_db()
    assert mine.status == InvitationStatus.WITHDRAWN
    assert queued.status == BookingStatus.CONFIRMED
    leaver.refresh_from_db()
    assert leaver.user_id == account.pk
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        purge_expired()
    assert not Participant.objects.filter(pk=leaver.pk).exists()
    assert not User.objects.filter(pk=account.pk).exists()
