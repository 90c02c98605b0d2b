"""QR codes, invitations and API integrations (docs/feedback-invitations.md).

- /i/<token>/: the link in an invitation; opens the feedback form once.
- /feedback/my-code/: an officer's own QR code, printable as a card; SVG and PNG downloads.
- /feedback/codes/: every team's code for the programme team.
- /feedback/invitations/new/: staff send an invitation by text message or email.
- /feedback/integrations/: the programme team adds the systems allowed to use the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from feedback import selectors
from feedback.access import CODE_VIEWERS, get_code_for_user
from feedback.forms.invitations import IntegrationForm, InvitationForm
from feedback.models import Channel, FeedbackCode, Integration, Team
from feedback.qr import code_url, qr_png, qr_svg
from feedback.services import invitations as service
from lib.rules import RuleBroken, form_rule_error

admin_only = role_required(Role.PROGRAMME_ADMIN)
INVITERS = (Role.PROGRAMME_ADMIN, Role.DESK_AGENT, Role.DESK_SUPERVISOR, Role.OFFICER)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


# The invitation link (public) ----------------------------------------------------------


@require_GET
def invitation_open(request: HttpRequest, token: str) -> HttpResponse:
    """Check the token and start the form. A used or expired link says so plainly."""
    try:
        invitation = service.invitation_open(token=token)
    except service.InvitationUnusable as unusable:
        if unusable.reason == "invalid":
            raise Http404 from None
        if unusable.reason == "used" and _started_here(request, unusable.invitation_id):
            # The same person opening their link again (a refresh, a second tap) before
            # they have sent the form: back to it, not "already used".
            return _no_store(redirect("feedback:questions"))
        response = render(
            request,
            "feedback/invitations/unusable.html",
            {"reason": unusable.reason},
            status=410,
        )
        return _no_store(response)
    from feedback.services import form_session_start

    target = form_session_start(
        request,
        code=None,  # the invitation's officer's code, else its team's
        channel=invitation.channel,
        invitation=invitation,
        language=invitation.language.code if invitation.language else None,
    )
    return _no_store(redirect(target))


def _started_here(request: HttpRequest, invitation_id: int | None) -> bool:
    from feedback.form_session import context_get

    context = context_get(request)
    return (
        context is not None
        and invitation_id is not None
        and context.invitation_id == invitation_id
        and context.response_id is None
    )


# QR codes ------------------------------------------------------------------------------


@role_required(Role.OFFICER)
def my_code(request: HttpRequest) -> HttpResponse:
    code = (
        FeedbackCode.objects.select_related("team__borough")
        .filter(officer=actor(request), active=True)
        .order_by("-created_at")
        .first()
    )
    return _card(request, code, own=True)


@role_required(*CODE_VIEWERS)
def code_card(request: HttpRequest, code_id: int) -> HttpResponse:
    return _card(request, get_code_for_user(actor(request), code_id), own=False)


def _card(request: HttpRequest, code: FeedbackCode | None, *, own: bool) -> HttpResponse:
    return render(
        request,
        "feedback/qr/card.html",
        {"code": code, "own": own, "link": code_url(code.code) if code else ""},
    )


@role_required(*CODE_VIEWERS)
def code_svg(request: HttpRequest, code_id: int) -> HttpResponse:
    code = get_code_for_user(actor(request), code_id)
    response = HttpResponse(qr_svg(code_url(code.code)), content_type="image/svg+xml")
    if "download" in request.GET:
        response["Content-Disposition"] = f'attachment; filename="feedback-qr-{code.pk}.svg"'
    return _no_store(response)


@role_required(*CODE_VIEWERS)
def code_png(request: HttpRequest, code_id: int) -> HttpResponse:
    code = get_code_for_user(actor(request), code_id)
    response = HttpResponse(qr_png(code_url(code.code), scale=12), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="feedback-qr-{code.pk}.png"'
    return _no_store(response)


@admin_only
def codes(request: HttpRequest) -> HttpResponse:
    team_codes = FeedbackCode.objects.filter(officer__isnull=True, active=True)
    teams = list(
        Team.objects.filter(active=True)
        .select_related("borough")
        .prefetch_related(Prefetch("codes", queryset=team_codes, to_attr="team_codes"))
    )
    return render(request, "feedback/qr/codes.html", {"teams": teams})


# Invitations (staff) -------------------------------------------------------------------


@role_required(*INVITERS)
def invitation_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    for_officer = not user.has_role(Role.PROGRAMME_ADMIN, Role.DESK_AGENT, Role.DESK_SUPERVISOR)
    own_team = selectors.officer_team(user) if for_officer else None
    form = InvitationForm(request.POST or None, for_officer=for_officer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        team = own_team if for_officer else data["team"]
        try:
            if team is None:
                raise service.NOT_POSTED.broken()
            service.invitation_create(
                actor=user,
                channel=data["channel"],
                contact=data.get("contact", ""),
                team=team,
                officer=user if for_officer else data.get("officer"),
                crime_type=data["crime_type"],
                language=data["language"],
                may_contact=data["may_contact"] == "yes",
            )
        except RuleBroken as refused:
            form_rule_error(form, refused)
        else:
            sent_by = Channel(data["channel"]).label
            messages.success(
                request,
                _("Invitation sent by %(channel)s. The contact details have not been kept.")
                % {"channel": str(sent_by).lower()},
            )
            return redirect("invitations:new")
    return _no_store(
        render(
            request,
            "feedback/invitations/new.html",
            {
                "form": form,
                "for_officer": for_officer,
                "own_team": own_team,
            },
        )
    )


# API integrations (programme team) -----------------------------------------------------


@admin_only
def integrations(request: HttpRequest) -> HttpResponse:
    form = IntegrationForm(request.POST or None)
    token = ""
    created = None
    if request.method == "POST" and form.is_valid():
        created, token = service.integration_create(
            actor=actor(request),
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            scopes=form.cleaned_data["scopes"],
        )
        form = IntegrationForm()
    listed = list(Integration.objects.select_related("organisation").order_by("name", "pk"))
    response = render(
        request,
        "feedback/invitations/integrations.html",
        {
            "form": form,
            "integrations": listed,
            "created": created,
            "token": token,
        },
    )
    return _no_store(response)


@admin_only
@require_POST
def integration_off(request: HttpRequest, integration_id: int) -> HttpResponse:
    integration = get_object_or_404(Integration, pk=integration_id)
    service.integration_deactivate(actor=actor(request), integration=integration)
    messages.success(request, _("%(name)s can no longer use the API.") % {"name": integration.name})
    return redirect("invitations:integrations")
