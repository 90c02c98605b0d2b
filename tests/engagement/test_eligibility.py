"""Who is eligible for an opportunity: active, verified people who match each list it sets,
with a safe channel to reach them, not yet invited, and under the cap. Saying no is never
held against anyone. The lists are compared in SQL on PostgreSQL and SQLite alike."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from engagement.models import (
    Invitation,
    InvitationStatus,
    Opportunity,
    ParticipantStatus,
    Terms,
)
from engagement.selectors.eligibility import eligible_count, eligible_participants
from engagement.services import invitations as invitation_services
from engagement.tokens import new_token
from safecontact.models import ChannelHold
from tests.engagement.factories import opportunity, participant

pytestmark = pytest.mark.django_db


def eligible(item: Opportunity) -> set[int]:
    return set(eligible_participants(item).values_list("pk", flat=True))


def past_invitation(person: Any, *, days_ago: int, status: str = InvitationStatus.INVITED) -> None:
    """An invitation to another opportunity, sent `days_ago` days ago."""
    other = opportunity(title=f"Earlier {random.random()}")
    Invitation.objects.create(
        opportunity=other,
        participant=person,
        status=status,
        token_digest=new_token(purpose="invitation")[1],
        invited_at=timezone.now() - timedelta(days=days_ago),
    )


def test_only_active_verified_people_are_eligible() -> None:
    item = opportunity()
    active = participant()
    unverified = participant(status=ParticipantStatus.UNVERIFIED, verified_at=None)
    paused = participant(status=ParticipantStatus.PAUSED)
    left = participant(status=ParticipantStatus.LEFT)
    active_not_verified = participant(verified_at=None)
    found = eligible(item)
    assert active.pk in found
    assert not {unverified.pk, paused.pk, left.pk, active_not_verified.pk} & found


def test_a_safe_channel_with_somewhere_to_send_is_needed() -> None:
    item = opportunity()
    no_channel = participant(safe={"may_email": False})
    email_but_no_address = participant(email="", safe={"may_email": True})
    text_with_own_number = participant(
        email="", phone="07700 900123", safe={"may_email": False, "may_text": True}
    )
    text_with_safe_number = participant(
        email="", safe={"may_email": False, "may_text": True, "phone": "07700 900124"}
    )
    phone_calls_only = participant(
        phone="07700 900125", safe={"may_email": False, "may_phone": True}
    )
    found = eligible(item)
    assert text_with_own_number.pk in found
    assert text_with_safe_number.pk in found
    assert not {no_channel.pk, email_but_no_address.pk, phone_calls_only.pk} & found


def test_a_channel_on_hold_does_not_count() -> None:
    item = opportunity()
    email_held = participant()
    ChannelHold.objects.create(
        safe_contact=email_held.safe_contact, channel="email", reason="unsafe_abandoned"
    )
    email_held_text_safe = participant(
        phone="07700 900126", safe={"may_email": True, "may_text": True}
    )
    ChannelHold.objects.create(
        safe_contact=email_held_text_safe.safe_contact, channel="email", reason="asked"
    )
    reviewed = participant()
    ChannelHold.objects.create(
        safe_contact=reviewed.safe_contact,
        channel="email",
        reason="asked",
        decision="reinstate",
    )
    found = eligible(item)
    assert email_held.pk not in found
    assert email_held_text_safe.pk in found
    assert reviewed.pk in found


def test_areas_and_age_bands_match_one_of_the_list() -> None:
    item = opportunity(areas=["E09000007", "E09000019"], age_bands=["25_34", "35_49"])
    both = participant(area="E09000007", age_band="25_34")
    other_area = participant(area="E09000001", age_band="25_34")
    other_age = participant(area="E09000019", age_band="65_plus")
    not_said = participant(area="", age_band="")
    prefer_not = participant(area="prefer_not_to_say", age_band="25_34")
    found = eligible(item)
    assert both.pk in found
    assert not {other_area.pk, other_age.pk, not_said.pk, prefer_not.pk} & found


@pytest.mark.parametrize("field", ["crime_kinds", "languages", "formats"])
def test_lists_need_one_code_in_common(field: str) -> None:
    codes = {
        "crime_kinds": (["burglary", "fraud"], ["fraud", "theft"], ["robbery"]),
        "languages": (["cy", "pl"], ["en", "cy"], ["en"]),
        "formats": (["online", "phone"], ["phone"], ["in_person"]),
    }[field]
    wanted, shares_one, shares_none = codes
    lists: dict[str, Any] = {field: wanted}
    item = opportunity(**lists)
    match = participant(**{**lists, field: shares_one})
    miss = participant(**{**lists, field: shares_none})
    empty = participant(**{**lists, field: []})
    found = eligible(item)
    assert match.pk in found
    assert not {miss.pk, empty.pk} & found
    # The same people, with nothing set on the opportunity: anyone.
    assert {match.pk, miss.pk, empty.pk} <= eligible(opportunity(title="Anyone"))


def test_a_code_that_is_only_part_of_another_does_not_match() -> None:
    item = opportunity(crime_kinds=["theft"])
    similar = participant(crime_kinds=["vehicle_theft_other"])
    assert similar.pk not in eligible(item)


def test_nobody_is_invited_twice_to_the_same_opportunity() -> None:
    item = opportunity()
    person = participant()
    Invitation.objects.create(
        opportunity=item, participant=person, token_digest=new_token(purpose="invitation")[1]
    )
    assert person.pk not in eligible(item)


@pytest.mark.dates
def test_the_cap_counts_invitations_sent_in_the_period() -> None:
    item = opportunity()
    capped = participant()
    for days_ago in (1, 30, 89):
        past_invitation(capped, days_ago=days_ago)
    one_old = participant()
    for days_ago in (1, 30, 91):
        past_invitation(one_old, days_ago=days_ago)
    two = participant()
    for days_ago in (1, 2):
        past_invitation(two, days_ago=days_ago)
    found = eligible(item)
    assert capped.pk not in found
    assert {one_old.pk, two.pk} <= found
    assert eligible_count(item) == len(found)


@pytest.mark.dates
def test_the_cap_of_the_terms_in_force_applies() -> None:
    Terms.objects.create(effective_from=timezone.localdate(), invite_cap=1, cap_days=30)
    Terms.objects.create(
        effective_from=timezone.localdate() + timedelta(days=10), invite_cap=9, cap_days=30
    )
    item = opportunity()
    once = participant()
    past_invitation(once, days_ago=3)
    long_ago = participant()
    past_invitation(long_ago, days_ago=40)
    found = eligible(item)
    assert once.pk not in found
    assert long_ago.pk in found


def test_a_decline_is_never_held_against_anyone() -> None:
    """Two people alike but for one having said no to everything are equally eligible, and
    equally likely to be invited when only some are."""
    item = opportunity()
    said_yes = participant(area="E09000007")
    said_no = participant(area="E09000007")
    for days_ago in (5, 40):
        past_invitation(said_yes, days_ago=days_ago, status=InvitationStatus.ACCEPTED)
        past_invitation(said_no, days_ago=days_ago, status=InvitationStatus.DECLINED)
    # A third who declined the most recent one, and withdrew from another.
    withdrew = participant(area="E09000007")
    past_invitation(withdrew, days_ago=5, status=InvitationStatus.WITHDRAWN)
    past_invitation(withdrew, days_ago=6, status=InvitationStatus.DECLINED)
    assert {said_yes.pk, said_no.pk, withdrew.pk} <= eligible(item)


def test_when_only_some_are_invited_a_decline_does_not_lower_the_chance(
    personas: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    item = opportunity()
    said_yes = participant()
    said_no = participant()
    for days_ago in (5, 40):
        past_invitation(said_yes, days_ago=days_ago, status=InvitationStatus.ACCEPTED)
        past_invitation(said_no, days_ago=days_ago, status=InvitationStatus.DECLINED)
    monkeypatch.setattr(invitation_services, "_draw", random.Random(20260501))
    chosen = {said_yes.pk: 0, said_no.pk: 0}
    rounds = 60
    for _round in range(rounds):
        with transaction.atomic():
            sent = invitation_services.invitation_send(
                actor=personas["programme_admin"],
                opportunity=item,
                participants=[said_yes, said_no],
                limit=1,
            )
            assert sent == 1
            invited = Invitation.objects.get(opportunity=item).participant_id
            chosen[invited] += 1
            transaction.set_rollback(True)
    assert chosen[said_yes.pk] + chosen[said_no.pk] == rounds
    # A fair coin: each is chosen about half the time (seeded, so this never flakes).
    assert 20 <= chosen[said_no.pk] <= 40


def test_the_lists_are_compared_in_the_database() -> None:
    item = opportunity(crime_kinds=["fraud"], languages=["cy"], formats=["online"])
    sql = str(eligible_participants(item).query).lower()
    assert "json_each" in sql or "?|" in sql


def test_eligibility_is_one_query(django_assert_num_queries: Any) -> None:
    item = opportunity(areas=["E09000007"], crime_kinds=["fraud"], languages=["cy"])
    participant(area="E09000007", crime_kinds=["fraud"], languages=["cy"])
    with django_assert_num_queries(2):  # the terms in force, then the count
        assert eligible_count(item) == 1


def test_no_terms_row_means_the_default_cap() -> None:
    Terms.objects.all().delete()
    item = opportunity()
    person = participant()
    for days_ago in (1, 2):
        past_invitation(person, days_ago=days_ago)
    assert person.pk in eligible(item)
    past_invitation(person, days_ago=3)
    assert person.pk not in eligible(item)  # the default: 3 in 90 days
