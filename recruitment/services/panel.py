"""Writes for the 3-way vetting panel: each member's own view (or conflict of interest),
and the decision once all three seats have given one (which deletes the police check and
the panel's views: recruitment.services.vetting)."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from accounts.models import User
from lib.rules import RuleBroken
from privacy.audit import audit_record
from recruitment import audit_events as events
from recruitment import rules
from recruitment.models import Application, PanelView, PanelVote
from recruitment.services.common import application_locked
from recruitment.services.vetting import vetting_complete


@transaction.atomic
def panel_view_record(
    *,
    member: User,
    seat: str,
    application: Application,
    conflict_of_interest: bool,
    conflict_detail: str = "",
    vote: str = "",
    reasons: str = "",
) -> PanelView:
    """One member's own view (accept or do not accept) or their conflict of interest.
    A member with a conflict gives no view; their seat waits for another holder."""
    application = application_locked(application)
    rules.check_panel_view(member=member, seat=seat, application=application)
    if conflict_of_interest:
        vote, reasons = "", ""
    elif vote not in PanelVote.values:
        raise RuleBroken("Choose accept or do not accept.")
    view = PanelView.objects.create(
        application=application,
        seat=seat,
        member=member,
        conflict_of_interest=conflict_of_interest,
        conflict_detail=conflict_detail.strip() if conflict_of_interest else "",
        vote=vote,
        reasons=reasons.strip(),
    )
    audit_record(
        actor=member,
        action=events.PANEL_VIEW_RECORDED,
        obj=application,
        fields=["panel_view.conflict_of_interest" if conflict_of_interest else "panel_view.vote"],
        note=f"panel: {seat} seat",
    )
    return view


def panel_majority(application: Application) -> str:
    """The panel's decision: the view of at least two of the three seats."""
    votes = Counter(
        PanelView.objects.filter(application=application, conflict_of_interest=False).values_list(
            "vote", flat=True
        )
    )
    return PanelVote.ACCEPT if votes[PanelVote.ACCEPT] >= 2 else PanelVote.REFUSE


@transaction.atomic
def panel_decision_record(*, member: User, application: Application) -> str:
    """Record the panel's decision once all three seats have given a view: the majority
    view. In the same transaction the PNC check and every panel view are deleted, a
    receipt is written, and the applicant is told."""
    application = application_locked(application)
    rules.check_panel_decision(member=member, application=application)
    decision = panel_majority(application)
    vetting_complete(application, actor=member, accepted=decision == PanelVote.ACCEPT)
    return decision
