"""The programme team's fair selection and representativeness pages (docs/engagement.md,
"Fair selection" and "Representativeness"):

- engagement/opportunities/<id>/selection/ (`engagement:selection`): how many said yes and
  how many places are left, the categories to balance (a GET form), the quotas table
  prefilled from the Census, and each draw's seed and outcome as counts per category value
  against its quotas; `?check=<selection id>` draws a recorded selection again from its seed;
- <id>/selection/run/ (`engagement:selection_run`, POST): the draw;
- <id>/selection/replace/ (`engagement:selection_replace`, POST): a free place to the next
  reserve;
- engagement/representativeness/ (`engagement:representativeness`): the register against
  the Census through the funnel, small numbers suppressed.

No page here shows a participant's name or contact details: counts only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from engagement import census
from engagement.access import get_opportunity_for_user
from engagement.forms.selection import CategoriesForm, QuotasForm
from engagement.models import InvitationStatus, Opportunity
from engagement.selectors import selection as selectors
from engagement.selectors.representativeness import funnel_labels, representativeness_report
from engagement.services import selection as services
from lib.rules import RuleBroken, form_rule_error
from lib.suppression import default_k

TEAM = Role.PROGRAMME_ADMIN


def _page(
    request: HttpRequest,
    opportunity: Opportunity,
    *,
    quotas_form: QuotasForm | None = None,
    categories_form: CategoriesForm | None = None,
) -> HttpResponse:
    statuses = selectors.status_summary(opportunity)
    places = selectors.places_left(opportunity)
    categories_form = categories_form or CategoriesForm(request.GET or None)
    if quotas_form is None:
        chosen = categories_form.chosen()
        quotas_form = QuotasForm(
            initial={"categories": chosen}, categories=chosen, places=max(places, 1)
        )
    check = None
    checked = selectors.selection_for(opportunity, request.GET.get("check"))
    if checked is not None:
        check = {"selection": checked, "result": selectors.selection_check(checked)}
    return render(
        request,
        "engagement/selection/page.html",
        {
            "item": opportunity,
            "waiting": statuses[InvitationStatus.ACCEPTED],
            "holding": statuses[InvitationStatus.SELECTED] + statuses[InvitationStatus.TOOK_PART],
            "reserves": statuses[InvitationStatus.RESERVE],
            "places_left": places,
            "categories_form": categories_form,
            "form": quotas_form,
            "outcomes": selectors.outcomes(opportunity),
            "check": check,
            "field_label": census.field_label,
            "localtime": timezone.localtime,
        },
    )


@role_required(TEAM)
def selection(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    return _page(request, opportunity)


@role_required(TEAM)
@require_POST
def selection_run(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    chosen = [c for c in request.POST.getlist("categories") if c in census.FIELDS]
    places = max(selectors.places_left(opportunity), 1)
    form = QuotasForm(request.POST, categories=chosen, places=places)
    if form.is_valid():
        try:
            record = services.selection_run(
                actor=actor(request),
                opportunity=opportunity,
                categories=form.balanced,
                quotas=form.quotas(),
                seed=form.cleaned_data["seed"] or None,
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            if record.seed:
                messages.success(
                    request,
                    _(
                        "The places are drawn: %(chosen)s with a place and %(reserves)s "
                        "reserves. The seed is %(seed)s. Everyone who said yes is being told."
                    )
                    % {
                        "chosen": len(record.chosen),
                        "reserves": len(record.reserves),
                        "seed": record.seed,
                    },
                )
            else:
                messages.success(
                    request,
                    _(
                        "No draw was needed: everyone who said yes (%(count)s) has a place "
                        "and is being told."
                    )
                    % {"count": len(record.chosen)},
                )
            return redirect("engagement:selection", opportunity_id=opportunity.pk)
    categories_form = CategoriesForm({"categories": chosen})
    return _page(request, opportunity, quotas_form=form, categories_form=categories_form)


@role_required(TEAM)
@require_POST
def selection_replace(request: HttpRequest, opportunity_id: int) -> HttpResponse:
    opportunity = get_opportunity_for_user(actor(request), opportunity_id)
    try:
        offered = services.selection_replace(actor=actor(request), opportunity=opportunity)
    except RuleBroken as refused:
        messages.error(request, str(refused.message))
    else:
        if offered is None:
            messages.error(request, _("There is no reserve left to offer the place to."))
        else:
            messages.success(
                request,
                _("The place was given to the reserve ranked %(rank)s, who is being told.")
                % {"rank": offered.reserve_rank},
            )
    return redirect("engagement:selection", opportunity_id=opportunity.pk)


@role_required(TEAM)
def representativeness(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "reports": representativeness_report(),
        "columns": list(funnel_labels().values()),
        "area": census.area_name(),
        "k": default_k(),
    }
    return render(request, "engagement/representativeness.html", context)
