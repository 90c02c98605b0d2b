"""Legal holds as retention and erasure see them: privacy.holds.exclude_held and is_held."""

from typing import Any

import pytest
from django.utils import timezone

from accounts.models import RoleAssignment, User
from notify.models import Message
from notify.services import message_send
from privacy.holds import exclude_held, is_held
from privacy.models import AuditEvent, LegalHold

pytestmark = pytest.mark.django_db


def hold(obj: Any, by: User) -> LegalHold:
    return LegalHold.objects.create(
        model_label=obj._meta.label_lower, object_id=str(obj.pk), reason="Claim", placed_by=by
    )


def send_to(email: str) -> Message:
    return message_send(template="sign_in_code", to_email=email, personalisation={"code": "1"})


def test_a_held_record_is_left_out_and_others_are_not(personas: dict[str, User]) -> None:
    kept, other = send_to("a@example.org"), send_to("b@example.org")
    hold(kept, personas["dpo"])
    assert is_held(kept) and not is_held(other)
    assert set(exclude_held(Message.objects.all())) == {other}


def test_a_released_hold_holds_nothing(personas: dict[str, User]) -> None:
    message = send_to("a@example.org")
    legal_hold = hold(message, personas["dpo"])
    legal_hold.released_at = timezone.now()
    legal_hold.released_by = personas["dpo"]
    legal_hold.save()
    assert not is_held(message)
    assert list(exclude_held(Message.objects.all())) == [message]


def test_a_hold_on_an_account_holds_what_points_at_it_and_its_messages(
    personas: dict[str, User],
) -> None:
    member = personas["member"]
    to_member, to_other = send_to(member.email), send_to("someone@example.org")
    hold(member, personas["dpo"])
    assert is_held(member)
    assert is_held(RoleAssignment.objects.get(user=member))
    assert not is_held(RoleAssignment.objects.get(user=personas["officer"]))
    assert set(exclude_held(Message.objects.all())) == {to_other}
    assert is_held(to_member)


def test_audit_events_by_a_held_account_are_kept_from_retention(
    personas: dict[str, User],
) -> None:
    from privacy.audit import audit_record
    from privacy.models import AuditAction

    by_member = audit_record(actor=personas["member"], action=AuditAction.SIGN_IN)
    by_officer = audit_record(actor=personas["officer"], action=AuditAction.SIGN_IN)
    hold(personas["member"], personas["dpo"])
    remaining = set(exclude_held(AuditEvent.objects.filter(pk__in=[by_member.pk, by_officer.pk])))
    assert remaining == {by_officer}
