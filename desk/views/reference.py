"""The desk supervisor's rules (docs/desk.md §1, §4): the days the desk is closed and the
Victims' Code time limits. Supervisors only.

- /desk/closures/: the closed days to come; add one, or remove one that has not passed.
- /desk/time-limits/: the time limits in force, where each comes from, and a change from a
  date (a new row: deadlines already set never move).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import actor, role_required
from desk.access import SUPERVISOR_ROLES
from desk.forms.reference import ClosureForm, TimeLimitForm
from desk.models import DeskClosure, TimeLimit
from desk.services import reference as service
from desk.services.common import time_limits_on
from lib.rules import RuleBroken, form_rule_error

# How many past closed days the page lists under the ones to come.
RECENT_CLOSURES = 10


def _date_rule_error(form: ClosureForm | TimeLimitForm, prefix: str, error: RuleBroken) -> None:
    if error.field == prefix:
        form._date_error(prefix, str(error.message))
    else:
        form_rule_error(form, error)


@role_required(*SUPERVISOR_ROLES)
def closures(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = ClosureForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            closure = get_object_or_404(DeskClosure, pk=request.POST.get("closure") or 0)
            try:
                service.closure_remove(actor=user, closure=closure)
            except RuleBroken as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request,
                    _("The desk is open again on %(day)s.")
                    % {"day": closure.day.strftime("%A %-d %B %Y")},
                )
            return redirect("desk:closures")
        if form.is_valid():
            try:
                closure = service.closure_add(
                    actor=user, day=form.day, reason=form.cleaned_data["reason"]
                )
            except RuleBroken as refused:
                _date_rule_error(form, "day", refused)
            else:
                messages.success(
                    request,
                    _(
                        "The desk is closed on %(day)s. Deadlines made from now on skip it; "
                        "deadlines already set do not move."
                    )
                    % {"day": closure.day.strftime("%A %-d %B %Y")},
                )
                return redirect("desk:closures")
    today = timezone.localdate()
    return render(
        request,
        "desk/closures.html",
        {
            "form": form,
            "coming": DeskClosure.objects.filter(day__gte=today).order_by("day"),
            "past": DeskClosure.objects.filter(day__lt=today).order_by("-day")[:RECENT_CLOSURES],
        },
    )


@role_required(*SUPERVISOR_ROLES)
def time_limits(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    current = sorted(time_limits_on(today).values(), key=lambda limit: (limit.right, limit.code))
    codes = [(limit.code, limit.label) for limit in current]
    form = TimeLimitForm(request.POST or None, codes=codes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = service.time_limit_change(
                actor=user,
                code=data["code"],
                standard_working_days=data["standard_working_days"],
                enhanced_working_days=data["enhanced_working_days"],
                effective_from=data["effective_from"],
                reason=data["reason"],
            )
        except RuleBroken as refused:
            _date_rule_error(form, "effective_from", refused)
        else:
            messages.success(
                request,
                _(
                    "%(label)s: %(standard)s working days (%(enhanced)s for enhanced rights) "
                    "from %(day)s. Deadlines already set do not move."
                )
                % {
                    "label": new.label,
                    "standard": new.standard_working_days,
                    "enhanced": new.enhanced_working_days,
                    "day": new.effective_from.strftime("%-d %B %Y"),
                },
            )
            return redirect("desk:time_limits")
    return render(
        request,
        "desk/time_limits.html",
        {
            "form": form,
            "current": current,
            "scheduled": TimeLimit.objects.filter(effective_from__gt=today).order_by(
                "effective_from", "code"
            ),
        },
    )
