"""Who may see and change which forum, meeting and forum membership. Every page and
service reaches them through these functions, so a facilitator of forum A gets a 404 for
anything of forum B.

The style of every app's access module (docs/architecture.md):

- `<entity>_list_for(user)`: a queryset of what this person may see;
- `get_<entity>_for_user(user, id)`: the object, or Http404 for someone who must not know
  it exists;
- `get_rw_<entity>_for_user(user, id)`: the object to change, PermissionDenied for someone
  who may see it but not change it;
- `may_<verb>_<entity>(user, obj) -> bool`: the same decision for an object in hand, used
  by templates and services alike (services raise with accounts.access.require).

What a meeting's state allows is in forums.rules.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from forums.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemStatus,
    Forum,
    ForumMembership,
    Meeting,
    MembershipStatus,
    ProposerKind,
)

# Roles that reach every forum.
ALL_FORUM_ROLES = (Role.PROGRAMME_ADMIN,)


def forum_list_for(user: User) -> QuerySet[Forum]:
    """The forums `user` manages: all for programme admins, their own for facilitators."""
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


def get_forum_for_user(user: User, forum_id: int) -> Forum:
    """The forum, or Http404 for anyone who does not manage it."""
    try:
        return (
            forum_list_for(user)
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


def may_manage_forum(user: User, forum: Forum) -> bool:
    """Its facilitators and programme admins: they schedule meetings and change members."""
    return forum_list_for(user).filter(pk=forum.pk).exists()


def may_change_membership(user: User, forum_membership: ForumMembership) -> bool:
    """The member themselves (stepping back, returning, leaving) or the forum's team."""
    if forum_membership.user_id is not None and forum_membership.user_id == user.pk:
        return True
    return may_manage_forum(user, forum_membership.forum)


# Meetings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingAccess:
    """What one person may see and do of one meeting.

    Three views: the forum team (`can_manage`: its facilitators and programme admins) sees
    everything; a representative (`is_representative`: the forum's police or oversight body
    representative who does not manage forums) sees the meeting as police see it, never a
    member's identity; a member co-chair sees what a co-chair checks.
    """

    meeting: Meeting
    can_manage: bool  # the forum's facilitators and programme admins
    proposer_kind: str | None  # who they propose agenda items as, if they may
    membership: ForumMembership | None  # the viewer's own place in the forum
    is_co_chair: bool  # a co-chair who checks the note: a member of the forum or its team
    viewer_id: int | None = None

    @property
    def is_representative(self) -> bool:
        """The forum's police or oversight body representative, outside the forum team:
        the date, the place, the published agenda and their own items, never a member's
        name, attendance, apologies, the recording or the note."""
        return not self.can_manage and self.proposer_kind in (
            ProposerKind.POLICE,
            ProposerKind.OVERSIGHT,
        )

    @property
    def sees_members(self) -> bool:
        """Members' names, attendance and consent, the recording and the note: the team only."""
        return self.can_manage

    @property
    def may_propose_here(self) -> bool:
        """Proposes items and adds documents from the forum pages (members use the portal)."""
        return self.can_manage or self.is_representative


def forum_role_of(user: User, forum: Forum) -> tuple[bool, str | None, ForumMembership | None]:
    """(manages the forum, proposes agenda items as, own membership) for `user`."""
    if not user.is_authenticated:
        return False, None, None
    if forum_list_for(user).filter(pk=forum.pk).exists():
        return True, ProposerKind.FACILITATOR, None
    if forum.police_representative_id == user.pk:
        return False, ProposerKind.POLICE, None
    if forum.oversight_representative_id == user.pk:
        return False, ProposerKind.OVERSIGHT, None
    membership = (
        ForumMembership.objects.filter(forum=forum, user=user)
        .exclude(status=MembershipStatus.LEFT)
        .first()
    )
    if membership is not None:
        return False, ProposerKind.MEMBER, membership
    return False, None, None


def meeting_access(user: User, meeting: Meeting) -> MeetingAccess | None:
    """None for anyone outside the meeting's forum. A co-chair checks the note only as a
    member of the forum (or one of its team): a representative who co-chairs, or anyone
    else named co-chair, never reads a draft note."""
    can_manage, kind, membership = forum_role_of(user, meeting.forum)
    if not (can_manage or kind):
        return None
    is_co_chair = (can_manage or membership is not None) and (
        meeting.forum.co_chairs.filter(pk=user.pk).exists()
    )
    return MeetingAccess(meeting, can_manage, kind, membership, is_co_chair, user.pk)


def get_meeting_for_user(user: User, meeting_id: int) -> MeetingAccess:
    """The meeting and what `user` may do with it, or Http404 for anyone outside its forum."""
    meeting = Meeting.objects.select_related("forum", "venue").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404
    access = meeting_access(user, meeting)
    if access is None:
        raise Http404
    return access


def get_rw_meeting_for_user(user: User, meeting_id: int) -> MeetingAccess:
    """The meeting for its forum team (facilitators and programme admins): Http404 for
    anyone outside its forum, PermissionDenied for others of the forum."""
    access = get_meeting_for_user(user, meeting_id)
    if not access.can_manage:
        raise PermissionDenied
    return access


def get_proposable_meeting_for_user(user: User, meeting_id: int) -> MeetingAccess:
    """The agenda item and document forms: the team and the representatives, not members
    (they propose from their portal). Http404 outside the forum, else PermissionDenied."""
    access = get_meeting_for_user(user, meeting_id)
    if not access.may_propose_here:
        raise PermissionDenied
    return access


def agenda_item_visible(access: MeetingAccess, item: AgendaItem) -> bool:
    """The team and co-chairs see every item; a representative sees the published agenda's
    items and the items they proposed; anyone else in the forum, the published agenda."""
    if access.can_manage or access.is_co_chair:
        return True
    if access.is_representative and item.proposed_by_id == access.viewer_id:
        return True
    return access.meeting.agenda_is_published and item.status == AgendaItemStatus.ACCEPTED


def agenda_document_visible(access: MeetingAccess, document: AgendaDocument) -> bool:
    """A document for appraisal: to the team; to others once its item is on the published
    agenda; to a representative also the documents they added themselves."""
    if access.is_representative and document.uploaded_by_id == access.viewer_id:
        return True
    if access.can_manage:
        return True
    return access.meeting.agenda_is_published and document.item.status == AgendaItemStatus.ACCEPTED
