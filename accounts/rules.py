"""Rules for who may hold which role, and which account changes are allowed.

Each check raises ValidationError with messages keyed by the form field they are about, so
a view can hand them straight to its form (`form.add_error(None, error)`).
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.models import RoleAssignment, User
from accounts.roles import FORUM_SCOPED_ROLES, OrganisationKind, PanelSeat, Role
from forums.models import Forum


def check_role_assignment(
    *, user: User, role: str, forums: Iterable[Forum], panel_seat: str
) -> None:
    """Refuse a role that is unknown, already held, or missing what it needs."""
    forums = list(forums)
    if role not in Role.values:
        raise ValidationError({"role": _("Select a role")})
    if user.role_assignments.current().filter(role=role).exists():
        raise ValidationError({"role": _("This person already has this role")})
    if role in FORUM_SCOPED_ROLES:
        if not forums:
            raise ValidationError({"forums": _("Select at least one forum for a facilitator")})
        organisation = user.organisation
        if organisation is not None and organisation.kind == OrganisationKind.PARTNER_FACILITATOR:
            others = [f for f in forums if f.facilitating_organisation_id != organisation.pk]
            if others:
                raise ValidationError(
                    {
                        "forums": _(
                            "A facilitator from %(organisation)s can only be given forums "
                            "that %(organisation)s facilitates"
                        )
                        % {"organisation": organisation.name}
                    }
                )
    elif forums:
        raise ValidationError({"forums": _("Only facilitators are given forums")})
    if role == Role.VETTING_PANEL:
        if panel_seat not in PanelSeat.values:
            raise ValidationError(
                {"panel_seat": _("Select which seat on the vetting panel this person holds")}
            )
    elif panel_seat:
        raise ValidationError({"panel_seat": _("Only vetting panel members hold a panel seat")})


def check_role_removal(*, actor: User, assignment: RoleAssignment) -> None:
    if assignment.ended_at is not None:
        raise ValidationError(_("This role has already been removed"))
    if assignment.user_id == actor.pk and assignment.role == Role.PROGRAMME_ADMIN:
        raise ValidationError(_("You cannot remove your own programme admin role"))


def check_deactivation(*, actor: User, user: User) -> None:
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account"))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated"))


def check_reactivation(*, user: User) -> None:
    if user.is_active:
        raise ValidationError(_("This account is already active"))
