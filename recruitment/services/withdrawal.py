"""Writes for withdrawing an application: by the programme team when the applicant asks,
or by the applicant with the link in their receipt. Any police check is deleted at once."""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from privacy.audit import audit_record
from recruitment import audit_events as events
from recruitment import rules
from recruitment.models import Application, Outcome
from recruitment.retention import WITHDRAWN_DAYS
from recruitment.services.common import applicant_tell, application_locked, application_move
from recruitment.services.vetting import PNC_DELETION_RULE, pnc_delete


def _withdraw(application: Application, *, actor: User | None, note: str) -> bool:
    """Any PNC check is deleted at once (no assessment will be made); the rest goes under
    recruitment.withdrawn_applications. The link to withdraw stops working."""
    deleted = pnc_delete(application)
    application.withdraw_token_hash = ""
    application.save(update_fields=["withdraw_token_hash"])
    application_move(
        application,
        actor=actor,
        event=events.APPLICATION_WITHDRAWN,
        outcome=Outcome.WITHDRAWN,
        decided=True,
        note=note,
        fields=("withdraw_token_hash",),
    )
    if deleted:
        audit_record(
            actor=actor,
            action=events.PNC_CHECK_DELETED,
            obj=application,
            fields=["pnc_check"],
            note=f"{PNC_DELETION_RULE}: police check deleted when the application was withdrawn",
        )
    return applicant_tell(
        application=application,
        template="application_withdrawn",
        personalisation={"reference": application.reference, "days": str(WITHDRAWN_DAYS)},
    )


@transaction.atomic
def application_withdraw(*, actor: User, application: Application) -> bool:
    """The applicant asked the programme team to withdraw. Returns whether a message went."""
    application = application_locked(application)
    rules.check_withdraw(actor=actor, application=application)
    return _withdraw(application, actor=actor, note="outcome: withdrawn (asked the team)")


@transaction.atomic
def application_withdraw_by_applicant(*, application: Application) -> bool:
    """The applicant withdrew with the link in their receipt (no actor: nobody signed in)."""
    application = application_locked(application)
    rules.check_applicant_withdraw(application=application)
    return _withdraw(application, actor=None, note="outcome: withdrawn by the applicant (link)")
