"""The programme team's queue of applications by stage, and one application's page (with
the applicant's identity: every view is audited). Views stay thin: access
(recruitment.access), rules (recruitment.rules) and writes (recruitment.services) live
elsewhere."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.access import actor, role_required
from privacy.audit import audit_identity_viewed
from recruitment import rules, selectors
from recruitment.access import QUEUE_ROLES, get_application_for_user, may_manage_applications
from recruitment.models import PncCheck, Stage
from recruitment.reference.equality import label_for
from safecontact.models import SafeContact

EQUALITY_LABELS = {
    "ethnic_group": gettext_lazy("Ethnic group"),
    "disability": gettext_lazy("Disability"),
    "sexual_orientation": gettext_lazy("Sexual orientation"),
    "gender_identity": gettext_lazy("Gender identity"),
    "age_band": gettext_lazy("Age"),
    "borough": gettext_lazy("Borough"),
}


@role_required(*QUEUE_ROLES)
def queue(request: HttpRequest) -> HttpResponse:
    viewer = actor(request)
    group = request.GET.get("stage") or Stage.RECEIVED
    if group not in selectors.QUEUE_GROUPS_BY_KEY:
        raise Http404
    counts = selectors.queue_counts(viewer=viewer)
    groups = [
        {"group": g, "count": counts[g.key], "current": g.key == group}
        for g in selectors.QUEUE_GROUPS
    ]
    return render(
        request,
        "recruitment/staff/queue.html",
        {
            "groups": groups,
            "current": selectors.QUEUE_GROUPS_BY_KEY[group],
            "rows": selectors.queue_rows(viewer=viewer, group=group),
            "may_manage": may_manage_applications(viewer),
        },
    )


def _safe_channels(contact: SafeContact | None) -> list[str]:
    """The ways of contacting them they said are safe (their safe contact), in words."""
    if contact is None:
        return []
    channels = []
    if contact.may_email:
        channels.append(_("email"))
    if contact.may_text:
        channels.append(_("text message"))
    if contact.may_phone:
        channels.append(_("phone call"))
    if contact.may_voicemail:
        channels.append(_("voicemail"))
    if contact.may_letter:
        channels.append(_("letter"))
    return channels


@role_required(*QUEUE_ROLES)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application with the applicant's identity: every view is audited."""
    viewer = actor(request)
    application = get_application_for_user(viewer, application_id)
    audit_identity_viewed(viewer=viewer, person=application)
    pnc = PncCheck.objects.filter(application=application).first()
    onboarding = getattr(application, "onboarding", None)
    manage = may_manage_applications(viewer)
    safe_contact = getattr(application, "safe_contact", None)
    return render(
        request,
        "recruitment/staff/application.html",
        {
            "application": application,
            "cohorts": [c.display_name for c in application.cohorts.all()],
            "channels": _safe_channels(safe_contact),
            "times_to_avoid": safe_contact.times_to_avoid if safe_contact is not None else "",
            "equality": [
                (EQUALITY_LABELS[name], label_for(name, code))
                for name, code in application.equality_answers().items()
            ],
            "onboarding": onboarding,
            # Programme admins learn only that there is a disclosure, never what it says.
            "pnc": pnc,
            "vetting_result": getattr(application, "vetting_result", None),
            "membership": getattr(application, "membership", None),
            "actions": rules.actions_for(application, has_pnc_check=pnc is not None)
            if manage
            else [],
            "may_manage": manage,
            "submitted_at": timezone.localtime(application.submitted_at),
        },
    )
