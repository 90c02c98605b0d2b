"""Reads about forums, always through forums.access so nobody sees a forum they must not."""

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from accounts.roles import Role
from forums.access import forums_visible_to
from forums.models import Forum

_CURRENT_FACILITATORS = Q(
    role_assignments__role=Role.FACILITATOR,
    role_assignments__ended_at__isnull=True,
    role_assignments__user__is_active=True,
)


def forum_list(*, viewer: User) -> QuerySet[Forum]:
    """The forums `viewer` may see, with their organisation and how many facilitators."""
    visible = forums_visible_to(viewer).values("pk")
    return (
        Forum.objects.filter(pk__in=visible)
        .select_related("facilitating_organisation")
        .annotate(facilitator_count=Count("role_assignments", filter=_CURRENT_FACILITATORS))
        .order_by("name")
    )


def forum_facilitator_count(*, forum: Forum) -> int:
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.FACILITATOR,
            role_assignments__ended_at__isnull=True,
            role_assignments__forums=forum,
        )
        .distinct()
        .count()
    )
