"""Who may see which application. Every staff page about one application reaches it
through get_application_for_user, so anyone else gets a 404.

- Programme admins see every application.
- Facilitators see only applications to a partner-facilitated cohort (the disabled and
  LGBTQ+ forums) whose facilitating organisation is their own organisation: the partner
  that runs the forum. No other facilitator sees any application (seed 001, "Your Data").
- Vetting panel members see only applications put to the panel (recruitment.rules).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from recruitment.models import Application, Stage

# Roles that may open the staff queue at all.
QUEUE_ROLES = (Role.PROGRAMME_ADMIN, Role.FACILITATOR)
PANEL_ROLES = (Role.VETTING_PANEL,)


def partner_cohort_q(user: User, prefix: str = "") -> Q:
    """Cohorts the user's organisation facilitates as a partner."""
    return Q(
        **{
            f"{prefix}is_partner_facilitated": True,
            f"{prefix}facilitating_organisation_id": user.organisation_id,
        }
    )


def application_list_for(user: User) -> QuerySet[Application]:
    if not user.is_authenticated:
        return Application.objects.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return Application.objects.all()
    if user.has_role(Role.FACILITATOR) and user.organisation_id:
        return Application.objects.filter(
            pk__in=Application.objects.filter(partner_cohort_q(user, "cohorts__")).values("pk")
        )
    return Application.objects.none()


def get_application_for_user(user: User, application_id: int) -> Application:
    """The application, or Http404 for anyone who may not see it."""
    try:
        return application_list_for(user).get(pk=application_id)
    except Application.DoesNotExist:
        raise Http404 from None


def may_manage_applications(user: User) -> bool:
    """Whether `user` may move applications through the process (programme admins).
    Partner facilitators see their forums' applications but do not move them."""
    return user.has_role(Role.PROGRAMME_ADMIN)


def panel_application_list_for(user: User) -> QuerySet[Application]:
    if not (user.is_authenticated and user.has_role(Role.VETTING_PANEL)):
        return Application.objects.none()
    return Application.objects.filter(stage=Stage.PANEL, outcome="")


def get_panel_application_for_user(user: User, application_id: int) -> Application:
    """An application at the panel, for a panel member; Http404 for anyone else or
    once it has left the panel (its disclosure is gone by then)."""
    try:
        return panel_application_list_for(user).get(pk=application_id)
    except Application.DoesNotExist:
        raise Http404 from None


def panel_seat_of(user: User) -> str:
    """The panel seat the user holds now ("" for none)."""
    assignment = (
        user.role_assignments.current().filter(role=Role.VETTING_PANEL).only("panel_seat").first()
    )
    return assignment.panel_seat if assignment else ""
