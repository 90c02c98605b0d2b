"""Partner requests and the Terms of Reference (docs/engagement.md, "Partner requests").

- engagement/requests/new/: a partner agency asks to hear from the register.
- engagement/requests/: the programme team's list, overdue first.
- engagement/requests/<id>/: one request, for the team and the partner's organisation
  (anyone else gets 404), with its status, deadlines and what can be done next.
- engagement/requests/<id>/decide/: the team approves, asks for changes or declines.
- engagement/requests/<id>/change/ and /withdraw/: the partner's own next steps.
- engagement/requests/<id>/material/: the file the partner uploaded, as a download for the
  same people (never a public file URL).
- engagement/terms/: the Terms of Reference in force, their history and a change from a date.

No page here shows a participant: requests come before anyone is contacted.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePosixPath

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement import rules
from engagement.access import get_request_for_user, may_request_engagement, may_run_register
from engagement.forms.requests import DecisionForm, RequestForm, TermsForm
from engagement.models import Opportunity, PartnerRequest
from engagement.selectors.requests import request_queue
from engagement.services import requests as service
from engagement.services import terms as terms_service
from lib.rules import RuleBroken, form_rule_error
from lib.storage import stored_file_response

team_only = role_required(Role.PROGRAMME_ADMIN)
partners_only = role_required(Role.PARTNER_AGENCY)
team_or_partners = role_required(Role.PROGRAMME_ADMIN, Role.PARTNER_AGENCY)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _show_rule_error(form: RequestForm | TermsForm, error: RuleBroken) -> None:
    """A rule's error next to its field: a date's on its GOV.UK date input."""
    if error.field in {prefix for prefix, _label, _required in form.dates}:
        form._date_error(error.field, str(error.message))  # type: ignore[arg-type]
    else:
        form_rule_error(form, error)


def _reverse_or_none(name: str, **kwargs: int) -> str | None:
    """The address of another feature's page, or None while that page does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


# A partner's request -----------------------------------------------------------------------


@partners_only
def request_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if not may_request_engagement(user):
        raise PermissionDenied
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = service.request_submit(actor=user, **form.answers())
        except RuleBroken as refused:
            _show_rule_error(form, refused)
        else:
            messages.success(
                request,
                _("Your request was sent. The programme team will decide by %(day)s.")
                % {"day": _day(item.decide_by)},
            )
            return redirect("engagement:request", request_id=item.pk)
    return _request_form_page(request, form, item=None)


def _request_form_page(
    request: HttpRequest, form: RequestForm, *, item: PartnerRequest | None
) -> HttpResponse:
    """The request form (new or changed), with the Terms in force today in words."""
    today = timezone.localdate()
    terms = terms_service.terms_on(today)
    return render(
        request,
        "engagement/requests/form.html",
        {
            "form": form,
            "terms": terms,
            "earliest": rules.earliest_start(today, terms),
            "decide_by": rules.decision_due(today, terms),
            "item": item,
            "max_mb": rules.material_max_bytes() // (1024 * 1024),
        },
    )


@partners_only
def request_change(request: HttpRequest, request_id: int) -> HttpResponse:
    user = actor(request)
    item = get_request_for_user(user, request_id)
    if not rules.may_resubmit(item):
        messages.error(request, _("You can only change a request when changes are asked for."))
        return redirect("engagement:request", request_id=item.pk)
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES or None)
        if form.is_valid():
            try:
                item = service.request_resubmit(
                    actor=user,
                    request=item,
                    remove_material=form.cleaned_data["remove_material"],
                    **form.answers(),
                )
            except RuleBroken as refused:
                _show_rule_error(form, refused)
            else:
                messages.success(
                    request,
                    _("Your changed request was sent. The programme team will decide by %(day)s.")
                    % {"day": _day(item.decide_by)},
                )
                return redirect("engagement:request", request_id=item.pk)
    else:
        form = RequestForm.for_request(item)
    return _request_form_page(request, form, item=item)


