"""Who may see which meeting in the portal and which member in the wellbeing lists, in the
style of forums.access.

- A member sees the meetings of their own forums (anyone else's is a 404).
- Check-ins and support flags: the member's forum's facilitators and the programme team
  (forums.access.forum_list_for), never the police.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from forums.access import forum_list_for
from forums.models import ForumMembership, Meeting, MembershipStatus
from portal import selectors


def get_member_meeting_for_user(user: User, meeting_id: int) -> tuple[Meeting, ForumMembership]:
    """A meeting of one of the member's forums and their place in it, or Http404."""
    meeting = selectors.member_meetings(user).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    fm = next(fm for fm in selectors.memberships(user=user) if fm.forum_id == meeting.forum_id)
    return meeting, fm


def member_list_for(user: User) -> QuerySet[ForumMembership]:
    """Members the viewer looks after: those of the forums they facilitate (or all, for the
    programme team), past members left out."""
    return ForumMembership.objects.filter(forum__in=forum_list_for(user)).exclude(
        status=MembershipStatus.LEFT
    )


def get_member_for_user(user: User, membership_id: int) -> ForumMembership:
    """One member of the viewer's forums (past members too), or Http404."""
    fm = (
        ForumMembership.objects.filter(forum__in=forum_list_for(user), pk=membership_id)
        .select_related("forum", "membership__application")
        .first()
    )
    if fm is None:
        raise Http404
    return fm


def may_support_member(user: User, forum_membership: ForumMembership) -> bool:
    """The member's forum's facilitators and the programme team (never the police)."""
    return forum_list_for(user).filter(pk=forum_membership.forum_id).exists()
