"""Reads about people and their roles, with the joins each page needs decided here."""

from django.db.models import Prefetch, QuerySet

from accounts.models import Organisation, RoleAssignment, User
from accounts.roles import STAFF_ROLES, Role

# The order in which a person with several roles is sent to a dashboard.
DASHBOARD_ORDER: tuple[Role, ...] = (
    Role.PROGRAMME_ADMIN,
    Role.DATA_PROTECTION_OFFICER,
    Role.FACILITATOR,
    Role.VETTING_PANEL,
    Role.POLICE_LEAD,
    Role.PARTNER_AGENCY,
    Role.ANALYST,
    Role.OFFICER,
    Role.DESK_SUPERVISOR,
    Role.DESK_AGENT,
    Role.MEMBER,
)


def _current_assignments() -> Prefetch:
    return Prefetch(
        "role_assignments",
        queryset=RoleAssignment.objects.current().prefetch_related("forums").order_by("role"),
        to_attr="current_assignments",
    )


def staff_list(*, role: str = "", organisation_id: int | None = None) -> QuerySet[User]:
    """Everyone who holds or has held a staff role, with their organisation and current
    roles, optionally only those who now hold `role` or belong to one organisation."""
    people = User.objects.filter(role_assignments__role__in=STAFF_ROLES)
    if role:
        people = people.filter(
            pk__in=RoleAssignment.objects.current().filter(role=role).values("user_id")
        )
    if organisation_id:
        people = people.filter(organisation_id=organisation_id)
    return (
        people.distinct()
        .select_related("organisation")
        .prefetch_related(_current_assignments())
        .order_by("full_name", "pk")
    )


def person_get(*, person_id: int) -> User:
    """One person with their organisation and every role they hold or have held."""
    return (
        User.objects.select_related("organisation")
        .prefetch_related(
            _current_assignments(),
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.filter(ended_at__isnull=False)
                .select_related("assigned_by")
                .order_by("-ended_at"),
                to_attr="ended_assignments",
            ),
        )
        .get(pk=person_id)
    )


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


def dashboard_roles(user: User) -> list[Role]:
    """The roles `user` holds that have a dashboard, in the order they are offered."""
    held = user.active_roles()
    return [role for role in DASHBOARD_ORDER if role in held]
