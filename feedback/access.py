"""Who may see which QR code and which routed comment (docs/feedback.md). Pages and
services reach them through these functions, in the style of forums.access.

- QR codes: the programme team sees every code; an officer only their own active code
  (anyone else's is a 404).
- Routed comments (safeguarding risks and complaints): the Victim Focus Desk's agents.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import require
from accounts.models import User
from accounts.roles import Role
from feedback.models import FeedbackCode, RoutedComment

# Who sees QR codes other than their own (officers see only theirs).
CODE_VIEWERS = (Role.PROGRAMME_ADMIN, Role.OFFICER)
# Who works the queue of routed comments (safeguarding risks and complaints).
ROUTED_QUEUE_ROLES = (Role.DESK_AGENT, Role.DESK_SUPERVISOR)


def code_list_for(user: User) -> QuerySet[FeedbackCode]:
    """Every code for the programme team; an officer's own active codes; nothing else."""
    codes = FeedbackCode.objects.select_related("team__borough", "officer")
    if not user.is_authenticated:
        return codes.none()
    if user.has_role(Role.PROGRAMME_ADMIN):
        return codes
    return codes.filter(officer=user, active=True)


def get_code_for_user(user: User, code_id: int) -> FeedbackCode:
    """The code, or Http404 for someone who may not see it."""
    return get_object_or_404(code_list_for(user), pk=code_id)


def may_see_routed(user: Any) -> bool:
    """The Victim Focus Desk's agents."""
    return bool(getattr(user, "is_authenticated", False) and user.has_role(*ROUTED_QUEUE_ROLES))


def routed_list_for(user: Any) -> QuerySet[RoutedComment]:
    """Every routed comment for a desk agent; PermissionDenied for anyone else (the pages
    refuse them first, by role)."""
    require(may_see_routed(user))
    return RoutedComment.objects.all()


def get_routed_for_user(user: Any, routed_id: int) -> RoutedComment:
    """One routed comment with its response, for a desk agent; Http404 when it is not there."""
    return get_object_or_404(routed_list_for(user).select_related("response"), pk=routed_id)
