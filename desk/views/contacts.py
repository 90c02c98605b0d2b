"""The contact log, what a victim agreed about updates, their safe contact, and the channels
on hold for a supervisor's review (docs/desk.md "Contact log" and "One safe-contact model").

- /desk/victims/<id>/contacts/new/: log a contact; refused when it was not safe to make.
- /desk/victims/<id>/agreement/: how often, how, in which language and through whom.
- /desk/victims/<id>/safe-contact/ (?party=nominee for their nominated person).
- /desk/holds/ and /desk/holds/<id>/: supervisors only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from accounts.access import actor, role_required
from desk.access import (
    DESK_ROLES,
    SUPERVISOR_ROLES,
    get_channel_hold_for_user,
    get_victim_for_user,
)
from desk.forms.contacts import (
    SAFE_TIME_ROWS,
    AgreementForm,
    ContactForm,
    HoldReviewForm,
    SafeContactForm,
)
from desk.models import Party
from desk.selectors.cases import (
    current_agreement,
    hold_case_id,
    holds_awaiting_review,
    owed_choices,
    safe_contact_of,
)
from desk.services.agreements import agreement_set
from desk.services.contacts import contact_log, safe_contact_set
from lib.rules import RuleBroken, form_rule_error
from privacy.audit import audit_identity_viewed
from safecontact.models import Channel, HoldReason
from safecontact.rules import safe_windows_text
from safecontact.services import channel_hold_review

desk_only = role_required(*DESK_ROLES)
supervisors_only = role_required(*SUPERVISOR_ROLES)

# The form's fields for the service's rule errors about the time of the contact.
FIELD_FOR = {"at": "at_time"}


def _rule_error(form: ContactForm, broken: RuleBroken) -> None:
    field = FIELD_FOR.get(broken.field or "", broken.field)
    form_rule_error(form, RuleBroken(broken.message, field=field, code=broken.code))


@never_cache
@desk_only
def contact_new(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    form = ContactForm(
        request.POST or None, owed=owed_choices(victim), has_nominee=bool(victim.nominee_name)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            logged = contact_log(
                actor=user,
                victim=victim,
                direction=data["direction"],
                channel=data["channel"],
                party=data["party"],
                outcome=data["outcome"],
                at=data["at"],
                summary=data.get("summary", ""),
                rights_delivered=data.get("rights_delivered") or [],
                reasons_given=data.get("reasons_given", False),
            )
        except RuleBroken as broken:
            _rule_error(form, broken)
        else:
            given = len(logged.closed)
            text = _("Contact logged.")
            if given:
                text += " " + ngettext(
                    "%(count)s update marked as given.",
                    "%(count)s updates marked as given.",
                    given,
                ) % {"count": given}
            messages.success(request, text)
            if logged.late:
                return redirect("desk:late_reason", task_id=logged.late[0].pk)
            return redirect("desk:case", case_id=victim.case_id)
    audit_identity_viewed(viewer=user, person=victim)
    contact = safe_contact_of(victim)
    return render(
        request,
        "desk/contact_new.html",
        {
            "form": form,
            "victim": victim,
            "safe_contact": contact,
            "safe_times": safe_windows_text(contact),
        },
    )


@never_cache
@desk_only
def agreement(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    current = current_agreement(victim)
    initial: dict[str, Any] = {"language": victim.language, "channel": Channel.PHONE}
    if current is not None:
        initial |= {
            "frequency": current.frequency,
            "channel": current.channel,
            "language": current.language,
            "through": current.through,
        }
        if current.every_days:
            initial["every_days"] = current.every_days
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement_set(
                actor=user,
                victim=victim,
                frequency=data["frequency"],
                every_days=data.get("every_days"),
                channel=data["channel"],
                language=data["language"],
                through=data["through"],
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("What they agreed about updates is saved."))
            return redirect("desk:case", case_id=victim.case_id)
    return render(
        request, "desk/agreement.html", {"form": form, "victim": victim, "current": current}
    )


@never_cache
@desk_only
def safe_contact(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    wanted = request.POST.get("party") or request.GET.get("party")
    party = Party.NOMINEE if wanted == Party.NOMINEE and victim.nominee_name else Party.VICTIM
    contact = safe_contact_of(victim, nominee=party == Party.NOMINEE)
    form = SafeContactForm(request.POST or None, initial=SafeContactForm.initial_for(contact))
    if request.method == "POST" and form.is_valid():
        try:
            safe_contact_set(actor=user, victim=victim, party=party, **form.service_fields())
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("Their safe contact is saved."))
            return redirect("desk:case", case_id=victim.case_id)
    audit_identity_viewed(viewer=user, person=victim)
    return render(
        request,
        "desk/safe_contact.html",
        {
            "form": form,
            "victim": victim,
            "party": party,
            "rows": range(SAFE_TIME_ROWS),
        },
    )


@never_cache
@supervisors_only
def holds(request: HttpRequest) -> HttpResponse:
    waiting = list(holds_awaiting_review(actor(request)))
    rows = [(hold, hold_case_id(hold)) for hold in waiting]
    return render(
        request,
        "desk/holds.html",
        {
            "rows": rows,
            "channels": dict(Channel.choices),
            "reasons": dict(HoldReason.choices),
            "localtime": timezone.localtime,
        },
    )


@never_cache
@supervisors_only
def hold_review(request: HttpRequest, hold_id: int) -> HttpResponse:
    user = actor(request)
    hold = get_channel_hold_for_user(user, hold_id)
    form = HoldReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            channel_hold_review(
                actor=user,
                hold=hold,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
            )
        except RuleBroken as broken:
            form_rule_error(form, broken)
        else:
            messages.success(request, _("The hold is reviewed."))
            return redirect("desk:holds")
    return render(
        request,
        "desk/holds_review.html",
        {
            "form": form,
            "hold": hold,
            "case_id": hold_case_id(hold),
            "channels": dict(Channel.choices),
            "reasons": dict(HoldReason.choices),
            "localtime": timezone.localtime,
        },
    )
