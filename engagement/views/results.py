"""Results pages (docs/engagement.md, "Results").

- engagement/opportunities/<id>/results/: the aggregated answers, a chart and a table for
  each question, small numbers suppressed, comments only as a reviewer released them. The
  programme team always; the partner agency whose organisation asked, once released (404
  before, as for anyone who must not know it exists). Also as CSV (results/csv/).
- .../results/release/: the team releases them (confirmation, then POST).
- .../what-changed/: the partner says what they changed because of it.
- portal/register/you-said-we-did/: a participant reads, for every opportunity they took
  part in, what the partner changed, or what we are still waiting for.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement.access import (
    PARTNERS,
    PROGRAMME_TEAM,
    get_opportunity_for_user,
    may_request_engagement,
    may_run_register,
    participant_of,
)
from engagement.forms.results import WhatChangedForm
from engagement.models import Opportunity
from engagement.selectors.results import survey_results, took_part_count, you_said_for
from engagement.services.results import (
    check_may_release,
    comments_waiting,
    results_release,
    what_changed_record,
)
from engagement.views.surveys import url_or_none
from lib.rules import RuleBroken, form_rule_error
from lib.suppression import suppress_count

team_only = role_required(*PROGRAMME_TEAM)
team_or_partner = role_required(*PROGRAMME_TEAM, *PARTNERS)
partners_only = role_required(*PARTNERS)


def _language() -> str:
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def _results_for(request: HttpRequest, opportunity_id: int) -> Opportunity:
    """The opportunity, for the team; for its partner only once released; else 404."""
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    if not may_run_register(user) and opportunity.results_released_at is None:
        raise Http404
    return opportunity


@never_cache
@team_or_partner
def results(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = _results_for(request, opportunity_id)
    team = may_run_register(user)
    release_refused = ""
    if team and opportunity.results_released_at is None:
        try:
            check_may_release(opportunity)
        except RuleBroken as broken:
            release_refused = str(broken)
    today = timezone.localdate()
    return render(
        request,
        "engagement/results/results.html",
        {
            "opportunity": opportunity,
            "results": survey_results(opportunity, language=_language()),
            "took_part": suppress_count(took_part_count(opportunity)),
            "team": team,
            "partner": may_request_engagement(user),
            "release_refused": release_refused,
            "overdue": opportunity.what_changed_at is None
            and opportunity.change_due_on is not None
            and opportunity.change_due_on < today,
            "back_url": url_or_none("engagement:opportunity", opportunity_id=opportunity.pk)
            if team
            else url_or_none("accounts:dashboard"),
            "review_url": url_or_none("redaction:queue"),
        },
    )


@never_cache
@team_or_partner
def results_csv(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = _results_for(request, opportunity_id)
    built = survey_results(opportunity, language=_language())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="results-{opportunity.pk}.csv"'
    writer = csv.writer(response)
    for row in built.csv_rows():
        writer.writerow(row)
    return response


@never_cache
@team_only
def release(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    if request.method == "POST":
        try:
            results_release(actor=user, opportunity=opportunity)
        except RuleBroken as broken:
            messages.error(request, str(broken))
        else:
            messages.success(
                request,
                _("The results are released. The partner has been told.")
                if opportunity.request_id
                else _("The results are released."),
            )
        return redirect("engagement:results", opportunity_id=opportunity.pk)
    refused = ""
    try:
        check_may_release(opportunity)
    except RuleBroken as broken:
        refused = str(broken)
    return render(
        request,
        "engagement/results/release.html",
        {
            "opportunity": opportunity,
            "refused": refused,
            "waiting": comments_waiting(opportunity),
        },
    )


@never_cache
@partners_only
def what_changed(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    user = actor(request)
    opportunity = get_opportunity_for_user(user, opportunity_id)
    if opportunity.results_released_at is None:
        raise Http404
    form = WhatChangedForm(
        request.POST if request.method == "POST" else None,
        initial={
            "what_changed": opportunity.what_changed,
            "what_changed_cy": opportunity.what_changed_cy,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            what_changed_record(
                actor=user,
                opportunity=opportunity,
                what_changed=form.cleaned_data["what_changed"],
                what_changed_cy=form.cleaned_data.get("what_changed_cy", ""),
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(
                request, _("Thank you. The people who took part can now read what you changed.")
            )
            return redirect("engagement:results", opportunity_id=opportunity.pk)
    return render(
        request, "engagement/results/what_changed.html", {"opportunity": opportunity, "form": form}
    )


@never_cache
@role_required(Role.MEMBER)
def you_said(request: HttpRequest) -> HttpResponse:
    """What partners changed because of the opportunities this participant took part in.
    Nothing on it identifies anyone, so no identity read is audited."""
    participant = participant_of(actor(request))
    entries = you_said_for(participant, language=_language()) if participant else []
    return render(
        request,
        "engagement/results/you_said.html",
        {
            "participant": participant,
            "entries": entries,
            "portal_url": url_or_none("portal:home"),
        },
    )
