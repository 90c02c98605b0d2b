"""Writes for safe contact: changing what is safe, putting a channel on hold after an unsafe
contact, and a desk supervisor's review of the hold. Each writes its audit event in the same
transaction (safecontact/audit_events.py), naming fields only."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import require, require_role
from accounts.models import User
from accounts.roles import Role
from lib.rules import RuleBroken
from privacy.audit import audit_record
from safecontact.access import may_change_safe_contact
from safecontact.audit_events import (
    CHANNEL_HOLD_CREATED,
    CHANNEL_HOLD_REVIEWED,
    CONTACT_FIELDS,
    SAFE_CONTACT_CHANGED,
)
from safecontact.models import (
    CHANNEL_PERMISSION,
    Channel,
    ChannelHold,
    HoldDecision,
    HoldReason,
    SafeContact,
    dump_windows,
    parse_windows,
)

BOOLEAN_FIELDS = ("may_email", "may_text", "may_phone", "may_voicemail", "may_letter")


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields tidied: booleans as booleans, text stripped, safe times checked and stored
    in one form. RuleBroken for a field that is not a safe contact's or bad safe times."""
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise RuleBroken(f"Not safe contact fields: {', '.join(sorted(unknown))}.")
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name in BOOLEAN_FIELDS:
            cleaned[name] = bool(value)
        elif name == "safe_times":
            try:
                cleaned[name] = dump_windows(parse_windows(value))
            except (ValueError, TypeError):
                raise RuleBroken(
                    _("Give each safe time as days and a time from and to, like 10:00."),
                    field="safe_times",
                ) from None
        else:
            cleaned[name] = (value or "").strip()
    return cleaned


def safe_contact_apply(
    contact: SafeContact, *, actor: User | None, fields: dict[str, Any]
) -> list[str]:
    """Set `fields` on `contact` and save it with its audit event, inside the caller's
    transaction; the names of the fields that changed. No access check: for the services of
    the owner's app (the applicant's own answers when they apply)."""
    cleaned = _clean(fields)
    changed = [name for name, value in cleaned.items() if getattr(contact, name) != value]
    creating = contact.pk is None
    if not changed and not creating:
        return []
    for name in changed:
        setattr(contact, name, cleaned[name])
    contact.updated_at = timezone.now()
    if actor is not None and getattr(actor, "is_authenticated", False):
        contact.updated_by = actor
    contact.save()
    if changed:
        audit_record(actor=actor, action=SAFE_CONTACT_CHANGED, obj=contact, fields=changed)
    return changed


def safe_contact_create_for_application(*, application: Any, **fields: Any) -> SafeContact:
    """The safe contact an applicant gives with their application, made in the same
    transaction as the application (recruitment's application_submit). Not audited, as the
    application's own arrival is not: it is the person's own answer, and no one else's
    change to their record."""
    return SafeContact.objects.create(application=application, **_clean(fields))


def safe_contact_for_application(application: Any) -> SafeContact:
    """The application's safe contact; an empty one (nothing safe) is made when it has none."""
    contact, _created = SafeContact.objects.get_or_create(application=application)
    return contact


def safe_contact_update(*, actor: User, contact: SafeContact, **fields: Any) -> list[str]:
    """Change how a person may be contacted safely; the names of the fields that changed."""
    require(may_change_safe_contact(actor, contact))
    with transaction.atomic():
        locked = SafeContact.objects.select_for_update().get(pk=contact.pk)
        changed = safe_contact_apply(locked, actor=actor, fields=fields)
    for name in changed:
        setattr(contact, name, getattr(locked, name))
    contact.updated_at, contact.updated_by_id = locked.updated_at, locked.updated_by_id
    return changed


def channel_hold_create(
    *, actor: User, contact: SafeContact, channel: str, reason: str
) -> ChannelHold:
    """Put `channel` on hold: check_attempt refuses it until a supervisor reviews it. A
    channel already on hold keeps its open hold (returned)."""
    require(may_change_safe_contact(actor, contact))
    channel = Channel(channel)
    reason = HoldReason(reason)
    with transaction.atomic():
        SafeContact.objects.select_for_update().get(pk=contact.pk)
        existing = ChannelHold.objects.filter(
            safe_contact=contact, channel=channel, decision=""
        ).first()
        if existing is not None:
            return existing
        hold = ChannelHold.objects.create(
            safe_contact=contact, channel=channel, reason=reason, created_by=actor
        )
        audit_record(
            actor=actor, action=CHANNEL_HOLD_CREATED, obj=hold, fields=["channel", "reason"]
        )
    return hold


def channel_hold_review(*, actor: User, hold: ChannelHold, decision: str, note: str) -> ChannelHold:
    """A desk supervisor's decision on a channel on hold: safe to use again, or keep it
    ruled out (the safe contact then says the channel is not safe)."""
    require_role(actor, Role.DESK_SUPERVISOR)
    decision = HoldDecision(decision)
    with transaction.atomic():
        locked = ChannelHold.objects.select_for_update().get(pk=hold.pk)
        if locked.decision:
            raise RuleBroken(_("This hold has already been reviewed."), code="hold_reviewed")
        note = (note or "").strip()
        if not note:
            raise RuleBroken(_("Say why."), field="note")
        locked.decision = decision
        locked.review_note = note
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["decision", "review_note", "reviewed_by", "reviewed_at"])
        fields = ["decision", "review_note"]
        permission = CHANNEL_PERMISSION.get(Channel(locked.channel))
        if decision == HoldDecision.KEEP_RULED_OUT and permission:
            contact = SafeContact.objects.select_for_update().get(pk=locked.safe_contact_id)
            if getattr(contact, permission):
                setattr(contact, permission, False)
                contact.updated_at, contact.updated_by = timezone.now(), actor
                contact.save(update_fields=[permission, "updated_at", "updated_by"])
                fields.append(permission)
        audit_record(actor=actor, action=CHANNEL_HOLD_REVIEWED, obj=locked, fields=fields)
    for name in ("decision", "review_note", "reviewed_by", "reviewed_at"):
        setattr(hold, name, getattr(locked, name))
    return hold
