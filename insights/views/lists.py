"""Pages of the feedback loop's managed lists (programme admins): themes, owner areas and
police leads' positions. Writes go through insights.services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import actor
from accounts.models import User
from accounts.roles import Role
from insights import selectors, services
from insights.forms import OwnerAreaForm, PositionForm, ThemeForm
from insights.models import OwnerArea, PolicePosition, Theme
from insights.views.recommendations import admin_only
from lib.rules import RuleBroken, form_rule_error

# Managed lists: themes and owner areas (programme admins) --------------------------------


@admin_only
def theme_list(request: HttpRequest) -> HttpResponse:
    themes = list(Theme.objects.order_by("-active", "order", "name"))
    return render(request, "insights/themes.html", {"themes": themes})


@admin_only
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, theme_id: int | None = None) -> HttpResponse:
    """Add a theme, or rename or retire one."""
    theme = get_object_or_404(Theme, pk=theme_id) if theme_id is not None else None
    initial = (
        {"name": theme.name, "name_cy": theme.name_cy, "active": theme.active}
        if theme
        else {"active": True}
    )
    form = ThemeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if theme is None:
                services.theme_create(
                    actor=actor(request), name=data["name"], name_cy=data["name_cy"]
                )
            else:
                services.theme_update(
                    actor=actor(request),
                    theme=theme,
                    name=data["name"],
                    name_cy=data["name_cy"],
                    active=data["active"],
                )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Theme saved."))
            return redirect("insights:themes")
    return render(request, "insights/theme_form.html", {"theme": theme, "form": form})


@admin_only
def area_list(request: HttpRequest) -> HttpResponse:
    areas = list(selectors.owner_areas())
    return render(request, "insights/areas.html", {"areas": areas})


def _police_leads() -> list[tuple[int, str]]:
    return list(
        User.objects.filter(
            is_active=True,
            role_assignments__role=Role.POLICE_LEAD,
            role_assignments__ended_at__isnull=True,
        )
        .distinct()
        .order_by("full_name")
        .values_list("pk", "full_name")
    )


@admin_only
@require_http_methods(["GET", "POST"])
def area_edit(request: HttpRequest, area_id: int | None = None) -> HttpResponse:
    """Add an owner area, or change its name, description, leads or whether it is in use."""
    area = None
    if area_id is not None:
        area = OwnerArea.objects.filter(pk=area_id).first()
        if area is None:
            raise Http404
    leads = _police_leads()
    initial: dict[str, Any] = {"active": True}
    if area is not None:
        initial = {
            "name": area.name,
            "description": area.description,
            "active": area.active,
            "leads": list(area.leads.values_list("pk", flat=True)),
        }
    form = OwnerAreaForm(
        request.POST if request.method == "POST" else None, initial=initial, leads=leads
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(User.objects.filter(pk__in=data["leads"]))
        try:
            if area is None:
                services.owner_area_create(
                    actor=actor(request),
                    name=data["name"],
                    description=data["description"],
                    leads=chosen,
                )
            else:
                services.owner_area_update(
                    actor=actor(request),
                    area=area,
                    name=data["name"],
                    description=data["description"],
                    active=data["active"],
                    leads=chosen,
                )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("Owner area saved."))
            return redirect("insights:areas")
    return render(request, "insights/area_form.html", {"area": area, "form": form})


# Police lead positions (programme admins) -------------------------------------------------


def _police_lead_users() -> Any:
    return (
        User.objects.filter(
            role_assignments__role=Role.POLICE_LEAD, role_assignments__ended_at__isnull=True
        )
        .distinct()
        .select_related("police_lead_profile")
        .prefetch_related("owner_areas_led")
        .order_by("full_name")
    )


@admin_only
def police_lead_list(request: HttpRequest) -> HttpResponse:
    """Every police lead with their position and the owner areas they lead."""
    rows = []
    for lead in _police_lead_users():
        profile = getattr(lead, "police_lead_profile", None)
        rows.append(
            {
                "lead": lead,
                "position": profile.get_position_display()
                if profile
                else PolicePosition.PROFESSIONAL_LEAD.label,
                "areas": [area.name for area in lead.owner_areas_led.all()],
            }
        )
    return render(request, "insights/police_leads.html", {"rows": rows})


@admin_only
@require_http_methods(["GET", "POST"])
def police_lead_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    """Set a police lead's position."""
    lead = _police_lead_users().filter(pk=user_id).first()
    if lead is None:
        raise Http404
    profile = getattr(lead, "police_lead_profile", None)
    form = PositionForm(
        request.POST if request.method == "POST" else None,
        initial={"position": profile.position if profile else PolicePosition.PROFESSIONAL_LEAD},
    )
    if request.method == "POST" and form.is_valid():
        services.police_lead_profile_set(
            actor=actor(request), user=lead, position=form.cleaned_data["position"]
        )
        messages.success(request, _("Position saved."))
        return redirect("insights:police_leads")
    return render(request, "insights/police_lead_form.html", {"lead": lead, "form": form})
