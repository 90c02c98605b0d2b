"""Who may change a person's safe contact and review a channel on hold.

A safe contact goes with its owner: an application's is changed by those who manage
applications (recruitment.access); the Victim Focus Desk's (a victim's or a nominated
person's) by desk staff. Only a desk supervisor reviews a channel on hold.
"""

from __future__ import annotations

from accounts.models import User
from accounts.roles import Role
from safecontact.models import SafeContact

DESK_ROLES = (Role.DESK_AGENT, Role.DESK_SUPERVISOR)


def may_change_safe_contact(user: User, contact: SafeContact) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if contact.application_id is not None:
        from recruitment.access import may_manage_applications

        return may_manage_applications(user)
    return user.has_role(*DESK_ROLES)


def may_review_channel_hold(user: User) -> bool:
    return getattr(user, "is_authenticated", False) and user.has_role(Role.DESK_SUPERVISOR)
