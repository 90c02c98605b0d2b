"""Reads for post-contact feedback: resolving a code, the website's start, an officer's team
and feedback code (for invitations). Routed comments are read by the desk's queue
(desk/selectors/queue.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from feedback.models import (
    Borough,
    FeedbackCode,
    OfficerPosting,
    Team,
)


def code_active(code: str) -> FeedbackCode | None:
    """The active code (and its team, borough and officer), or None. Inactive teams'
    codes do not work either."""
    if not code or len(code) > 64:
        return None
    return (
        FeedbackCode.objects.select_related("team__borough")
        .filter(code=code, active=True, team__active=True)
        .first()
    )


def code_by_id(code_id: int | None) -> FeedbackCode | None:
    if code_id is None:
        return None
    return FeedbackCode.objects.select_related("team__borough").filter(pk=code_id).first()


def boroughs() -> QuerySet[Borough]:
    return Borough.objects.order_by("name")


def borough_teams(borough: Borough) -> list[Team]:
    """The borough's active teams a person can choose, its general team left out."""
    return list(
        Team.objects.filter(borough=borough, active=True)
        .exclude(slug=f"{borough.slug}-borough")
        .order_by("name")
    )


def officer_team(officer: Any) -> Team | None:
    """The team an officer is posted to, if any."""
    posting = OfficerPosting.objects.filter(officer=officer).select_related("team").first()
    return posting.team if posting else None


def officer_for_code(code: str) -> tuple[Any, Team] | None:
    """The officer (and their team) behind an officer's feedback code, or None."""
    found = (
        FeedbackCode.objects.filter(code=code, active=True, officer__isnull=False)
        .select_related("officer", "team")
        .first()
    )
    return (found.officer, found.team) if found else None
