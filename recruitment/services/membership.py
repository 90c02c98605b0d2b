"""Writes after the decision: making an accepted applicant a member (a member account, a
Membership with its tenure, a welcome message) and changing when their tenure ends."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from lib.rules import RuleBroken
from privacy.audit import audit_record
from recruitment import audit_events as events
from recruitment import rules
from recruitment.models import Application, Membership, Stage
from recruitment.services.common import (
    applicant_date,
    applicant_tell,
    application_locked,
    application_move,
)

TENURE_YEARS = 2


def _member_account(application: Application, actor: User) -> User | None:
    from accounts.services import role_assign

    if not application.email:
        return None
    email = application.email.strip().lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=application.full_name)
    if not user.has_role(Role.MEMBER):
        role_assign(actor=actor, user=user, role=Role.MEMBER)
    return user


@transaction.atomic
def application_onboard(
    *, actor: User, application: Application, tenure_ends_on: date | None = None
) -> Membership:
    """Make an accepted applicant a member: a member account (when they gave an email
    address), a Membership with its tenure, and a welcome message."""
    application = application_locked(application)
    rules.check_onboard(actor=actor, application=application)
    today = timezone.localdate()
    if tenure_ends_on is None:
        tenure_ends_on = (
            today.replace(year=today.year + TENURE_YEARS)
            if not (today.month == 2 and today.day == 29)
            else today + timedelta(days=365 * TENURE_YEARS)
        )
    if tenure_ends_on <= today:
        raise RuleBroken("The tenure must end in the future.")
    user = _member_account(application, actor)
    if user is not None:
        application.user = user
        application.save(update_fields=["user"])
    membership = Membership.objects.create(
        application=application, started_on=today, tenure_ends_on=tenure_ends_on, created_by=actor
    )
    application_move(
        application,
        actor=actor,
        event=events.MEMBER_ONBOARDED,
        stage=Stage.ONBOARDED,
        note="stage: onboarded",
        fields=("user", "membership.tenure_ends_on"),
    )
    applicant_tell(
        application=application,
        template="membership_welcome",
        personalisation={"date": applicant_date(application, tenure_ends_on)},
    )
    return membership


@transaction.atomic
def membership_tenure_set(*, actor: User, membership: Membership, tenure_ends_on: date) -> None:
    """Change when a member's tenure ends (their data is kept six months after it)."""
    rules.check_may_manage_applications(actor)
    membership.tenure_ends_on = tenure_ends_on
    membership.save(update_fields=["tenure_ends_on"])
    audit_record(
        actor=actor,
        action=events.TENURE_CHANGED,
        obj=membership.application,
        fields=["membership.tenure_ends_on"],
        note="tenure changed",
    )
