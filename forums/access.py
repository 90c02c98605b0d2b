"""Who may see which forum. Everything of a forum is reached through these helpers, so a
facilitator of forum A gets a 404 for anything of forum B."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from forums.models import Forum

# Roles that reach every forum.
ALL_FORUM_ROLES = (Role.PROGRAMME_ADMIN,)


def forums_visible_to(user: User) -> QuerySet[Forum]:
    if not user.is_authenticated:
        return Forum.objects.none()
    if user.has_role(*ALL_FORUM_ROLES):
        return Forum.objects.all()
    if user.has_role(Role.FACILITATOR):
        return Forum.objects.filter(
            role_assignments__user=user,
            role_assignments__role=Role.FACILITATOR,
            role_assignments__ended_at__isnull=True,
        ).distinct()
    return Forum.objects.none()


def get_forum_for_user(user: User, forum_id: int) -> tuple[Forum, bool]:
    """The forum and whether `user` may change it, or Http404 for anyone else."""
    try:
        forum = (
            forums_visible_to(user)
            .select_related(
                "cohort",
                "facilitating_organisation",
                "police_representative",
                "oversight_representative",
            )
            .get(pk=forum_id)
        )
    except Forum.DoesNotExist:
        raise Http404 from None
    return forum, True
