"""Right 4 on the desk: the needs assessment, a referral to a support service and what the
service said, and the feedback invitation after a call (docs/desk.md).

- /desk/victims/<id>/assessment/: record a needs assessment.
- /desk/victims/<id>/referral/: refer the victim to a service (the consent wording to read
  out is shown once a service is chosen: ?service=<id>, a directory record, not personal).
- /desk/referrals/<id>/: a referral, its history and what the service said.
- /desk/victims/<id>/invitation/: send a feedback invitation after a call.

These pages show no name, date of birth, postcode or contact details: only the case number.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import actor, role_required
from desk.access import DESK_ROLES, get_referral_for_user, get_victim_for_user
from desk.forms.referrals import AssessmentForm, DeclineForm, InvitationForm, ReferralForm
from desk.models import Referral, ReferralStatus, SharedField, Victim
from desk.services import invitations
from desk.services import referrals as service
from lib.rules import RuleBroken, form_rule_error


def case_url(victim: Victim) -> str | None:
    """The case page, where the desk's flow goes back to."""
    try:
        return reverse("desk:case", kwargs={"case_id": victim.case_id})
    except NoReverseMatch:
        return None


def _back(victim: Victim) -> Any:
    target = case_url(victim)
    return redirect(target) if target else redirect("desk:assessment_new", victim_id=victim.pk)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


# Needs assessment ----------------------------------------------------------------------


@role_required(*DESK_ROLES)
def assessment_new(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.needs_assess(
                actor=user,
                victim=victim,
                needs=data["needs"],
                referral_declined=data["referral_declined"] == "yes",
                notes=data["notes"],
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            task = service.open_referral_task(victim)
            if task is not None and data["needs"] and data["referral_declined"] == "no":
                messages.success(
                    request,
                    _("Needs assessment recorded. Make the referral by %(due)s.")
                    % {"due": task.due_date.strftime("%-d %B %Y")},
                )
                return redirect("desk:referral_new", victim_id=victim.pk)
            messages.success(request, _("Needs assessment recorded."))
            return _back(victim)
    return _no_store(
        render(
            request,
            "desk/assessment_new.html",
            {
                "form": form,
                "victim": victim,
                "case_url": case_url(victim),
                "previous": service.latest_assessment(victim),
                "owed": service.open_referral_task(victim),
            },
        )
    )


# Referrals -----------------------------------------------------------------------------


def _chosen_service(request: HttpRequest, services: Any) -> Any:
    raw = request.POST.get("service") if request.method == "POST" else request.GET.get("service")
    if not raw or not str(raw).isdigit():
        return None
    return services.filter(pk=int(raw)).first()


@role_required(*DESK_ROLES)
def referral_new(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    services = service.services_for(victim)
    task = service.open_referral_task(victim)
    late = task is not None and task.is_overdue()
    chosen = _chosen_service(request, service.referable_services())
    initial = {"service": chosen.pk if chosen else None, "shared": [SharedField.CONTACT]}
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        services=service.referable_services() if chosen else services,
        late=late,
    )
    duplicate: Referral | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = service.referral_create(
                actor=user,
                victim=victim,
                data=service.ReferralIn(
                    service=data["service"],
                    basis=data["basis"],
                    consent_read=data["consent_read"],
                    shared=data["shared"],
                    late_reason=data.get("late_reason", ""),
                    late_note=data.get("late_note", ""),
                ),
            )
        except service.DuplicateReferral as refused:
            duplicate = refused.referral
            form_rule_error(form, refused)
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            messages.success(
                request,
                _("Referral sent to %(service)s.") % {"service": referral.service.name},
            )
            return redirect("desk:referral", referral_id=referral.pk)
    wording = service.current_consent_wording()
    return _no_store(
        render(
            request,
            "desk/referral_new.html",
            {
                "form": form,
                "victim": victim,
                "case_url": case_url(victim),
                "services": services,
                "chosen": chosen,
                "consent_required": service.consent_required(victim),
                "wording": wording,
                "consent_text": service.consent_text(
                    wording, language=victim.language, service=chosen.name
                )
                if chosen
                else "",
                "welsh": victim.language.lower().startswith("cy"),
                "task": task,
                "late": late,
                "duplicate": duplicate,
            },
        )
    )


@role_required(*DESK_ROLES)
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = actor(request)
    found = get_referral_for_user(user, referral_id)
    decline_form = DeclineForm(request.POST if request.POST.get("action") == "decline" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        done = ""
        try:
            if action == "acknowledge":
                service.referral_acknowledge(actor=user, referral=found)
                done = _("Recorded that the service acknowledged the referral.")
            elif action == "withdraw":
                service.referral_withdraw(actor=user, referral=found)
                done = _("Referral withdrawn. Tell the service the victim withdrew consent.")
            elif action == "decline" and decline_form.is_valid():
                service.referral_decline(
                    actor=user, referral=found, reason=decline_form.cleaned_data["reason"]
                )
                done = _("Recorded that the service declined the referral.")
            elif action != "decline":
                raise RuleBroken(_("Choose what happened"))
        except RuleBroken as refused:
            if not decline_form.is_bound:
                decline_form = DeclineForm({"reason": ""})
                decline_form.is_valid()
                decline_form.errors.clear()
            form_rule_error(decline_form, refused)
        if done:
            messages.success(request, done)
            return redirect("desk:referral", referral_id=found.pk)
    history = [
        (label, timezone.localtime(when))
        for label, when in (
            (_("Made"), found.created_at),
            (_("Sent"), found.sent_at),
            (_("Acknowledged by the service"), found.acknowledged_at),
            (_("Declined by the service"), found.declined_at),
            (_("Withdrawn"), found.withdrawn_at),
        )
        if when is not None
    ]
    return _no_store(
        render(
            request,
            "desk/referral.html",
            {
                "referral": found,
                "victim": found.victim,
                "case_url": case_url(found.victim),
                "history": history,
                "shared": [SharedField(code).label for code in found.shared],
                "decline_form": decline_form,
                "may_acknowledge": found.status == ReferralStatus.SENT,
                "may_decline": found.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED),
                "may_withdraw": found.is_open,
            },
        )
    )


# The feedback invitation after a call --------------------------------------------------


@role_required(*DESK_ROLES)
def invitation_new(request: HttpRequest, victim_id: int) -> HttpResponse:
    user = actor(request)
    victim = get_victim_for_user(user, victim_id)
    from feedback.models import Channel

    labels = {Channel.SMS.value: _("Text message"), Channel.EMAIL.value: _("Email")}
    channels = invitations.invitation_channels(victim)
    form = InvitationForm(
        request.POST or None, channels=[(code, labels[code]) for code in channels]
    )
    refusal = invitations.invitation_refusal(victim)
    if request.method == "POST":
        # The channel is checked by the service (a refusal it audits), not by the form.
        channel = request.POST.get("channel", "")
        try:
            if not channel and refusal is None and channels:
                raise RuleBroken(_("Choose how to send the invitation"), field="channel")
            invitations.invitation_after_call(actor=user, victim=victim, channel=channel)
        except RuleBroken as refused:
            form.is_valid()
            form.errors.clear()
            form_rule_error(form, refused)
        else:
            messages.success(
                request,
                _("Feedback invitation sent by %(channel)s.")
                % {"channel": str(labels[channel]).lower()},
            )
            return _back(victim)
    return _no_store(
        render(
            request,
            "desk/invitation_new.html",
            {
                "form": form,
                "victim": victim,
                "case_url": case_url(victim),
                "refusal": refusal,
                "channels": channels,
            },
        )
    )
