"""Writes of the feedback loop: themes, owner areas, feedback points, recommendations,
police responses and progress. Each function checks who may act, runs in one transaction
and writes its audit event there (names of fields only, never the words).
See docs/insights.md."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.access import require, require_role
from accounts.models import User
from accounts.roles import Role
from forums.access import may_manage_forum
from forums.models import AgendaItem, Forum, Meeting
from insights import audit_events as events
from insights import rules
from insights.access import may_respond_to_recommendation
from insights.models import (
    FeedbackPoint,
    OwnerArea,
    PoliceLeadProfile,
    PoliceResponse,
    ProgressKind,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    ResponseDecision,
    Theme,
    response_due_for,
)
from lib.rules import RuleBroken
from privacy.audit import audit_record
from redaction.models import RedactedText
from redaction.services import redaction_prepare, redaction_release

POINT_PURPOSE = "feedback_point"


# Themes and owner areas (programme admins) ----------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:56] or "theme"
    slug, n = base, 2
    while Theme.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def theme_create(*, actor: User, name: str, name_cy: str = "") -> Theme:
    """Add a theme to the managed list, at the end."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    name = name.strip()
    if not name:
        raise RuleBroken(_("Enter the name of the theme"), field="name")
    last = Theme.objects.order_by("-order").values_list("order", flat=True).first() or 0
    theme = Theme.objects.create(
        slug=_unique_slug(name), name=name, name_cy=name_cy.strip(), order=last + 10
    )
    audit_record(
        actor=actor, action=events.THEME_ADDED, obj=theme, fields=["name"], note="theme added"
    )
    return theme


@transaction.atomic
def theme_update(*, actor: User, theme: Theme, name: str, name_cy: str, active: bool) -> Theme:
    """Rename a theme, or retire it (active=False: kept on points, no longer offered)."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    name = name.strip()
    if not name:
        raise RuleBroken(_("Enter the name of the theme"), field="name")
    changed = [
        f
        for f, new in (("name", name), ("name_cy", name_cy.strip()), ("active", active))
        if getattr(theme, f) != new
    ]
    theme.name, theme.name_cy, theme.active = name, name_cy.strip(), active
    theme.save(update_fields=["name", "name_cy", "active"])
    audit_record(
        actor=actor, action=events.THEME_CHANGED, obj=theme, fields=changed, note="theme changed"
    )
    return theme


def _check_leads(leads: Iterable[User]) -> list[User]:
    chosen = list(leads)
    for lead in chosen:
        if not lead.has_role(Role.POLICE_LEAD):
            raise RuleBroken(_("Choose police leads only"), field="leads")
    return chosen


@transaction.atomic
def owner_area_create(
    *, actor: User, name: str, description: str = "", leads: Iterable[User] = ()
) -> OwnerArea:
    """Add a police area that can own recommendations, with its professional leads."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    name = name.strip()
    if not name:
        raise RuleBroken(_("Enter the name of the area"), field="name")
    chosen = _check_leads(leads)
    area = OwnerArea.objects.create(name=name, description=description.strip())
    area.leads.set(chosen)
    audit_record(
        actor=actor,
        action=events.OWNER_AREA_ADDED,
        obj=area,
        fields=["name", "leads"],
        note="owner area added",
    )
    return area


@transaction.atomic
def owner_area_update(
    *,
    actor: User,
    area: OwnerArea,
    name: str,
    description: str,
    active: bool,
    leads: Iterable[User],
) -> OwnerArea:
    require_role(actor, Role.PROGRAMME_ADMIN)
    name = name.strip()
    if not name:
        raise RuleBroken(_("Enter the name of the area"), field="name")
    chosen = _check_leads(leads)
    changed = [
        f
        for f, new in (("name", name), ("description", description.strip()), ("active", active))
        if getattr(area, f) != new
    ]
    if {u.pk for u in chosen} != set(area.leads.values_list("pk", flat=True)):
        changed.append("leads")
    area.name, area.description, area.active = name, description.strip(), active
    area.save(update_fields=["name", "description", "active"])
    area.leads.set(chosen)
    audit_record(
        actor=actor,
        action=events.OWNER_AREA_CHANGED,
        obj=area,
        fields=changed,
        note="owner area changed",
    )
    return area


@transaction.atomic
def police_lead_profile_set(*, actor: User | None, user: User, position: str) -> PoliceLeadProfile:
    """Set a police lead's position (Head of Profession, Lead Responsible Officer or
    professional lead). `actor` None for the demo and test set-up."""
    if actor is not None:
        require_role(actor, Role.PROGRAMME_ADMIN)
    profile, _created = PoliceLeadProfile.objects.update_or_create(
        user=user, defaults={"position": position}
    )
    audit_record(
        actor=actor,
        action=events.POLICE_POSITION_SET,
        obj=profile,
        fields=["position"],
        note="police position",
    )
    return profile


