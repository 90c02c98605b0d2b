"""Pages of the feedback loop: capture (facilitators), recommendations (programme admins),
police review (police leads) and the Head of Profession's overview.

The role check comes first (403), then the object check (404 for a forum, meeting, point or
recommendation the person must not know). Writes go through insights.services. No page
shown to a police lead names a member, or anyone: points appear as released text only."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from forums.access import forum_list_for, get_forum_for_user, get_rw_meeting_for_user
from forums.models import Forum
from insights import selectors, services
from insights.access import (
    CAPTURE_ROLES,
    RECOMMENDATION_ROLES,
    get_point_for_user,
    get_recommendation_for_user,
    sees_every_recommendation,
)
from insights.forms import (
    AreaChoiceForm,
    PointForm,
    ProgressForm,
    RecommendationForm,
    ResponseForm,
)
from insights.models import (
    FeedbackPoint,
    OwnerArea,
    RecommendationStatus,
)
from insights.rules import can_update
from lib.rules import RuleBroken, form_rule_error
from redaction import selectors as redaction_selectors
from redaction import services as redaction_services
from redaction.forms import AddRedactionForm, UndoForm, type_label

admin_only = role_required(Role.PROGRAMME_ADMIN)
capture_roles = role_required(*CAPTURE_ROLES)
recommendation_roles = role_required(*RECOMMENDATION_ROLES)
police_only = role_required(Role.POLICE_LEAD)


# Capture: feedback points of a meeting ---------------------------------------------------


def _managed_meeting(request: HttpRequest, meeting_id: int) -> Any:
    return get_rw_meeting_for_user(actor(request), meeting_id).meeting


@capture_roles
def meeting_points(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A meeting's feedback points, with whether each is confirmed."""
    meeting = _managed_meeting(request, meeting_id)
    points = list(selectors.points_for_meeting(meeting=meeting))
    rows = [
        {
            "point": p,
            "text": redaction_services.released_text(p.text),
            "themes": [t.display_name for t in p.themes.all()],
        }
        for p in points
    ]
    return render(
        request,
        "insights/meeting_points.html",
        {"meeting": meeting, "rows": rows, "pending": sum(1 for p in points if not p.confirmed_at)},
    )


