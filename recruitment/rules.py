"""What may be done to an application in each state (docs/vetting.md).

Each check raises lib.rules.RuleBroken with a plain-English reason, and
recruitment.services calls it before changing anything; `actions_for` lists what the application's page offers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import PanelSeat, Role
from lib.rules import RuleBroken
from recruitment.access import may_manage_applications
from recruitment.models import Application, Outcome, PanelView, PncCheck, Stage

SEATS = tuple(PanelSeat.values)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise RuleBroken(message)


def check_may_manage_applications(actor: User) -> None:
    """recruitment.access.may_manage_applications, as a rule with its reason for the page."""
    _require(may_manage_applications(actor), _("Only programme admins can move applications."))


def _open_at(application: Application, stage: str) -> None:
    _require(application.is_open, _("This application is closed."))
    _require(
        application.stage == stage,
        _("This application is not at the %(stage)s stage.")
        % {"stage": Stage(stage).label.lower()},
    )


def check_screening_start(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _open_at(application, Stage.RECEIVED)


def check_onboarding_invite(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _open_at(application, Stage.SCREENING)


def check_onboarding_record(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _open_at(application, Stage.ONBOARDING)
    _require(application.pnc_check_consent_at is not None, _("The applicant has not consented."))


def pnc_check_of(application: Application) -> PncCheck | None:
    return PncCheck.objects.filter(application=application).first()


def check_pnc_request(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _open_at(application, Stage.VETTING)
    _require(pnc_check_of(application) is None, _("The check has already been requested."))


def check_pnc_result(*, actor: User, application: Application) -> PncCheck:
    check_may_manage_applications(actor)
    _open_at(application, Stage.VETTING)
    check = pnc_check_of(application)
    _require(check is not None, _("Record when the check was requested first."))
    assert check is not None
    _require(not check.result, _("The result has already been recorded."))
    return check


def check_panel_view(*, member: User, seat: str, application: Application) -> None:
    _require(member.has_role(Role.VETTING_PANEL), _("Only panel members can give a view."))
    _require(seat in SEATS, _("You do not hold a seat on the panel."))
    _open_at(application, Stage.PANEL)
    views = PanelView.objects.filter(application=application)
    _require(
        not views.filter(member=member).exists(),
        _("You have already recorded your view on this application."),
    )
    _require(
        not views.filter(seat=seat, conflict_of_interest=False).exists(),
        _("Someone else has already given the view for your seat."),
    )


def seats_filled(application: Application) -> set[str]:
    return set(
        PanelView.objects.filter(application=application, conflict_of_interest=False).values_list(
            "seat", flat=True
        )
    )


def check_panel_decision(*, member: User, application: Application) -> None:
    _require(member.has_role(Role.VETTING_PANEL), _("Only panel members can record the decision."))
    _open_at(application, Stage.PANEL)
    _require(
        not PanelView.objects.filter(
            application=application, member=member, conflict_of_interest=True
        ).exists(),
        _("You declared a conflict of interest, so another panel member records the decision."),
    )
    missing = set(SEATS) - seats_filled(application)
    _require(
        not missing,
        _("All three seats must give their view first. Waiting for: %(seats)s.")
        % {"seats": ", ".join(str(PanelSeat(s).label).lower() for s in sorted(missing))},
    )


def check_onboard(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _require(
        application.stage == Stage.DECIDED and application.outcome == Outcome.ACCEPTED,
        _("Only an accepted application can be onboarded."),
    )


def check_withdraw(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _require(may_withdraw(application), _("This application is already closed."))


def check_applicant_withdraw(*, application: Application) -> None:
    """The applicant's own link: while the application can still be withdrawn."""
    _require(may_withdraw(application), _("This application is already closed."))


def check_reopen(*, actor: User, application: Application) -> None:
    check_may_manage_applications(actor)
    _require(application.outcome == Outcome.DEFERRED, _("Only a deferred application reopens."))


def may_withdraw(application: Application) -> bool:
    """Open, deferred, or accepted and not yet a member: the applicant can still withdraw."""
    return application.stage != Stage.ONBOARDED and application.outcome in (
        "",
        Outcome.DEFERRED,
        Outcome.ACCEPTED,
    )


@dataclass(frozen=True)
class Action:
    key: str  # the URL name in recruitment_staff
    label: str


def actions_for(application: Application, *, has_pnc_check: bool) -> list[Action]:
    """The moves a programme admin can make now, for the application's page."""
    actions: list[Action] = []
    stage, outcome = application.stage, application.outcome
    if not outcome:
        if stage == Stage.RECEIVED:
            actions.append(Action("screening_start", _("Start screening")))
        elif stage == Stage.SCREENING:
            actions.append(Action("onboarding_invite", _("Invite to an onboarding conversation")))
        elif stage == Stage.ONBOARDING:
            actions.append(Action("onboarding_record", _("Record the onboarding conversation")))
        elif stage == Stage.VETTING:
            if has_pnc_check:
                actions.append(Action("pnc_result", _("Record the police check result")))
            else:
                actions.append(
                    Action("pnc_request", _("Record that the police check was asked for"))
                )
    if stage == Stage.DECIDED and outcome == Outcome.ACCEPTED:
        actions.append(Action("onboard", _("Make them a member")))
    if outcome == Outcome.DEFERRED:
        actions.append(Action("reopen", _("Get back in touch: reopen the application")))
    if may_withdraw(application):
        actions.append(Action("withdraw", _("Withdraw the application (the applicant asked)")))
    return actions