# Feedback points (the forum's facilitators and programme admins) -----------------------


@transaction.atomic
def point_record(
    *,
    actor: User,
    meeting: Meeting,
    agenda_item: AgendaItem | None,
    kind: str,
    text: str,
    themes: Iterable[Theme],
) -> FeedbackPoint:
    """Record what the forum said at `meeting`. The words go through redaction at once
    (purpose "feedback_point"); the point stays unconfirmed until the facilitator has
    checked the highlighted result (point_confirm)."""
    require(may_manage_forum(actor, meeting.forum))
    words = rules.check_point_text(text)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise RuleBroken(_("Choose an item of this meeting's agenda"), field="agenda_item")
    if meeting.is_cancelled:
        raise RuleBroken(_("This meeting was cancelled."))
    item = redaction_prepare(text=words, purpose=POINT_PURPOSE)
    _redact_member_names(actor, item, meeting.forum)
    point = FeedbackPoint.objects.create(
        forum_id=meeting.forum_id,
        meeting=meeting,
        agenda_item=agenda_item,
        kind=kind,
        text=item,
        recorded_by=actor,
    )
    RedactedText.objects.filter(pk=item.pk).update(
        source_type=ContentType.objects.get_for_model(FeedbackPoint),
        source_id=str(point.pk),
        source_field="text",
    )
    point.themes.set(list(themes))
    audit_record(
        actor=actor,
        action=events.POINT_RECORDED,
        obj=point,
        fields=["kind", "text", "themes", "agenda_item"],
        note="feedback point recorded",
    )
    return point


def _member_names(forum: Forum) -> set[str]:
    """The names of the forum's members (full names, and each part of 3 letters or more),
    from their applications and accounts."""
    from forums.models import ForumMembership

    names: set[str] = set()
    for fm in ForumMembership.objects.filter(forum=forum).select_related(
        "membership__application", "user"
    ):
        for full in (fm.membership.application.full_name, fm.user.full_name if fm.user else ""):
            full = " ".join((full or "").split())
            if full:
                names.add(full)
                names.update(part for part in full.split() if len(part) >= 3)
    return names


def _redact_member_names(actor: User, item: RedactedText, forum: Forum) -> None:
    """Points never name a member: any member's name the engine did not find is redacted
    too (written with a capital, as a name is). The facilitator can still undo one that is
    an ordinary word."""
    from redaction.services import phrase_occurrences, redaction_add

    for name in sorted(_member_names(forum), key=len, reverse=True):
        for start, end in phrase_occurrences(item.original, name):
            if not item.original[start].isupper():
                continue
            with contextlib.suppress(ValidationError):  # already redacted
                redaction_add(actor=actor, item=item, type="NAME", start=start, end=end)


@transaction.atomic
def point_confirm(*, actor: User, point: FeedbackPoint) -> FeedbackPoint:
    """The facilitator confirms the redacted text: it is released (frozen) and the point
    can be raised into recommendations and shown outside the forum team."""
    require(may_manage_forum(actor, point.forum))
    point = FeedbackPoint.objects.select_for_update().select_related("text").get(pk=point.pk)
    rules.check_point_confirmable(point)
    if not point.text.is_released:
        redaction_release(actor=actor, item=point.text)
    point.confirmed_at = timezone.now()
    point.save(update_fields=["confirmed_at"])
    audit_record(
        actor=actor,
        action=events.POINT_CONFIRMED,
        obj=point,
        fields=["confirmed_at"],
        note="point confirmed",
    )
    return point


# Recommendations (programme admins) ----------------------------------------------------


