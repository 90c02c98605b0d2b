"""The feedback invitation the desk may send after a call (docs/desk.md), through feedback's
own invitations: never to someone who said no to them or about a sensitive kind of crime, and
only by a channel their safe contact allows and has no hold on. Every refusal is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import require
from desk.access import may_work_desk
from desk.audit_events import INVITATION_REFUSED
from desk.models import Victim
from lib.rules import RuleBroken
from privacy.audit import audit_record

# Feedback channels and the safe-contact channel each one uses.
INVITATION_CHANNELS = {"sms": "text", "email": "email"}


def _refuse(actor: Any, victim: Victim, error: RuleBroken) -> RuleBroken:
    """Audit the refusal in its own transaction (it outlives the refusal) and return it."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=INVITATION_REFUSED,
            obj=victim,
            fields=["refusal"],
            note=f"refusal={error.code or 'refused'}",
        )
    return error


def invitation_refusal(victim: Victim) -> RuleBroken | None:
    """Why no invitation may be sent to this victim at all, or None."""
    if victim.feedback_opt_out:
        return RuleBroken(_("The victim said no to feedback invitations"), code="feedback_opt_out")
    crime_type = victim.case.offence_category.feedback_crime_type
    if crime_type is None or crime_type.sensitive:
        return RuleBroken(
            _("Feedback invitations are never sent for this kind of crime"),
            code="sensitive_crime_type",
        )
    return None


def invitation_channels(victim: Victim) -> list[str]:
    """The feedback channels ("sms", "email") the victim's safe contact allows and has a means
    for, with no hold on them."""
    contact = getattr(victim, "safe_contact", None)
    if contact is None:
        return []
    held = set(contact.open_holds().values_list("channel", flat=True))
    return [
        channel
        for channel, safe in INVITATION_CHANNELS.items()
        if contact.may(safe) and contact.has_means(safe) and safe not in held
    ]


def invitation_after_call(*, actor: Any, victim: Victim, channel: str) -> Any:
    """Send a feedback invitation to the victim by `channel` ("sms" or "email"), through
    feedback's own service. Every refusal is audited (INVITATION_REFUSED, with its code) and
    raised as RuleBroken."""
    from feedback.models import Language
    from feedback.services.invitations import invitation_create

    require(may_work_desk(actor))
    refusal = invitation_refusal(victim)
    if refusal is not None:
        raise _refuse(actor, victim, refusal)
    if channel not in invitation_channels(victim):
        raise _refuse(
            actor,
            victim,
            RuleBroken(
                _("Their safe contact details do not allow this channel"),
                field="channel",
                code="channel_ruled_out",
            ),
        )
    contact = victim.safe_contact
    case = victim.case
    language = Language.objects.filter(code=victim.language, active=True).first()
    try:
        return invitation_create(
            actor=actor,
            channel=channel,
            contact=contact.phone_to_use() if channel == "sms" else contact.email_to_use(),
            team=case.team,
            crime_type=case.offence_category.feedback_crime_type,
            language=language,
            may_contact=True,
        )
    except RuleBroken as refused:
        raise _refuse(actor, victim, refused) from None
