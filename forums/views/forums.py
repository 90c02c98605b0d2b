"""Forum pages: the list, a forum, its settings, and members joining and changing status."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from forums import rules, selectors, services
from forums.access import get_forum_for_user, may_manage_forum
from forums.forms import ForumSettingsForm, JoinForm
from forums.models import ForumMembership, MembershipStatus
from forums.views.common import forum_roles_only
from lib.rules import RuleBroken, form_rule_error
from recruitment.selectors import memberships_waiting


@forum_roles_only
def forum_list(request: HttpRequest) -> HttpResponse:
    forums = list(selectors.forum_list(viewer=actor(request)))
    return render(request, "forums/list.html", {"forums": forums})


@forum_roles_only
def forum_detail(request: HttpRequest, forum_id: int) -> HttpResponse:
    forum = get_forum_for_user(actor(request), forum_id)
    members = selectors.forum_members(forum=forum)
    current = [m for m in members if m.status != MembershipStatus.LEFT]
    meetings = list(selectors.meeting_list(forum=forum))
    now = timezone.now()
    return render(
        request,
        "forums/detail.html",
        {
            "forum": forum,
            "can_change": may_manage_forum(actor(request), forum),
            "facilitator_count": selectors.forum_facilitator_count(forum=forum),
            "members": members,
            "member_count": len(current),
            "over_capacity": len(current) > forum.capacity,
            "upcoming": [m for m in meetings if m.starts_at >= now][:3],
            "past_count": sum(1 for m in meetings if m.starts_at < now),
        },
    )


@role_required(Role.PROGRAMME_ADMIN)
def forum_edit(request: HttpRequest, forum_id: int) -> HttpResponse:
    """The programme team sets a forum's cohort, capacity, tenure, cadence, representatives
    and co-chairs. A new tenure end moves every member's retention clock with it."""
    forum = get_forum_for_user(actor(request), forum_id)
    initial: dict[str, Any] = {
        "cohort": forum.cohort_id,
        "capacity": forum.capacity,
        "cadence_days": forum.cadence_days,
        "police_representative": forum.police_representative_id,
        "oversight_representative": forum.oversight_representative_id,
        "co_chairs": list(forum.co_chairs.values_list("pk", flat=True)),
    }
    for prefix, value in (
        ("tenure_starts_on", forum.tenure_starts_on),
        ("tenure_ends_on", forum.tenure_end),
    ):
        initial.update(
            {
                f"{prefix}-day": value.day,
                f"{prefix}-month": value.month,
                f"{prefix}-year": value.year,
            }
        )
    form = ForumSettingsForm(request.POST or None, initial=initial, forum=forum)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.forum_settings_set(
                actor=actor(request),
                forum=forum,
                cohort=data.get("cohort"),
                capacity=data["capacity"],
                cadence_days=data["cadence_days"],
                tenure_starts_on=data["tenure_starts_on"],
                tenure_ends_on=data.get("tenure_ends_on"),
                police_representative=data.get("police_representative"),
                oversight_representative=data.get("oversight_representative"),
                co_chairs=data.get("co_chairs") or [],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("The forum's settings are saved."))
            return redirect("forums:detail", forum.pk)
    return render(request, "forums/forum_edit.html", {"forum": forum, "form": form})


@forum_roles_only
def member_join(request: HttpRequest, forum_id: int) -> HttpResponse:
    """Give an onboarded applicant (without a forum yet) a place in this forum."""
    forum = get_forum_for_user(actor(request), forum_id)
    # Who this forum may take, whatever cohort they applied to (recruitment.selectors).
    waiting = memberships_waiting(viewer=actor(request), forum=forum)
    choices = [(str(m.pk), m.application.full_name or m.application.reference) for m in waiting]
    form = JoinForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        membership = next(m for m in waiting if str(m.pk) == form.cleaned_data["membership"])
        try:
            services.forum_member_join(actor=actor(request), forum=forum, membership=membership)
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            if rules.forum_over_capacity(forum):
                messages.warning(
                    request,
                    _("The forum now has more members than its capacity of %(n)s.")
                    % {"n": forum.capacity},
                )
            else:
                messages.success(request, _("They have joined the forum."))
            return redirect("forums:detail", forum.pk)
    return render(
        request,
        "forums/member_join.html",
        {
            "forum": forum,
            "form": form,
            "has_choices": bool(choices),
            "would_exceed": rules.forum_over_capacity(forum, extra=1),
        },
    )


@forum_roles_only
@require_POST
def member_status(request: HttpRequest, forum_id: int, membership_id: int) -> HttpResponse:
    forum = get_forum_for_user(actor(request), forum_id)
    fm = get_object_or_404(ForumMembership, pk=membership_id, forum=forum)
    action = {
        "step_back": services.membership_step_back,
        "return": services.membership_return,
        "leave": services.membership_leave,
    }.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    try:
        action(actor=actor(request), forum_membership=fm)
    except RuleBroken as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The member's status is changed."))
    return redirect("forums:detail", forum.pk)
