"""Dashboards for every role, and the pages where programme admins manage staff."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import rules, selectors, services
from accounts.access import actor, get_person_for_user, role_required, signed_in_required
from accounts.forms import RoleAssignForm, StaffInviteForm
from accounts.models import RoleAssignment, User
from accounts.roles import Role
from engagement import rules as engagement_rules
from engagement.selectors.requests import partner_requests
from engagement.services.terms import terms_on
from forums.access import forum_list_for
from notify.selectors import messages_failed_recently, outbox_pages_exist
from privacy.audit import audit_identity_viewed

programme_admin_only = role_required(Role.PROGRAMME_ADMIN)


# Dashboards -------------------------------------------------------------------------------


@signed_in_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each person to the dashboard of their first role (see selectors.DASHBOARD_ORDER)."""
    roles = selectors.dashboard_roles(request.user)  # type: ignore[arg-type]
    if not roles:
        return redirect("accounts:no_access")
    return redirect(f"accounts:dashboard_{roles[0].value}")


@signed_in_required
def no_access(request: HttpRequest) -> HttpResponse:
    if selectors.dashboard_roles(request.user):  # type: ignore[arg-type]
        return redirect("accounts:dashboard")
    return render(request, "accounts/no_access.html")


def _facilitator_context(request: HttpRequest) -> dict[str, Any]:
    forums = forum_list_for(request.user).select_related("facilitating_organisation")  # type: ignore[arg-type]
    return {
        "forums": list(forums),
        "links": _links(
            ("recruitment_staff:queue", _("Applications to your forums")),
            ("portal:wellbeing", _("Wellbeing")),
        ),
    }


def _links(*pages: tuple[str, str]) -> list[dict[str, str]]:
    return [{"href": reverse(name), "text": text} for name, text in pages]


def _programme_admin_context(request: HttpRequest) -> dict[str, Any]:
    outbox = (
        [("notify:outbox", _("Messages the service would have sent (outbox)"))]
        if outbox_pages_exist()
        else []
    )
    return {
        "failed_messages": messages_failed_recently(),
        "links": _links(
            *outbox,
            ("expenses:queue", _("Expense claims")),
            ("portal:wellbeing", _("Wellbeing")),
            ("redaction:queue", _("Texts waiting for review before release")),
            ("recruitment_staff:queue", _("Applications to join a forum, and vetting")),
            (
                "recruitment_staff:representativeness",
                _("Representativeness of applicants and members"),
            ),
            ("engagement:opportunities", _("Engagement opportunities and invitations")),
            ("engagement:requests", _("Partner requests to hear from the engagement register")),
            ("engagement:terms", _("Terms of Reference for partner requests")),
            (
                "engagement:representativeness",
                _("Representativeness of the engagement register"),
            ),
        ),
    }


def _vetting_panel_context(request: HttpRequest) -> dict[str, Any]:
    return {"links": _links(("recruitment_staff:panel_list", _("Applications put to the panel")))}


def _dpo_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "links": _links(
            ("privacy:audit_log", _("Search the audit log")),
            ("privacy:retention_schedule", _("Retention schedule: how long data is kept")),
            ("privacy:retention_receipts", _("Retention receipts: what was deleted and when")),
            ("privacy:subject_search", _("Find a person’s data: access and erasure requests")),
            ("privacy:legal_holds", _("Legal holds")),
            ("portal:erasure_requests", _("Members' requests to delete their information")),
        )
    }


def _partner_agency_context(request: HttpRequest) -> dict[str, Any]:
    """The partner's requests to hear from the engagement register, with their deadlines,
    and the notice the Terms of Reference ask for today."""
    today = timezone.localdate()
    requests = list(partner_requests(viewer=request.user))
    for item in requests:
        item.overdue = engagement_rules.is_overdue(item, today)  # type: ignore[attr-defined]
    return {
        "contact_email": settings.CONTACT_EMAIL,
        "terms": terms_on(today),
        "engagement_requests": requests,
        "localtime": timezone.localtime,
    }


DASHBOARD_CONTEXT: dict[Role, Callable[[HttpRequest], dict[str, Any]]] = {
    Role.PROGRAMME_ADMIN: _programme_admin_context,
    Role.FACILITATOR: _facilitator_context,
    Role.VETTING_PANEL: _vetting_panel_context,
    Role.DATA_PROTECTION_OFFICER: _dpo_context,
    Role.PARTNER_AGENCY: _partner_agency_context,
}


