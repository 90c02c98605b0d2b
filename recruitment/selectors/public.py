"""Reads for the public side of recruitment: the cohorts open for applications, the
application a link to withdraw belongs to, and the equality monitoring counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db.models import QuerySet

from recruitment.models import EQUALITY_FIELDS, Application, Cohort
from recruitment.reference.equality import PREFER_NOT_TO_SAY, ethnic_group_of
from recruitment.services import withdraw_token_hash


def cohorts_open() -> QuerySet[Cohort]:
    """The cohorts applicants may choose, in the order programme admins set."""
    return Cohort.objects.filter(active=True).order_by("position", "name")


def application_for_withdraw_token(token: str) -> Application | None:
    """The application whose link to withdraw carries `token` (None for a token that is not
    ours, or whose application was withdrawn already)."""
    digest = withdraw_token_hash(token)
    if not digest:
        return None
    return Application.objects.filter(withdraw_token_hash=digest).first()


def equality_counts(*, applications: Iterable[Application]) -> dict[str, Counter[str]]:
    """How many applications gave each equality monitoring answer, per question.

    The answers are encrypted, so the database cannot group them: this decrypts them in
    Python, one cohort's applications at a time (tens of rows). Every ethnic group answer
    is also counted under its high-level group as "group:<code>" (a background, or a group
    whose background the person preferred not to give). Unanswered questions
    count as "" and "Prefer not to say" as "prefer_not_to_say". The caller suppresses
    small numbers before showing them (lib/suppression/).
    """
    counts: dict[str, Counter[str]] = {name: Counter() for name in EQUALITY_FIELDS}
    for application in applications:
        for name, code in application.equality_answers().items():
            counts[name][code] += 1
            if name == "ethnic_group" and code and code != PREFER_NOT_TO_SAY:
                counts[name][f"group:{ethnic_group_of(code)}"] += 1
    return counts