@capture_roles
@require_http_methods(["GET", "POST"])
def point_new(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Record a point: kind, agenda item, themes and words. The words are redacted at once
    and the facilitator checks the highlighted result on the next page."""
    meeting = _managed_meeting(request, meeting_id)
    items = {item.pk: item for item in meeting.agenda_items.order_by("position", "pk")}
    themes = {t.pk: t for t in selectors.active_themes()}
    form = PointForm(
        request.POST if request.method == "POST" else None,
        agenda_items=[(pk, item.title) for pk, item in items.items()],
        themes=[(pk, t.display_name) for pk, t in themes.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            point = services.point_record(
                actor=actor(request),
                meeting=meeting,
                agenda_item=items.get(data["agenda_item"]) if data["agenda_item"] else None,
                kind=data["kind"],
                text=data["text"],
                themes=[themes[pk] for pk in data["themes"]],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Point recorded. Check the redactions, then confirm it."))
            return redirect("insights:point", point_id=point.pk)
    return render(request, "insights/point_form.html", {"meeting": meeting, "form": form})


def _point_page(
    request: HttpRequest, point: FeedbackPoint, form: AddRedactionForm, status: int = 200
) -> HttpResponse:
    item = point.text
    return render(
        request,
        "insights/point.html",
        {
            "point": point,
            "item": item,
            "themes": [t.display_name for t in point.themes.all()],
            "spans": redaction_selectors.spans_of(item),
            "type_label": type_label,
            "highlighted": redaction_selectors.highlighted_html(item),
            "preview": redaction_selectors.text_html(redaction_services.released_text(item)),
            "form": form,
        },
        status=status,
    )


@capture_roles
@require_http_methods(["GET", "POST"])
def point_detail(request: HttpRequest, point_id: int) -> HttpResponse:
    """The point with its redactions highlighted (the redaction review, for the forum's
    facilitator); POST adds a redaction while it is not confirmed."""
    point = get_point_for_user(actor(request), point_id)
    form = AddRedactionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not point.text.is_released and form.is_valid():
        try:
            added = redaction_services.redaction_add(
                actor=actor(request),
                item=point.text,
                phrase=form.cleaned_data["phrase"],
                type=form.cleaned_data["type"],
            )
        except ValidationError as error:
            form.add_error("phrase", error.messages[0])
        else:
            messages.success(
                request,
                ngettext("%(count)s redaction added.", "%(count)s redactions added.", added)
                % {"count": added},
            )
            return redirect(reverse("insights:point", args=[point.pk]) + "#redactions")
    return _point_page(request, point, form)


@capture_roles
@require_POST
def point_undo(request: HttpRequest, point_id: int) -> HttpResponse:
    """Undo one redaction the engine got wrong. The posted start and end must still match."""
    point = get_point_for_user(actor(request), point_id)
    back = reverse("insights:point", args=[point.pk]) + "#redactions"
    form = UndoForm(request.POST)
    spans = redaction_selectors.spans_of(point.text)
    index = form.cleaned_data["span_index"] if form.is_valid() else -1
    current = spans[index] if 0 <= index < len(spans) else None
    if (
        current is None
        or current.start != form.cleaned_data["start"]
        or current.end != form.cleaned_data["end"]
    ):
        messages.error(
            request, _("The redactions changed while you were looking. Check the list again.")
        )
        return redirect(back)
    try:
        redaction_services.redaction_undo(actor=actor(request), item=point.text, span_index=index)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Redaction undone."))
    return redirect(back)


@capture_roles
@require_http_methods(["GET", "POST"])
def point_confirm(request: HttpRequest, point_id: int) -> HttpResponse:
    """Confirm the redacted words: they are released and the point can be used."""
    point = get_point_for_user(actor(request), point_id)
    if point.confirmed_at is not None:
        return redirect("insights:point", point_id=point.pk)
    if request.method == "POST":
        try:
            services.point_confirm(actor=actor(request), point=point)
        except (RuleBroken, ValidationError) as error:
            messages.error(request, str(getattr(error, "message", error)))
            return redirect("insights:point", point_id=point.pk)
        messages.success(request, _("Point confirmed."))
        return redirect("insights:meeting_points", meeting_id=point.meeting_id)
    return render(
        request,
        "insights/point_confirm.html",
        {
            "point": point,
            "redaction_count": len(point.text.spans),
            "preview": redaction_selectors.text_html(redaction_services.released_text(point.text)),
        },
    )


# Recommendations ----------------------------------------------------------------------


def _filters(request: HttpRequest) -> dict[str, Any]:
    def number(name: str) -> int | None:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else None

    status = request.GET.get("status", "")
    if status not in (*RecommendationStatus.values, selectors.OVERDUE):
        status = ""
    return {"forum": number("forum"), "area": number("area"), "status": status or None}


def _filter_choices() -> dict[str, Any]:
    return {
        "forum_choices": list(Forum.objects.order_by("name").values_list("pk", "name")),
        "area_choices": list(OwnerArea.objects.order_by("name").values_list("pk", "name")),
        "status_choices": [
            (selectors.OVERDUE, _("Overdue")),
            *RecommendationStatus.choices,
        ],
    }


@recommendation_roles
def recommendation_list(request: HttpRequest) -> HttpResponse:
    """The recommendations the viewer may see, newest first, overdue ones tagged."""
    viewer = actor(request)
    filters = _filters(request)
    recommendations = list(selectors.recommendation_list(viewer=viewer, **filters))
    is_admin = viewer.has_role(Role.PROGRAMME_ADMIN)
    return render(
        request,
        "insights/recommendations.html",
        {
            "recommendations": recommendations,
            "filters": filters,
            "is_admin": is_admin,
            "forums": list(forum_list_for(viewer).order_by("name")) if is_admin else [],
            "sees_all": sees_every_recommendation(viewer),
            "response_days": settings.RECOMMENDATION_RESPONSE_DAYS,
            **_filter_choices(),
        },
    )


@recommendation_roles
def overview(request: HttpRequest) -> HttpResponse:
    """Every recommendation across forums on one page (Head of Profession, Lead Responsible
    Officers and the programme team): age and status, overdue first, with filters."""
    viewer = actor(request)
    if not sees_every_recommendation(viewer):
        raise PermissionDenied
    filters = _filters(request)
    rows = selectors.recommendation_overview(viewer=viewer, **filters)
    return render(
        request,
        "insights/overview.html",
        {
            "rows": rows,
            "filters": filters,
            "overdue_count": sum(1 for r in rows if r.is_overdue),
            "today": timezone.localdate(),
            **_filter_choices(),
        },
    )


@admin_only
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, forum_id: int) -> HttpResponse:
    """Raise a recommendation from confirmed points of the forum's meetings."""
    forum = get_forum_for_user(actor(request), forum_id)
    points = {p.pk: p for p in selectors.confirmed_points(forum=forum)}
    areas = {a.pk: a for a in selectors.owner_areas(active_only=True)}
    form = RecommendationForm(
        request.POST if request.method == "POST" else None,
        points=[
            (
                pk,
                "{} ({}, {}): {}".format(
                    p.reference,
                    timezone.localtime(p.meeting.starts_at).strftime("%-d %B %Y"),
                    p.get_kind_display(),
                    selectors.point_text(p),
                ),
            )
            for pk, p in points.items()
        ],
        areas=[(pk, a.name) for pk, a in areas.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.recommendation_raise(
                actor=actor(request),
                forum=forum,
                title=data["title"],
                ask=data["ask"],
                why=data["why"],
                points=[points[pk] for pk in data["points"]],
                owner_area=areas.get(data["owner_area"]) if data["owner_area"] else None,
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Recommendation raised."))
            return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    return render(
        request,
        "insights/recommendation_form.html",
        {"forum": forum, "form": form, "has_points": bool(points)},
    )


@recommendation_roles
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """One recommendation: the ask, why, the points' released words (never who said them),
    the police response and the history of progress."""
    viewer = actor(request)
    recommendation = get_recommendation_for_user(viewer, recommendation_id)
    response = getattr(recommendation, "response", None)
    is_police = viewer.has_role(Role.POLICE_LEAD)
    return render(
        request,
        "insights/recommendation.html",
        {
            "rec": recommendation,
            "response": response,
            "points": selectors.recommendation_points(recommendation),
            "history": selectors.recommendation_history(recommendation),
            "is_admin": viewer.has_role(Role.PROGRAMME_ADMIN),
            "can_respond": is_police
            and recommendation.status == RecommendationStatus.AWAITING_RESPONSE,
            "can_update": is_police and can_update(recommendation),
        },
    )


@admin_only
@require_http_methods(["GET", "POST"])
def recommendation_area(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The programme team chooses the owner area."""
    recommendation = get_recommendation_for_user(actor(request), recommendation_id)
    areas = {a.pk: a for a in selectors.owner_areas(active_only=True)}
    form = AreaChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"owner_area": recommendation.owner_area_id},
        areas=[(pk, a.name) for pk, a in areas.items()],
    )
    if request.method == "POST" and form.is_valid():
        services.recommendation_assign_area(
            actor=actor(request),
            recommendation=recommendation,
            owner_area=areas[form.cleaned_data["owner_area"]],
        )
        messages.success(request, _("Owner area chosen."))
        return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    return render(
        request,
        "insights/recommendation_area.html",
        {"rec": recommendation, "form": form, "has_areas": bool(areas)},
    )


@police_only
@require_http_methods(["GET", "POST"])
def recommendation_respond(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """The police response: decision, reason (required unless accepted), owner (a job
    title), actions and a target date."""
    recommendation = get_recommendation_for_user(actor(request), recommendation_id)
    if recommendation.status != RecommendationStatus.AWAITING_RESPONSE:
        return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_respond(
                actor=actor(request),
                recommendation=recommendation,
                decision=data["decision"],
                reason=data["reason"],
                owner=data["owner"],
                actions=data["actions"],
                target_date=data["target_date"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Response recorded."))
            return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    return render(request, "insights/respond.html", {"rec": recommendation, "form": form})


@police_only
@require_http_methods(["GET", "POST"])
def recommendation_progress(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    """A progress update, evidence of change, or done."""
    recommendation = get_recommendation_for_user(actor(request), recommendation_id)
    if not can_update(recommendation):
        return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    form = ProgressForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_update(
                actor=actor(request),
                recommendation=recommendation,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("insights:recommendation", recommendation_id=recommendation.pk)
    return render(request, "insights/progress.html", {"rec": recommendation, "form": form})
