"""The programme team's opportunity pages (docs/engagement.md, "Opportunities"):

- engagement/opportunities/: every opportunity, grouped by status;
- engagement/opportunities/new/ and <id>/edit/: create and change one;
- engagement/opportunities/<id>/: everything about it, counts of invitations by status
  (counts only, never who) and the actions;
- <id>/open/ and <id>/close/: a confirmation page, then the change (POST);
- <id>/invite/: how many are eligible now (a count) and a button to invite them.

These pages show no participant's name or contact details.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement import rules
from engagement.access import get_opportunity_for_user, opportunity_list_for
from engagement.forms.opportunities import InviteForm, OpportunityForm
from engagement.models import Opportunity, OpportunityStatus
from engagement.selectors.eligibility import eligible_count
from engagement.selectors.invitations import status_counts
from engagement.services import invitations as invitation_services
from engagement.services import opportunities as services
from engagement.services.invitations import last_day
from lib.rules import RuleBroken, form_rule_error

TEAM = Role.PROGRAMME_ADMIN

# The kind's own pages, built by other features: linked when they exist.
KIND_PAGES = (
    ("engagement:questions", gettext_lazy("Survey questions"), ("survey",)),
    (
        "engagement:material",
        gettext_lazy("Material to review"),
        ("document_review", "video_review"),
    ),
    (
        "engagement:slots",
        gettext_lazy("Times and places"),
        ("call_testing", "group_discussion", "interview"),
    ),
    ("engagement:selection", gettext_lazy("Choose who takes part (fair selection)"), None),
    ("engagement:results", gettext_lazy("Results"), None),
)


def _url(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _pages(opportunity: Opportunity) -> list[dict[str, str]]:
    pages = []
    for name, text, kinds in KIND_PAGES:
        if kinds is not None and opportunity.kind not in kinds:
            continue
        href = _url(name, opportunity_id=opportunity.pk)
        if href:
            pages.append({"href": href, "text": str(text)})
    return pages


@role_required(TEAM)
def opportunity_list(request: HttpRequest) -> HttpResponse:
    items = list(opportunity_list_for(actor(request)).order_by("-opens_at", "pk"))
    groups = [
        (label, [o for o in items if o.status == value])
        for value, label in OpportunityStatus.choices
    ]
    return render(
        request,
        "engagement/opportunities/list.html",
        {
            "groups": [(label, group) for label, group in groups if group],
            "count": len(items),
            "localtime": timezone.localtime,
        },
    )


@role_required(TEAM)
def opportunity_new(request: HttpRequest) -> HttpResponse:
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opportunity = services.opportunity_create(
                actor=actor(request), data=form.opportunity_in()
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            messages.success(request, _("Opportunity created. It is a draft until you open it."))
            return redirect("engagement:opportunity", opportunity_id=opportunity.pk)
    return render(request, "engagement/opportunities/form.html", {"form": form, "item": None})


@role_required(TEAM)
def opportunity_edit(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    form = OpportunityForm(
        request.POST or None,
        initial=OpportunityForm.initial_for(opportunity),
        current=opportunity,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.opportunity_update(
                actor=actor(request), opportunity=opportunity, data=form.opportunity_in()
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            messages.success(
                request,
                _("Opportunity changed.") if changed else _("Nothing was changed."),
            )
            return redirect("engagement:opportunity", opportunity_id=opportunity.pk)
    return render(
        request, "engagement/opportunities/form.html", {"form": form, "item": opportunity}
    )


@role_required(TEAM)
def opportunity_detail(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    now = timezone.now()
    return render(
        request,
        "engagement/opportunities/detail.html",
        {
            "item": opportunity,
            "last_day": last_day(opportunity),
            "counts": status_counts(opportunity),
            "pages": _pages(opportunity),
            "request_url": (
                _url("engagement:request", request_id=opportunity.request_id)
                if opportunity.request_id
                else None
            ),
            "may_invite": rules.may_invite(opportunity, now=now),
            "may_open": opportunity.status in (OpportunityStatus.DRAFT, OpportunityStatus.CLOSED),
            "may_close": opportunity.status == OpportunityStatus.OPEN,
            "labels": _labels(opportunity),
            "localtime": timezone.localtime,
        },
    )


def _labels(opportunity: Opportunity) -> dict[str, str]:
    """Who is eligible, in words ("Anyone" for a list not set)."""
    from engagement.reference import label_for

    questions = {
        "areas": "area",
        "crime_kinds": "crime_kinds",
        "age_bands": "age_band",
        "languages": "languages",
        "formats": "formats",
    }
    return {
        name: label_for(question, list(getattr(opportunity, name))) or _("Anyone")
        for name, question in questions.items()
    }


def _confirm(
    request: HttpRequest, opportunity_id: int, *, action: str, template_context: dict[str, Any]
) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    error = None
    if request.method == "POST":
        try:
            if action == "open":
                services.opportunity_open(actor=user, opportunity=opportunity)
                messages.success(request, _("The opportunity is open. You can now invite people."))
            else:
                services.opportunity_close(actor=user, opportunity=opportunity)
                messages.success(
                    request, _("The opportunity is closed. Nobody else can say yes to it.")
                )
        except RuleBroken as refused:
            error = str(refused)
        else:
            return redirect("engagement:opportunity", opportunity_id=opportunity.pk)
    return render(
        request,
        "engagement/opportunities/confirm.html",
        {"item": opportunity, "action": action, "error": error, **template_context},
    )


@role_required(TEAM)
def opportunity_open(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    return _confirm(request, opportunity_id, action="open", template_context={})


@role_required(TEAM)
def opportunity_close(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    return _confirm(request, opportunity_id, action="close", template_context={})


@role_required(TEAM)
def invite(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sent = invitation_services.invitation_send(
                actor=user, opportunity=opportunity, limit=form.cleaned_data.get("limit")
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            messages.success(
                request,
                ngettext("%(count)s person invited.", "%(count)s people invited.", sent)
                % {"count": sent},
            )
            return redirect("engagement:opportunity", opportunity_id=opportunity.pk)
    now = timezone.now()
    refusal = None
    try:
        rules.check_may_invite(opportunity, now=now)
    except RuleBroken as refused:
        refusal = str(refused)
    return render(
        request,
        "engagement/opportunities/invite.html",
        {
            "item": opportunity,
            "form": form,
            "refusal": refusal,
            "eligible": eligible_count(opportunity) if refusal is None else None,
            "invited": opportunity.invitations.count(),
        },
    )
