"""Who may see which feedback point and which recommendation. Every page about one of them
reaches it through these helpers, so anyone else gets a 404.

- Feedback points: the facilitators of the point's forum and programme admins
  (forums.access.forum_list_for).
- Recommendations: programme admins see all; a police lead sees all when their
  PoliceLeadProfile position is Head of Profession or Lead Responsible Officer, and
  otherwise those of the owner areas they lead. A police lead without a profile is a
  professional lead with no area.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from forums.access import forum_list_for
from insights.models import FeedbackPoint, PoliceLeadProfile, PolicePosition, Recommendation

# Roles that may open the recommendation pages at all.
RECOMMENDATION_ROLES = (Role.PROGRAMME_ADMIN, Role.POLICE_LEAD)
# Roles that capture feedback points (for the forums they may manage).
CAPTURE_ROLES = (Role.PROGRAMME_ADMIN, Role.FACILITATOR)


def police_position(user: User) -> str:
    """The police lead's position; professional lead when they have no profile. Read once
    per request (kept on the user object)."""
    cached = getattr(user, "_police_position", None)
    if cached is None:
        profile = PoliceLeadProfile.objects.filter(user_id=user.pk).only("position").first()
        cached = profile.position if profile else PolicePosition.PROFESSIONAL_LEAD
        user._police_position = cached  # type: ignore[attr-defined]
    return cached


def police_sees_all(user: User) -> bool:
    """Head of Profession and Lead Responsible Officers see every recommendation."""
    return user.is_authenticated and police_position(user) in (
        PolicePosition.HEAD_OF_PROFESSION,
        PolicePosition.LEAD_RESPONSIBLE_OFFICER,
    )


def sees_every_recommendation(user: User) -> bool:
    """Programme admins, the Head of Profession and Lead Responsible Officers."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.PROGRAMME_ADMIN):
        return True
    return user.has_role(Role.POLICE_LEAD) and police_sees_all(user)


def recommendation_list_for(user: User) -> QuerySet[Recommendation]:
    """The recommendations `user` may see (the module's docstring says whose)."""
    if not user.is_authenticated:
        return Recommendation.objects.none()
    if sees_every_recommendation(user):
        return Recommendation.objects.all()
    if user.has_role(Role.POLICE_LEAD):
        return Recommendation.objects.filter(owner_area__leads=user)
    return Recommendation.objects.none()


def point_list_for(user: User) -> QuerySet[FeedbackPoint]:
    """Points of the forums `user` manages (facilitators: theirs; programme admins: all)."""
    if not user.is_authenticated or not user.has_role(*CAPTURE_ROLES):
        return FeedbackPoint.objects.none()
    return FeedbackPoint.objects.filter(forum__in=forum_list_for(user))


def get_point_for_user(user: User, point_id: int) -> FeedbackPoint:
    """The point, or Http404 for anyone who does not manage its forum."""
    point = (
        point_list_for(user)
        .select_related("forum", "meeting", "agenda_item", "text")
        .filter(pk=point_id)
        .first()
    )
    if point is None:
        raise Http404
    return point


def get_recommendation_for_user(user: User, recommendation_id: int) -> Recommendation:
    """The recommendation with its forum, area and response, or Http404 when `user` may not
    see it."""
    recommendation = (
        recommendation_list_for(user)
        .select_related("forum", "owner_area", "response")
        .filter(pk=recommendation_id)
        .first()
    )
    if recommendation is None:
        raise Http404
    return recommendation


def may_respond_to_recommendation(user: User, recommendation: Recommendation) -> bool:
    """A police lead who may see the recommendation answers it and reports progress."""
    return (
        user.is_authenticated
        and user.has_role(Role.POLICE_LEAD)
        and recommendation_list_for(user).filter(pk=recommendation.pk).exists()
    )
