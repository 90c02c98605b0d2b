"""Finding a case, the case page, and adding or correcting a case by hand (docs/desk.md §3-4).

- /desk/find/: crime reference and postcode or date of birth (never a name), by POST so
  nothing identifying is in an address; rate-limited per agent; found and failed lookups
  are audited.
- /desk/cases/<id>/: everything an agent needs on the call, each victim's identity view
  audited.
- /desk/cases/new/, /desk/cases/<id>/correct/, /desk/cases/<id>/events/new/: staff changes,
  through the same services as the crime recording system, with a reason.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from accounts.access import actor, role_required
from desk.access import DESK_ROLES, get_case_for_user
from desk.audit_events import CASE_FOUND, LOOKUP_FAILED
from desk.forms.cases import CaseForm, EventForm, FindForm, date_initial, victim_date_of_birth
from desk.models import Case, Victim
from desk.selectors.cases import case_find, case_view
from desk.services import CaseIn, VictimIn, case_receive, event_receive
from lib.ratelimit import ratelimit_hit
from lib.rules import RuleBroken, form_rule_error
from privacy.audit import audit_identity_viewed, audit_record
from safecontact.models import Outcome

desk_only = role_required(*DESK_ROLES)
# The same words whatever did not match: the page never says which part was wrong.
NOT_FOUND = gettext_lazy("We could not find a case with those details")


@never_cache
@desk_only
def find(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    form = FindForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit_hit(
            "desk-find", str(user.pk), limit=settings.DESK_LOOKUPS_PER_MINUTE, period=60
        ):
            return render(request, "desk/find_limited.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            victim = case_find(
                crime_reference=data["crime_reference"],
                postcode=data.get("postcode") or "",
                born=data.get("date_of_birth"),
            )
            note = f"second_factor={form.second_factor}"
            if victim is not None:
                audit_record(
                    actor=user, action=CASE_FOUND, obj=victim, fields=["second_factor"], note=note
                )
                return redirect("desk:case", case_id=victim.case_id)
            audit_record(actor=user, action=LOOKUP_FAILED, fields=["second_factor"], note=note)
            form.add_error(None, NOT_FOUND)
    return render(request, "desk/find.html", {"form": form})


@never_cache
@desk_only
def case(request: HttpRequest, case_id: int) -> HttpResponse:
    user = actor(request)
    found = get_case_for_user(user, case_id)
    view = case_view(found)
    for shown in view.victims:
        audit_identity_viewed(viewer=user, person=shown.victim)
    return render(
        request,
        "desk/case.html",
        {
            "view": view,
            "case": found,
            "localtime": timezone.localtime,
            "outcome_labels": dict(Outcome.choices),
        },
    )


def _payload(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "reason"}


def _case_in(data: dict[str, Any], reference: str, victim: Victim | None) -> CaseIn:
    keep = victim or Victim()
    return CaseIn(
        crime_reference=reference,
        offence_category=data["offence_category"].code,
        team_code=data["team"].slug,
        oic_display=data.get("oic_display", ""),
        victims=[
            VictimIn(
                victim_ref=victim.victim_ref if victim else "V1",
                full_name=data["full_name"],
                date_of_birth=data.get("date_of_birth"),
                postcode=data.get("postcode", ""),
                language=data["language"],
                interpreter_language=data.get("interpreter_language", ""),
                grounds=list(data.get("grounds") or []),
                # What this form does not ask is kept as it is.
                sex=keep.sex or "",
                ethnic_group=keep.ethnic_group or "",
                nominee_name=keep.nominee_name or "",
                nominee_relationship=keep.nominee_relationship or "",
                feedback_opt_out=keep.feedback_opt_out,
            )
        ],
    )


def _save_case(
    request: HttpRequest, form: CaseForm, reference: str, victim: Victim | None
) -> int | None:
    data = form.cleaned_data
    try:
        body, _new = case_receive(
            data=_case_in(data, reference, victim),
            source_event_id=f"staff:{uuid.uuid4()}",
            payload=_payload({k: str(v) for k, v in data.items()}),
            integration=None,
            actor=actor(request),
            reason=data["reason"],
        )
    except RuleBroken as broken:
        form_rule_error(form, broken)
        return None
    return int(body["case_id"])


@never_cache
@desk_only
def case_new(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["crime_reference"]
        case_id = _save_case(request, form, reference, None)
        if case_id is not None:
            messages.success(request, _("The case is added."))
            return redirect("desk:case", case_id=case_id)
    return render(request, "desk/case_form.html", {"form": form, "case": None})


def _victim_to_correct(request: HttpRequest, found: Case) -> Victim | None:
    victims = found.victims.filter(erased_at__isnull=True)
    wanted = request.POST.get("victim") or request.GET.get("victim")
    if wanted and str(wanted).isdigit():
        chosen = victims.filter(pk=int(wanted)).first()
        if chosen is not None:
            return chosen
    return victims.first()


@never_cache
@desk_only
def case_correct(request: HttpRequest, case_id: int) -> HttpResponse:
    user = actor(request)
    found = get_case_for_user(user, case_id)
    victim = _victim_to_correct(request, found)
    initial = CaseForm.initial_for(found, victim) | date_initial(
        "date_of_birth", victim_date_of_birth(victim)
    )
    form = CaseForm(request.POST or None, initial=initial, correcting=True)
    saved = (
        request.method == "POST"
        and form.is_valid()
        and _save_case(request, form, found.crime_reference, victim) is not None
    )
    if saved:
        messages.success(request, _("The case is corrected."))
        return redirect("desk:case", case_id=found.pk)
    if victim is not None:
        audit_identity_viewed(viewer=user, person=victim)
    return render(request, "desk/case_form.html", {"form": form, "case": found, "victim": victim})


@never_cache
@desk_only
def event_new(request: HttpRequest, case_id: int) -> HttpResponse:
    user = actor(request)
    found = get_case_for_user(user, case_id)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event_receive(
                crime_reference=found.crime_reference,
                kind=data["kind"],
                occurred_at=data["occurred_at"],
                source_event_id=f"staff:{uuid.uuid4()}",
                payload={"kind": data["kind"], "occurred_at": data["occurred_at"].isoformat()},
                integration=None,
                actor=user,
                reason=data["reason"],
            )
        except RuleBroken as broken:
            if broken.code == "occurred_in_future":
                broken = RuleBroken(
                    _("The date and time must not be in the future."), field="occurred_time"
                )
            elif broken.code == "case_closed":
                broken = RuleBroken(_("This case is closed."))
            form_rule_error(form, broken)
        else:
            messages.success(request, _("The event is recorded."))
            return redirect("desk:case", case_id=found.pk)
    return render(request, "desk/case_event.html", {"form": form, "case": found})
