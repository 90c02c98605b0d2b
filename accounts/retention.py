"""Retention of accounts, sessions and sign-in data (see privacy/retention.py)."""

from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat

from accounts.roles import STAFF_ROLES
from privacy.retention import PUBLIC_TASK, RetentionRule, register

ANONYMISED_EMAIL_DOMAIN = "anonymised.invalid"
ANONYMISED_NAME = "Former member of staff"


def _deactivated_staff() -> Q:
    from accounts.models import RoleAssignment

    held_a_staff_role = Exists(
        RoleAssignment.objects.filter(user=OuterRef("pk"), role__in=list(STAFF_ROLES))
    )
    return (
        Q(is_active=False, deactivated_at__isnull=False)
        & ~Q(email__endswith="@" + ANONYMISED_EMAIL_DOMAIN)
        & Q(held_a_staff_role)
    )


def person_anonymise_batch(queryset: models.QuerySet[Any]) -> int:
    """Anonymise one batch of deactivated accounts (called inside the batch's transaction).

    The account row stays, so the audit log and role history still point at "a former
    member of staff"; the name, email address and password go, and so do the person's
    second factors, email address records and session records.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    Authenticator.objects.filter(user_id__in=ids).delete()
    EmailAddress.objects.filter(user_id__in=ids).delete()
    UserSession.objects.filter(user_id__in=ids).delete()
    return queryset.model._base_manager.filter(pk__in=ids).update(
        email=Concat(
            Value("anonymised-"),
            Cast("pk", output_field=CharField()),
            Value("@" + ANONYMISED_EMAIL_DOMAIN),
        ),
        full_name=ANONYMISED_NAME,
        password=make_password(None),
    )


register(
    RetentionRule(
        key="accounts.deactivated_staff",
        model="accounts.User",
        category="Accounts of staff who have left",
        holds=(
            "A deactivated staff account: the person's name, work email address, "
            "organisation, roles and second factors."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Programme admins; the data protection officer sees names in the audit log.",
        clock="deactivated_at",
        clock_text="when the account was deactivated",
        period="AUDIT_RETENTION_DAYS",
        action="anonymise",
        anonymiser=person_anonymise_batch,
        filter=_deactivated_staff,
        reason=(
            "As long as the audit log, so the log can say who did what for as long as it "
            "is kept. Then the name and email address are removed; the account number "
            "stays so the remaining records still add up."
        ),
    )
)

register(
    RetentionRule(
        key="accounts.sessions",
        model="sessions.Session",
        category="Sign-in sessions",
        holds="Which account a browser is signed in as, until the session expires.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="Nobody: only the service reads them.",
        clock="expire_date",
        clock_text="when the session expires",
        period=timedelta(0),
        reason="An expired session is of no use to anyone. Also cleared every hour.",
        respects_legal_holds=False,
    )
)

register(
    RetentionRule(
        key="accounts.user_sessions",
        model="usersessions.UserSession",
        category="Devices signed in",
        holds=(
            "For each sign-in: the IP address, the browser and device, and when it was "
            "last used. People see their own on the 'Devices signed in' page."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The person themselves.",
        clock="last_seen_at",
        clock_text="when the session was last used",
        period=timedelta(days=30),
        reason="A month lets someone spot a sign-in that was not them; then it goes.",
    )
)

register(
    RetentionRule(
        key="accounts.admin_log",
        model="admin.LogEntry",
        category="Changes made in the technical admin",
        holds=(
            "Changes made through Django's admin (superusers only): who, when, which "
            "record, and the record's name as shown then."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Superusers, in the technical admin.",
        clock="action_time",
        clock_text="when the change was made",
        period="AUDIT_RETENTION_DAYS",
        reason="An audit record like the audit log, so kept as long.",
    )
)
