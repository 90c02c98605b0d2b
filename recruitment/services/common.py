"""What every step of an application shares: telling the applicant by their safe channel
(in their language), and moving the application on with its audit event. Each helper runs
inside the caller's transaction. See docs/vetting.md."""

from __future__ import annotations

from datetime import date

from django.utils import timezone, translation
from django.utils.formats import date_format

from accounts.models import User
from notify.services import message_send
from privacy.audit import audit_record
from privacy.audit_events import EventType
from recruitment.models import Application


def sms_number(phone: str) -> str:
    """07700 900-982 -> 07700900982 (what GOV.UK Notify takes)."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def applicant_date(application: Application, value: date) -> str:
    with translation.override(application.language or "en"):
        return date_format(value, "j F Y")


def applicant_tell(
    *, application: Application, template: str, personalisation: dict[str, str] | None = None
) -> bool:
    """Queue `template` to the applicant by their safe channel. False when no channel is
    safe for an automatic message (phone only): the page says to tell them by phone."""
    channel = application.safe_channel
    if not channel:
        return False
    message_send(
        template=template,
        to_email=application.email if channel == "email" else None,
        to_phone=sms_number(application.phone) if channel == "sms" else None,
        personalisation=personalisation
        if personalisation is not None
        else {"reference": application.reference},
        language=application.language,
    )
    return True


def application_move(
    application: Application,
    *,
    actor: User | None,
    event: EventType,
    stage: str | None = None,
    outcome: str | None = None,
    note: str,
    fields: tuple[str, ...] = (),
    decided: bool = False,
) -> None:
    now = timezone.now()
    changed = ["updated_at"]
    if stage is not None and stage != application.stage:
        application.stage = stage
        application.stage_changed_at = now
        changed += ["stage", "stage_changed_at"]
    if outcome is not None:
        application.outcome = outcome
        changed.append("outcome")
    if decided:
        application.decided_at = now
        changed.append("decided_at")
    application.save(update_fields=changed)
    audit_record(
        actor=actor,
        action=event,
        obj=application,
        fields=[*changed[1:], *fields],
        note=note,
    )


def application_locked(application: Application) -> Application:
    """The application re-read under a row lock, so two people cannot move it at once."""
    return Application.objects.select_for_update().get(pk=application.pk)
