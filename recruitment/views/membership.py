"""Membership: making an accepted applicant a member, and the waiting list of members
without a forum (placing one in a forum with the forums' own service)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import actor, role_required
from lib.rules import RuleBroken, form_rule_error
from recruitment import rules, selectors, services
from recruitment.access import get_application_for_user
from recruitment.forms import staff as forms_staff
from recruitment.models import Membership, Stage
from recruitment.views.common import MANAGER_ROLES, form_page, rule_or_redirect


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def onboard(request: HttpRequest, application_id: int) -> HttpResponse:
    user = actor(request)
    application = get_application_for_user(user, application_id)
    refused = rule_or_redirect(request, rules.check_onboard, application)
    if refused:
        return refused
    form = forms_staff.OnboardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_onboard(
                actor=user,
                application=application,
                tenure_ends_on=form.cleaned_data["tenure_ends_on"],
            )
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            messages.success(request, _("They are now a member."))
            return redirect("recruitment_staff:application", application_id=application.pk)
    return form_page(
        request,
        application,
        "recruitment/staff/onboard.html",
        form,
        has_email=bool(application.email),
    )


@role_required(*MANAGER_ROLES)
def waiting_list(request: HttpRequest) -> HttpResponse:
    """Members who joined but have no forum yet, with counts by the cohort they applied to.
    References only: names are on each application's page (audited)."""
    waiting = selectors.memberships_waiting(viewer=actor(request))
    return render(
        request,
        "recruitment/staff/waiting_list.html",
        {"waiting": waiting, "counts": selectors.waiting_counts(memberships=waiting)},
    )


@role_required(*MANAGER_ROLES)
@require_http_methods(["GET", "POST"])
def waiting_place(request: HttpRequest, membership_id: int) -> HttpResponse:
    """Place one waiting member in a forum, with the forums' own service."""
    from forums import rules as forum_rules
    from forums.services import forum_member_join

    membership = get_object_or_404(
        Membership.objects.select_related("application"),
        pk=membership_id,
        application__stage=Stage.ONBOARDED,
        forum_membership__isnull=True,
    )
    forums = selectors.forums_for_membership(membership=membership)
    applied = {c.pk for c in membership.application.cohorts.all()}
    choices = [
        (
            str(f.pk),
            f.name + (" " + _("(a forum they applied for)") if f.cohort_id in applied else ""),
        )
        for f in forums
    ]
    form = forms_staff.PlaceForm(
        request.POST if request.method == "POST" else None, choices=choices
    )
    if request.method == "POST" and form.is_valid():
        forum = next(f for f in forums if str(f.pk) == form.cleaned_data["forum"])
        try:
            forum_member_join(actor=actor(request), forum=forum, membership=membership)
        except RuleBroken as error:
            form_rule_error(form, error)
        else:
            if forum_rules.forum_over_capacity(forum):
                messages.warning(
                    request,
                    _("%(forum)s now has more members than its capacity of %(n)s.")
                    % {"forum": forum.name, "n": forum.capacity},
                )
            else:
                messages.success(
                    request, _("They have a place in %(forum)s.") % {"forum": forum.name}
                )
            return redirect("recruitment_staff:waiting_list")
    return form_page(
        request,
        membership.application,
        "recruitment/staff/waiting_place.html",
        form,
        membership=membership,
        cohorts=[c.display_name for c in membership.application.cohorts.all()],
    )