def _role_dashboard(role: Role) -> Callable[[HttpRequest], HttpResponse]:
    @role_required(role)
    def view(request: HttpRequest) -> HttpResponse:
        other_roles = [r for r in selectors.dashboard_roles(request.user) if r != role]  # type: ignore[arg-type]
        context = {"role": role, "other_roles": other_roles}
        if role in DASHBOARD_CONTEXT:
            context.update(DASHBOARD_CONTEXT[role](request))
        return render(request, f"accounts/dashboards/{role.value}.html", context)

    view.__name__ = f"dashboard_{role.value}"
    return view


ROLE_DASHBOARDS = {role: _role_dashboard(role) for role in selectors.DASHBOARD_ORDER}


# People -----------------------------------------------------------------------------------


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@programme_admin_only
def people(request: HttpRequest) -> HttpResponse:
    role = request.GET.get("role", "")
    if role not in Role.values:
        role = ""
    organisation_id = _int_or_none(request.GET.get("organisation"))
    people = list(selectors.staff_list(role=role, organisation_id=organisation_id))
    return render(
        request,
        "accounts/people/list.html",
        {
            "people": people,
            "roles": Role.choices,
            "organisations": list(selectors.organisation_list()),
            "selected_role": role,
            "selected_organisation": organisation_id,
        },
    )


@programme_admin_only
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_person_for_user(request.user, person_id)  # type: ignore[arg-type]
    with transaction.atomic():
        audit_identity_viewed(viewer=request.user, person=person)
    return render(request, "accounts/people/detail.html", {"person": person})


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@programme_admin_only
@require_http_methods(["GET", "POST"])
def person_invite(request: HttpRequest) -> HttpResponse:
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invited = services.staff_invite(
                actor=actor(request),
                email=data["email"],
                full_name=data["full_name"],
                organisation=data["organisation"],
                role=data["role"],
                forums=data["forums"],
                panel_seat=data["panel_seat"],
                language=data["language"],
                site_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been invited. They have been sent an email to set their password.")
                % {"name": invited.full_name},
            )
            return redirect("accounts:person", person_id=invited.pk)
    return render(
        request,
        "accounts/people/invite.html",
        {"form": form},
    )


@programme_admin_only
@require_http_methods(["GET", "POST"])
def role_assign(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(User.objects.select_related("organisation"), pk=person_id)
    form = RoleAssignForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.role_assign(
                actor=actor(request),
                user=person,
                role=data["role"],
                forums=data["forums"],
                panel_seat=data["panel_seat"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now a %(role)s.")
                % {"name": person.full_name, "role": assignment.get_role_display().lower()},
            )
            return redirect("accounts:person", person_id=person.pk)
    return render(
        request,
        "accounts/people/role_assign.html",
        {"person": person, "form": form},
    )


def _confirmation(
    request: HttpRequest,
    *,
    template: str,
    context: dict[str, Any],
    check: Callable[[], None],
    act: Callable[[], object],
    done: str,
    person: User,
) -> HttpResponse:
    """A confirmation page: GET shows it (or why the change is refused), POST makes it."""
    refusal = ""
    try:
        check()
    except ValidationError as error:
        refusal = error.messages[0]
    if request.method == "POST" and not refusal:
        try:
            act()
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            messages.success(request, done)
            return redirect("accounts:person", person_id=person.pk)
    return render(request, template, {**context, "person": person, "refusal": refusal})


@programme_admin_only
@require_http_methods(["GET", "POST"])
def role_remove(request: HttpRequest, person_id: int, assignment_id: int) -> HttpResponse:
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user"), pk=assignment_id, user_id=person_id
    )
    person = assignment.user
    user = actor(request)
    return _confirmation(
        request,
        template="accounts/people/role_remove.html",
        context={"assignment": assignment},
        check=lambda: rules.check_role_removal(actor=user, assignment=assignment),
        act=lambda: services.role_remove(actor=user, assignment=assignment),
        done=_("%(name)s is no longer a %(role)s.")
        % {"name": person.full_name, "role": assignment.get_role_display().lower()},
        person=person,
    )


@programme_admin_only
@require_http_methods(["GET", "POST"])
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(User, pk=person_id)
    user = actor(request)
    return _confirmation(
        request,
        template="accounts/people/deactivate.html",
        context={},
        check=lambda: rules.check_deactivation(actor=user, user=person),
        act=lambda: services.person_deactivate(actor=user, user=person),
        done=_("%(name)s’s account has been deactivated and they have been signed out.")
        % {"name": person.full_name},
        person=person,
    )


@programme_admin_only
@require_http_methods(["GET", "POST"])
def person_reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(User, pk=person_id)
    user = actor(request)
    return _confirmation(
        request,
        template="accounts/people/reactivate.html",
        context={},
        check=lambda: rules.check_reactivation(user=person),
        act=lambda: services.person_reactivate(actor=user, user=person),
        done=_("%(name)s’s account has been reactivated.") % {"name": person.full_name},
        person=person,
    )