@partners_only
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    user = actor(request)
    item = get_request_for_user(user, request_id)
    if not rules.may_withdraw(item):
        messages.error(request, _("This request has been decided, so it cannot be withdrawn."))
        return redirect("engagement:request", request_id=item.pk)
    if request.method == "POST":
        try:
            service.request_withdraw(actor=user, request=item)
        except RuleBroken as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The request is withdrawn."))
        return redirect("engagement:request", request_id=item.pk)
    return render(request, "engagement/requests/withdraw.html", {"item": item})


# The request page, shared by the team and the partner --------------------------------------


@team_or_partners
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    user = actor(request)
    item = get_request_for_user(user, request_id)
    today = timezone.localdate()
    team = may_run_register(user)
    opportunity = Opportunity.objects.filter(request=item).first()
    results_url = (
        _reverse_or_none("engagement:results", opportunity_id=opportunity.pk)
        if opportunity is not None and opportunity.results_released_at is not None
        else None
    )
    opportunity_url = (
        _reverse_or_none("engagement:opportunity", opportunity_id=opportunity.pk)
        if team and opportunity is not None
        else None
    )
    return render(
        request,
        "engagement/requests/detail.html",
        {
            "item": item,
            "team": team,
            "overdue": rules.is_overdue(item, today),
            "may_decide": team and rules.may_decide(item),
            "may_change": not team and rules.may_resubmit(item),
            "may_withdraw": not team and rules.may_withdraw(item),
            "opportunity": opportunity,
            "last_day": (
                timezone.localtime(opportunity.closes_at - timedelta(microseconds=1)).date()
                if opportunity is not None
                else None
            ),
            "results_url": results_url,
            "opportunity_url": opportunity_url,
            "localtime": timezone.localtime,
        },
    )


@team_or_partners
def request_material(request: HttpRequest, request_id: int) -> HttpResponse:
    item = get_request_for_user(actor(request), request_id)
    if not item.material:
        raise Http404
    suffix = PurePosixPath(item.material.name).suffix.lower()
    return stored_file_response(  # type: ignore[return-value]
        item.material,
        filename=f"request-{item.pk}-material{suffix}",
        content_type=rules.MATERIAL_TYPES.get(suffix, "application/octet-stream"),
    )


# The programme team ------------------------------------------------------------------------


@team_only
def request_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = list(request_queue(viewer=actor(request), today=today))
    overdue = 0
    for item in items:
        item.overdue = rules.is_overdue(item, today)  # type: ignore[attr-defined]
        overdue += item.overdue  # type: ignore[attr-defined]
    return render(
        request,
        "engagement/requests/list.html",
        {"items": items, "overdue_count": overdue, "localtime": timezone.localtime},
    )


def _decided(decision: str) -> str:
    if decision == service.Decision.APPROVE:
        return _(
            "The request is approved and a draft opportunity was made from it. Nobody has "
            "been contacted: complete the opportunity and open it first. The partner was "
            "told by email."
        )
    if decision == service.Decision.CHANGES:
        return _("Changes were asked for. The partner was told by email.")
    return _("The request is declined. The partner was told by email.")


@team_only
def request_decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = actor(request)
    item: PartnerRequest = get_request_for_user(user, request_id)
    if not rules.may_decide(item):
        messages.error(request, _("This request is not waiting for a decision."))
        return redirect("engagement:request", request_id=item.pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            service.request_decide(
                actor=user, request=item, decision=decision, reason=form.cleaned_data["reason"]
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            messages.success(request, _decided(decision))
            return redirect("engagement:request", request_id=item.pk)
    return render(
        request,
        "engagement/requests/decide.html",
        {"item": item, "form": form, "overdue": rules.is_overdue(item, timezone.localdate())},
    )


@team_only
def terms(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    current = terms_service.terms_on(today)
    form = TermsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = terms_service.terms_set(
                actor=user,
                effective_from=data["effective_from"],
                **{name: data[name] for name in TermsForm.NUMBERS},
            )
        except RuleBroken as refused:
            _show_rule_error(form, refused)
        else:
            messages.success(
                request,
                _(
                    "New Terms of Reference from %(day)s. Requests already sent keep the terms "
                    "they were given."
                )
                % {"day": _day(new.effective_from)},
            )
            return redirect("engagement:terms")
    return render(
        request,
        "engagement/terms.html",
        {
            "form": form,
            "current": current,
            "history": terms_service.terms_history(),
            "today": today,
        },
    )
