"""Reads for the vetting panel's list: the applications at the panel, with how many seats
have given a view and whether the member has given theirs."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from recruitment.models import Application, PanelView


@dataclass(frozen=True)
class PanelRow:
    application: Application
    days_at_panel: int
    seats_filled: int
    my_view_recorded: bool


def panel_rows(*, member: User, applications: QuerySet[Application]) -> list[PanelRow]:
    today = timezone.localdate()
    apps = list(
        applications.only("pk", "reference", "stage_changed_at").order_by("stage_changed_at", "pk")
    )
    views = PanelView.objects.filter(application__in=[a.pk for a in apps]).values_list(
        "application_id", "member_id", "conflict_of_interest"
    )
    filled: dict[int, int] = {}
    mine: set[int] = set()
    for application_id, member_id, conflict in views:
        if not conflict:
            filled[application_id] = filled.get(application_id, 0) + 1
        if member_id == member.pk:
            mine.add(application_id)
    return [
        PanelRow(
            application=a,
            days_at_panel=(today - timezone.localtime(a.stage_changed_at).date()).days,
            seats_filled=filled.get(a.pk, 0),
            my_view_recorded=a.pk in mine,
        )
        for a in apps
    ]
