"""safecontact.services: changes are audited by field name only; who may change a safe
contact; channels put on hold; only a desk supervisor reviews a hold."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from lib.rules import RuleBroken
from privacy.models import AuditEvent
from safecontact.models import ChannelHold, SafeContact
from safecontact.services import (
    channel_hold_create,
    channel_hold_review,
    safe_contact_for_application,
    safe_contact_update,
)
from tests.recruitment.staff import make_application

pytestmark = pytest.mark.django_db

TIMES = [{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}]


@pytest.fixture
def safe() -> SafeContact:
    return safe_contact_for_application(make_application(email="hold.test@example.org"))


def events(name: str, obj: object) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action=name, object_id=str(obj.pk)).order_by("id")  # type: ignore[attr-defined]
    )


def test_a_change_is_saved_and_audited_with_the_field_names_only(personas, safe) -> None:
    admin = personas["programme_admin"]
    changed = safe_contact_update(
        actor=admin,
        contact=safe,
        may_letter=True,
        address="  2 Safe Street, London ",
        safe_times=TIMES,
        code_word="bluebell",
    )
    assert sorted(changed) == ["address", "code_word", "may_letter", "safe_times"]
    stored = SafeContact.objects.get(pk=safe.pk)
    assert stored.address == "2 Safe Street, London"
    assert stored.may_letter and stored.code_word == "bluebell"
    assert json.loads(stored.safe_times) == TIMES
    assert stored.updated_by == admin
    (event,) = events("safecontact.changed", safe)
    assert event.actor_id == admin.pk
    assert event.fields == ["address", "code_word", "may_letter", "safe_times"]
    assert "bluebell" not in event.note and "Safe Street" not in event.note


def test_nothing_changed_writes_nothing(personas, safe) -> None:
    safe_contact_update(actor=personas["programme_admin"], contact=safe, may_letter=False)
    assert events("safecontact.changed", safe) == []


def test_safe_times_that_cannot_be_read_are_refused_on_their_field(personas, safe) -> None:
    with pytest.raises(RuleBroken) as raised:
        safe_contact_update(
            actor=personas["programme_admin"],
            contact=safe,
            safe_times=[{"days": [0], "from": "25:00", "to": "26:00"}],
        )
    assert raised.value.field == "safe_times"
    with pytest.raises(RuleBroken):
        safe_contact_update(actor=personas["programme_admin"], contact=safe, colour="red")


def test_only_those_who_manage_applications_change_an_applications_safe_contact(
    personas, safe
) -> None:
    for key in ("desk_agent", "desk_supervisor", "analyst", "member"):
        with pytest.raises(PermissionDenied):
            safe_contact_update(actor=personas[key], contact=safe, may_letter=True)
    assert not SafeContact.objects.get(pk=safe.pk).may_letter


def test_a_hold_is_audited_and_a_second_on_the_same_channel_is_the_same_hold(
    personas, safe
) -> None:
    admin = personas["programme_admin"]
    hold = channel_hold_create(
        actor=admin, contact=safe, channel="phone", reason="unsafe_abandoned"
    )
    again = channel_hold_create(actor=admin, contact=safe, channel="phone", reason="asked")
    assert again.pk == hold.pk
    assert hold.is_open and hold.created_by == admin
    (event,) = events("safecontact.channel_hold_created", hold)
    assert event.fields == ["channel", "reason"]


def test_only_a_desk_supervisor_reviews_a_hold(personas, safe) -> None:
    hold = channel_hold_create(
        actor=personas["programme_admin"], contact=safe, channel="phone", reason="unsafe_abandoned"
    )
    for key in ("desk_agent", "programme_admin", "analyst"):
        with pytest.raises(PermissionDenied):
            channel_hold_review(actor=personas[key], hold=hold, decision="reinstate", note="Fine")
    assert ChannelHold.objects.get(pk=hold.pk).is_open

    supervisor = personas["desk_supervisor"]
    with pytest.raises(RuleBroken) as raised:
        channel_hold_review(actor=supervisor, hold=hold, decision="reinstate", note=" ")
    assert raised.value.field == "note"

    channel_hold_review(
        actor=supervisor, hold=hold, decision="reinstate", note="Spoke to them on a safe line"
    )
    stored = ChannelHold.objects.get(pk=hold.pk)
    assert stored.decision == "reinstate" and stored.reviewed_by == supervisor
    assert stored.review_note == "Spoke to them on a safe line"
    assert stored.reviewed_at is not None
    (event,) = events("safecontact.channel_hold_reviewed", hold)
    assert event.actor_id == supervisor.pk
    assert event.fields == ["decision", "review_note"]
    assert "safe line" not in event.note
    with pytest.raises(RuleBroken):
        channel_hold_review(actor=supervisor, hold=hold, decision="keep_ruled_out", note="Again")


def test_keeping_a_channel_ruled_out_says_so_in_the_safe_contact(personas, safe) -> None:
    SafeContact.objects.filter(pk=safe.pk).update(may_phone=True)
    hold = channel_hold_create(
        actor=personas["programme_admin"], contact=safe, channel="phone", reason="unsafe_abandoned"
    )
    channel_hold_review(
        actor=personas["desk_supervisor"],
        hold=hold,
        decision="keep_ruled_out",
        note="Their partner answered twice",
    )
    assert not SafeContact.objects.get(pk=safe.pk).may_phone
    (event,) = events("safecontact.channel_hold_reviewed", hold)
    assert event.fields == ["decision", "may_phone", "review_note"]
