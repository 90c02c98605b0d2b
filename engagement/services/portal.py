"""A participant's own changes in the portal: what they gave, deleting their optional
answers, pausing, coming back and leaving. Each works only on the actor's own place on the
register (engagement.access.participant_of) and writes its audit event in the same
transaction, naming fields only."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require
from accounts.models import User
from accounts.roles import Role
from engagement import audit_events as events
from engagement.access import participant_of
from engagement.models import JoinedBy, Participant, ParticipantStatus
from engagement.reference import OPTIONAL_FIELDS
from engagement.services.participants import CHANGEABLE_FIELDS, check_contact, empty_answer
from lib.rules import RuleBroken
from lib.text import text_clean
from privacy.audit import audit_record
from safecontact.models import SafeContact
from safecontact.services import safe_contact_apply


def _own_locked(actor: User, participant: Participant) -> Participant:
    """Their own place on the register, locked; PermissionDenied for anyone else's."""
    own = participant_of(actor)
    require(own is not None and own.pk == participant.pk)
    return Participant.objects.select_for_update().get(pk=participant.pk)


def _refresh(participant: Participant, locked: Participant, names: list[str]) -> None:
    for name in names:
        setattr(participant, name, getattr(locked, name))


def participant_update(
    *,
    actor: User,
    participant: Participant,
    fields: dict[str, Any] | None = None,
    safe: dict[str, Any] | None = None,
) -> list[str]:
    """Change what they gave: their name, contact details and optional answers (`fields`,
    Participant fields) and their safe contact (`safe`). The names of what changed (safe
    contact fields as "safe_contact.<name>"). Taking away an email address or phone number
    also takes away the ways that needed it."""
    fields = dict(fields or {})
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise RuleBroken(f"Not a participant's own answers: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = _own_locked(actor, participant)
        if locked.status == ParticipantStatus.LEFT:
            raise RuleBroken(_("You have left the register."), code="left")
        if "full_name" in fields:
            fields["full_name"] = text_clean(fields["full_name"])
        for name in ("email", "phone"):
            if name in fields:
                fields[name] = (fields[name] or "").strip()
        check_contact(
            fields.get("full_name", locked.full_name),
            fields.get("email", locked.email),
            fields.get("phone", locked.phone),
        )
        changed = [name for name, value in fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, fields[name])
        safe = dict(safe or {})
        if "email" in changed and not locked.email:
            safe["may_email"] = False
        if "phone" in changed and not locked.phone:
            safe.update(may_text=False, may_phone=False, may_voicemail=False)
        if changed:
            locked.last_active_at = timezone.now()
            locked.save(update_fields=[*changed, "last_active_at"])
            audit_record(actor=actor, action=events.PARTICIPANT_CHANGED, obj=locked, fields=changed)
        safe_changed: list[str] = []
        if safe:
            contact = SafeContact.objects.select_for_update().filter(participant=locked).first()
            contact = contact or SafeContact(participant=locked)
            safe_changed = safe_contact_apply(contact, actor=actor, fields=safe)
            if safe_changed and not changed:
                locked.last_active_at = timezone.now()
                locked.save(update_fields=["last_active_at"])
    _refresh(participant, locked, [*changed, "last_active_at"])
    return [*changed, *(f"safe_contact.{name}" for name in safe_changed)]


@transaction.atomic
def participant_erase_answers(*, actor: User, participant: Participant) -> list[str]:
    """Delete every optional answer they gave (their name, contact details and safe contact
    stay: the register needs them to ask). The names of the answers deleted."""
    locked = _own_locked(actor, participant)
    erased = [name for name in OPTIONAL_FIELDS if getattr(locked, name)]
    for name in erased:
        setattr(locked, name, empty_answer(name))
    if erased:
        locked.last_active_at = timezone.now()
        locked.save(update_fields=[*erased, "last_active_at"])
        audit_record(
            actor=actor, action=events.PARTICIPANT_ANSWERS_ERASED, obj=locked, fields=erased
        )
    _refresh(participant, locked, [*erased, "last_active_at"])
    return erased


@transaction.atomic
def participant_pause(*, actor: User, participant: Participant) -> Participant:
    """Stop being asked for now: a paused participant is invited to nothing."""
    locked = _own_locked(actor, participant)
    if locked.status != ParticipantStatus.ACTIVE:
        raise RuleBroken(_("Your place on the register is already paused."), code="not_active")
    locked.status = ParticipantStatus.PAUSED
    locked.paused_at = locked.last_active_at = timezone.now()
    locked.save(update_fields=["status", "paused_at", "last_active_at"])
    audit_record(
        actor=actor, action=events.PARTICIPANT_PAUSED, obj=locked, fields=["status", "paused_at"]
    )
    _refresh(participant, locked, ["status", "paused_at", "last_active_at"])
    return participant


@transaction.atomic
def participant_resume(*, actor: User, participant: Participant) -> Participant:
    """Be asked again after a pause."""
    locked = _own_locked(actor, participant)
    if locked.status != ParticipantStatus.PAUSED:
        raise RuleBroken(_("Your place on the register is not paused."), code="not_paused")
    locked.status = ParticipantStatus.ACTIVE
    locked.paused_at = None
    locked.last_active_at = timezone.now()
    locked.save(update_fields=["status", "paused_at", "last_active_at"])
    audit_record(
        actor=actor, action=events.PARTICIPANT_RESUMED, obj=locked, fields=["status", "paused_at"]
    )
    _refresh(participant, locked, ["status", "paused_at", "last_active_at"])
    return participant


@transaction.atomic
def participant_leave(*, actor: User, participant: Participant) -> Participant:
    """Leave the register: never asked again, their places given up (a booked place goes to
    the next on the waiting list), and their data deleted after the retention time
    (engagement's retention rules), with an account made for the register alone. A forum
    member's place is let go of their account, so that they can join again one day."""
    locked = _own_locked(actor, participant)
    if locked.status == ParticipantStatus.LEFT:
        raise RuleBroken(_("You have already left the register."), code="left")
    from engagement.services.invitations import invitations_withdraw_all

    invitations_withdraw_all(participant=locked)
    locked.status = ParticipantStatus.LEFT
    locked.left_at = timezone.now()
    changed = ["status", "left_at"]
    if not register_only_account(locked):
        # A forum member keeps their account: the place is let go of it.
        locked.user = None
        changed.append("user")
    locked.save(update_fields=changed)
    audit_record(actor=actor, action=events.PARTICIPANT_LEFT, obj=locked, fields=changed)
    _refresh(participant, locked, changed)
    return participant


def register_only_account(participant: Participant) -> bool:
    """Whether their account was made for the register alone (they signed up on the website,
    hold no role but member and have no place in a forum): it goes when their data does."""
    from portal.selectors import memberships

    user = participant.user
    return bool(
        user is not None
        and participant.joined_by == JoinedBy.PUBLIC
        and user.active_roles() <= {Role.MEMBER}
        and not memberships(user=user)
    )
