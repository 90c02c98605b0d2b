"""The retention registry: every category of data, how long it is kept, and why.

Each app declares its categories in its own `retention.py`, next to its models, with
`register(RetentionRule(...))`; PrivacyConfig.ready() imports every app's `retention`
module. The nightly purge (privacy/purge.py), the data protection officer's retention
schedule page and docs/data-protection.md are all built from this one registry, so they
cannot drift apart. How to add a rule: docs/retention.md.

Models that hold personal data but need no rule of their own (they go with another
record, or hold nothing personal despite a field's name) are listed in
NO_RETENTION_NEEDED with the reason; tests/privacy/test_retention.py fails for a model
with personal fields that is in neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import F, Q

# Lawful bases, worded once (UK GDPR and the Data Protection Act 2018).
PUBLIC_TASK = "UK GDPR Article 6(1)(e): a task in the public interest"
SPECIAL_CATEGORY = (
    "UK GDPR Article 6(1)(e) and Article 9(2)(g): substantial public interest, "
    "with DPA 2018 Schedule 1"
)
CRIMINAL_OFFENCE = (
    "UK GDPR Article 6(1)(e) and Article 10, with DPA 2018 Schedule 1 (criminal-offence data)"
)

Action = Literal["delete", "anonymise"]
# A clock is a field name ("created_at") or a callable returning a query expression
# (for instance Max("role_assignments__ended_at")) giving the moment the period runs from.
Clock = str | Callable[[], Any]
# A period is a timedelta, or the name of a setting holding a number of days.
Period = timedelta | str
# A batch function takes a queryset of one batch of expired rows and returns how many it
# deleted or anonymised. It runs inside the batch's own short transaction.
BatchFunction = Callable[[models.QuerySet[Any]], int]


@dataclass(frozen=True)
class RetentionRule:
    key: str  # stable, dotted: "notify.messages"
    model: str  # the model's label: "notify.Message"
    category: str  # a short name for the category of data
    holds: str  # what it holds, in plain English
    lawful_basis: str
    who_may_see: str
    clock: Clock
    clock_text: str  # the clock in plain English: "when the message was created"
    period: Period
    action: Action = "delete"
    # Anonymise rules: the service function that anonymises one batch.
    anonymiser: BatchFunction | None = None
    # Delete rules for tables that need a special path (the append-only audit log).
    deleter: BatchFunction | None = None
    # Only rows matching this (a Q, or a callable returning one) are in the category.
    # An anonymise rule's filter must leave out rows already anonymised, so that a
    # re-run finds nothing.
    filter: Q | Callable[[], Q] | None = None
    # Why this period: shown on the schedule and in docs/data-protection.md.
    reason: str = ""
    # Rows under a legal hold are left alone (privacy.holds.exclude_held) unless False.
    respects_legal_holds: bool = True
    app_label: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.action not in ("delete", "anonymise"):
            raise ValueError(f"{self.key}: action must be 'delete' or 'anonymise'.")
        if self.action == "anonymise" and self.anonymiser is None:
            raise ValueError(f"{self.key}: an anonymise rule needs an anonymiser.")
        if self.action == "delete" and self.anonymiser is not None:
            raise ValueError(f"{self.key}: a delete rule takes no anonymiser.")

    # Reading the rule ------------------------------------------------------------------

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def period_days(self) -> int | None:
        """The period in whole days when it is a setting, else None."""
        if isinstance(self.period, str):
            return int(getattr(settings, self.period))
        return None

    def period_timedelta(self) -> timedelta:
        days = self.period_days()
        if days is not None:
            return timedelta(days=days)
        assert isinstance(self.period, timedelta)
        return self.period

    def period_text(self) -> str:
        """The period in words: "7 days", "1 year", "6 years (2,190 days)"."""
        delta = self.period_timedelta()
        text = describe_period(delta)
        if isinstance(self.period, str):
            if text.endswith(")"):
                text = text[:-1] + f"; setting {self.period})"
            else:
                text += f" (setting {self.period})"
        return text

    def clock_expression(self) -> Any:
        return F(self.clock) if isinstance(self.clock, str) else self.clock()

    def filter_q(self) -> Q | None:
        if self.filter is None:
            return None
        return self.filter() if callable(self.filter) else self.filter

    def action_text(self) -> str:
        return "Deleted" if self.action == "delete" else "Anonymised"


def describe_period(delta: timedelta) -> str:
    days = delta.days
    seconds = delta.seconds
    if days == 0 and seconds == 0:
        return "At once (when it expires)"
    if days == 0:
        hours = seconds // 3600
        return f"{hours} hour" + ("s" if hours != 1 else "")
    if days % 365 == 0:
        years = days // 365
        unit = "year" if years == 1 else "years"
        return f"{years} {unit}" + (f" ({days:,} days)" if years > 1 else "")
    months = round(days / 30.4375)
    if days >= 90 and abs(days - months * 30.4375) <= 1.5:
        return f"{months} months ({days} days)"
    return f"{days} day" + ("s" if days != 1 else "")


class RetentionRegistry:
    def __init__(self) -> None:
        self._rules: dict[str, RetentionRule] = {}

    def register(self, rule: RetentionRule) -> RetentionRule:
        if rule.key in self._rules:
            raise ValueError(f"A retention rule called {rule.key!r} is already registered.")
        self._rules[rule.key] = rule
        return rule

    def unregister(self, key: str) -> None:
        self._rules.pop(key, None)

    def rules(self) -> list[RetentionRule]:
        """Every rule, in key order (the order of the schedule and of the purge)."""
        return [self._rules[key] for key in sorted(self._rules)]

    def get(self, key: str) -> RetentionRule:
        try:
            return self._rules[key]
        except KeyError:
            known = ", ".join(sorted(self._rules))
            raise KeyError(f"No retention rule called {key!r}. Rules: {known}.") from None

    def rule_keys(self) -> list[str]:
        return sorted(self._rules)

    def models(self) -> set[str]:
        return {apps.get_model(rule.model)._meta.label for rule in self._rules.values()}


registry = RetentionRegistry()


def register(rule: RetentionRule) -> RetentionRule:
    """Add a rule to the registry (call from your app's retention.py)."""
    return registry.register(rule)


# Models with personal fields (by tests/privacy/test_retention.py's test) that need no
# rule of their own, with the reason. Apps add theirs with no_retention_needed().
NO_RETENTION_NEEDED: dict[str, str] = {
    "accounts.Organisation": ("Names organisations (police forces, partner agencies), not people."),
    "accounts.RoleAssignment": (
        "Which roles an account holds, kept as long as the account; once a deactivated "
        "account is anonymised (rule accounts.deactivated_staff) it names nobody."
    ),
    "forums.Forum": "Names a forum, not a person.",
    "auth.Group": "Names a group of permissions, not a person.",
    "auth.Permission": "Names a permission, not a person.",
    "mfa.Authenticator": (
        "A person's second factor, kept as long as their account and deleted when a "
        "deactivated account is anonymised (rule accounts.deactivated_staff)."
    ),
    "account.EmailAddress": (
        "A person's sign-in email address, kept as long as their account and deleted when "
        "a deactivated account is anonymised (rule accounts.deactivated_staff)."
    ),
    "account.EmailConfirmation": (
        "Unused: Victim Voice never confirms email addresses by link "
        "(ACCOUNT_EMAIL_VERIFICATION is 'none'), so no row is ever written."
    ),
    "encryption_app.SecretNote": "A model of the test suite only; never installed in production.",
}


def no_retention_needed(model_label: str, reason: str) -> None:
    """Declare that `model_label` holds personal fields but needs no rule, and why."""
    NO_RETENTION_NEEDED[model_label] = reason


# The privacy app's own categories, and housekeeping records of third-party apps ----------

SIGN_IN_ACTIONS = ("sign_in", "sign_in_failed", "sign_out")


def _delete_audit_batch(queryset: models.QuerySet[Any]) -> int:
    from privacy.purge import audit_delete_batch

    return audit_delete_batch(queryset)


register(
    RetentionRule(
        key="privacy.audit_log",
        model="privacy.AuditEvent",
        category="Audit log",
        holds=(
            "Who did what to which record, and when: the account that acted, the kind of "
            "action, the type and number of the record, and the names (never the values) "
            "of fields that changed. Sign-ins are a separate category."
        ),
        lawful_basis=(
            "UK GDPR Article 6(1)(e); Article 10 and DPA 2018 Schedule 1 where it records "
            "access to criminal-offence data (it holds no such data itself)"
        ),
        who_may_see="The data protection officer.",
        clock="occurred_at",
        clock_text="when the event happened",
        period="AUDIT_RETENTION_DAYS",
        filter=~Q(action__in=SIGN_IN_ACTIONS),
        deleter=_delete_audit_batch,
        reason=(
            "Six years, so that any use of a person's records, including criminal-record "
            "checks, can be investigated for as long as a claim about it could be brought "
            "(Limitation Act 1980)."
        ),
    )
)

register(
    RetentionRule(
        key="privacy.sign_in_records",
        model="privacy.AuditEvent",
        category="Sign-in records",
        holds="When each account signed in, failed to sign in or signed out.",
        lawful_basis=PUBLIC_TASK,
        who_may_see="The data protection officer.",
        clock="occurred_at",
        clock_text="when the sign-in happened",
        period="SIGN_IN_RECORD_RETENTION_DAYS",
        filter=Q(action__in=SIGN_IN_ACTIONS),
        deleter=_delete_audit_batch,
        reason=(
            "A year of sign-ins is enough to look into misuse of an account; older "
            "sign-ins say little and would only build a picture of someone's habits."
        ),
    )
)

register(
    RetentionRule(
        key="privacy.retention_receipts",
        model="privacy.RetentionReceipt",
        category="Retention receipts",
        holds=(
            "What each run of the purge did: the category, how many records, the oldest "
            "and newest dates among them and how long it took. No personal data."
        ),
        lawful_basis="Not personal data. Kept to show compliance (UK GDPR Article 5(2)).",
        who_may_see="The data protection officer.",
        clock="started_at",
        clock_text="when the purge run started",
        period=timedelta(days=6 * 365),
        reason="As long as the audit log, so each deletion can be shown to have happened.",
        respects_legal_holds=False,
    )
)

register(
    RetentionRule(
        key="privacy.task_results",
        model="django_tasks_database.DBTaskResult",
        category="Background task records",
        holds=(
            "Which background task ran, when, and its outcome. Tasks are given record "
            "numbers only, never names or contact details."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="Technical staff running the service.",
        clock="finished_at",
        clock_text="when the task finished",
        period=timedelta(days=14),
        filter=Q(status__in=("SUCCESSFUL", "FAILED")),
        reason="Two weeks is enough to look into a failed task.",
        respects_legal_holds=False,
    )
)

register(
    RetentionRule(
        key="privacy.legal_holds",
        model="privacy.LegalHold",
        category="Released legal holds",
        holds=(
            "Which record was held from deletion, why, who placed and released the hold, and when."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The data protection officer.",
        clock="released_at",
        clock_text="when the hold was released",
        period=timedelta(days=6 * 365),
        filter=Q(released_at__isnull=False),
        reason=(
            "A hold in force is never removed. Once released, it is kept as long as the "
            "audit log, to show why records outlived their period."
        ),
        respects_legal_holds=False,
    )
)

register(
    RetentionRule(
        key="privacy.subject_requests",
        model="privacy.SubjectRequest",
        category="Subject access and erasure requests",
        holds=(
            "That a request to see or erase a person's data was handled, by whom and "
            "when, and how many records of each type it covered. Not the person's data."
        ),
        lawful_basis=PUBLIC_TASK,
        who_may_see="The data protection officer.",
        clock="created_at",
        clock_text="when the request was made",
        period=timedelta(days=6 * 365),
        reason=(
            "As long as the audit log, to show each request was answered if a complaint "
            "about it is made."
        ),
    )
)