@transaction.atomic
def recommendation_raise(
    *,
    actor: User,
    forum: Forum,
    title: str,
    ask: str,
    why: str,
    points: Iterable[FeedbackPoint],
    owner_area: OwnerArea | None = None,
) -> Recommendation:
    """Raise a recommendation from one or more confirmed points of `forum` (from any of
    its meetings). The police response is due RECOMMENDATION_RESPONSE_DAYS later."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    chosen = rules.check_points_raisable(points, forum)
    title, ask, why = title.strip(), ask.strip(), why.strip()
    for value, field, message in (
        (title, "title", _("Enter a title")),
        (ask, "ask", _("Enter what the forum asks the police to do")),
        (why, "why", _("Enter why the forum asks for it")),
    ):
        if not value:
            raise RuleBroken(message, field=field)
    now = timezone.now()
    recommendation = Recommendation.objects.create(
        forum=forum,
        title=title,
        ask=ask,
        why=why,
        owner_area=owner_area,
        raised_by=actor,
        raised_at=now,
        response_due=response_due_for(timezone.localdate(now)),
        updated_at=now,
    )
    recommendation.points.set(chosen)
    audit_record(
        actor=actor,
        action=events.RECOMMENDATION_RAISED,
        obj=recommendation,
        fields=["title", "ask", "why", "points", "owner_area"],
        note=f"recommendation raised from {len(chosen)} points",
    )
    return recommendation


@transaction.atomic
def recommendation_assign_area(
    *, actor: User, recommendation: Recommendation, owner_area: OwnerArea
) -> Recommendation:
    """The programme team chooses (or changes) the owner area: its leads then see it."""
    require_role(actor, Role.PROGRAMME_ADMIN)
    recommendation.owner_area = owner_area
    recommendation.save(update_fields=["owner_area"])
    audit_record(
        actor=actor,
        action=events.RECOMMENDATION_AREA_CHOSEN,
        obj=recommendation,
        fields=["owner_area"],
        note="owner area chosen",
    )
    return recommendation


def _locked(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


@transaction.atomic
def recommendation_respond(
    *,
    actor: User,
    recommendation: Recommendation,
    decision: str,
    reason: str,
    owner: str,
    actions: str,
    target_date: date | None,
) -> PoliceResponse:
    """The police answer: accepted, partly accepted or not accepted. A reason is required
    for anything short of accepted (also enforced by the database). `owner` is a job title,
    not a person's name."""
    require(may_respond_to_recommendation(actor, recommendation))
    locked = _locked(recommendation)
    rules.check_respondable(locked)
    if decision not in ResponseDecision.values:
        raise RuleBroken(_("Select the decision"), field="decision")
    reason = rules.check_reason(decision, reason)
    now = timezone.now()
    response = PoliceResponse.objects.create(
        recommendation=locked,
        decision=decision,
        reason=reason,
        owner=owner.strip(),
        actions=actions.strip(),
        target_date=target_date,
        responded_by=actor,
        responded_at=now,
    )
    locked.status = decision
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    recommendation.status, recommendation.updated_at = locked.status, now
    audit_record(
        actor=actor,
        action=events.RECOMMENDATION_RESPONDED,
        obj=locked,
        fields=["status", "response"],
        note=f"police response: {decision}",
    )
    return response


@transaction.atomic
def recommendation_update(
    *, actor: User, recommendation: Recommendation, kind: str, text: str
) -> ProgressUpdate:
    """A progress update, evidence of change, or done (which sets the status to done)."""
    require(may_respond_to_recommendation(actor, recommendation))
    locked = _locked(recommendation)
    rules.check_updatable(locked, kind)
    text = text.strip()
    if not text:
        raise RuleBroken(_("Enter what has happened"), field="text")
    now = timezone.now()
    update = ProgressUpdate.objects.create(
        recommendation=locked, kind=kind, text=text, created_by=actor, created_at=now
    )
    fields = ["progress_updates"]
    if kind == ProgressKind.DONE:
        locked.status = RecommendationStatus.DONE
        fields.append("status")
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    recommendation.status, recommendation.updated_at = locked.status, now
    audit_record(
        actor=actor,
        action=events.RECOMMENDATION_PROGRESS,
        obj=locked,
        fields=fields,
        note=f"progress: {kind}",
    )
    return update


# The daily overdue summary (insights/tasks/recommendations.py) -------------------------


def overdue_summary_send(*, today: date | None = None) -> int:
    """Email each Head of Profession the counts of recommendations overdue a response, by
    forum, with one link. Never the words of a point or recommendation. Returns the number
    of emails sent (none when nothing is overdue)."""
    from insights.models import PolicePosition
    from insights.selectors import overdue_recommendations
    from notify.services import message_send

    today = today or timezone.localdate()
    overdue = list(overdue_recommendations(today=today).select_related("forum"))
    if not overdue:
        return 0
    by_forum = Counter(rec.forum.name for rec in overdue)
    new = sum(1 for rec in overdue if (today - rec.response_due).days == 1)
    link = settings.SITE_URL + reverse("insights:overview") + "?status=overdue"
    heads = User.objects.filter(
        is_active=True,
        police_lead_profile__position=PolicePosition.HEAD_OF_PROFESSION,
        role_assignments__role=Role.POLICE_LEAD,
        role_assignments__ended_at__isnull=True,
    ).distinct()
    sent = 0
    for head in heads:
        message_send(
            template="recommendations_overdue_summary",
            to_email=head.email,
            personalisation={
                "count": len(overdue),
                "days": settings.RECOMMENDATION_RESPONSE_DAYS,
                "new": new,
                "by_forum": "\n".join(
                    f"- {name}: {count}" for name, count in sorted(by_forum.items())
                ),
                "link": link,
            },
        )
        sent += 1
    return sent
