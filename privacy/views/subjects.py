"""Pages for the data protection officer: find a person, export their data, place legal
holds and erase. No personal data goes in a URL: the search is posted and kept in the
DPO's session, and people are named in URLs by account number or by a keyed hash."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.roles import Role
from privacy import selectors, services
from privacy.audit import audit_identity_viewed
from privacy.forms.subjects import EraseForm, LegalHoldForm, SubjectSearchForm
from privacy.models import LegalHold, SubjectRequest, SubjectRequestKind
from privacy.selectors import PersonGroup
from privacy.subjects import SubjectQuery, registry

SESSION_QUERY = "privacy_subject_query"
SESSION_EXPORTS = "privacy_subject_exports"
MAX_EXPORTS_IN_SESSION = 20

dpo_only = role_required(Role.DATA_PROTECTION_OFFICER)
# Not offered for a hold: the audit log is kept by design, and a session is only a
# sign-in (its key is a credential and must not be shown in the list of holds).
NOT_HOLDABLE = {"privacy.auditevent", "sessions.session"}


def _session_query(request: HttpRequest) -> SubjectQuery | None:
    data = request.session.get(SESSION_QUERY)
    if not isinstance(data, dict):
        return None
    return SubjectQuery(**{k: str(data.get(k, "")) for k in ("email", "phone", "name")})


def _group_or_404(request: HttpRequest, person_key: str) -> PersonGroup:
    group = selectors.person_group(person_key=person_key, query=_session_query(request))
    if group is None:
        raise Http404
    return group


def _person_label(group: PersonGroup) -> dict[str, str]:
    if group.user is not None:
        return {"name": group.user.full_name, "detail": group.user.email}
    kinds = {"email": _("Email address"), "phone": _("Phone number"), "name": _("Name")}
    return {"name": group.person.value, "detail": kinds.get(group.person.kind, "")}


@dpo_only
def subject_search(request: HttpRequest) -> HttpResponse:
    form = SubjectSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        query = form.query()
        request.session[SESSION_QUERY] = query.as_dict()
        services.subject_search_record(actor=request.user, query=query)  # type: ignore[arg-type]
        return redirect("privacy:subject_results")
    return render(
        request,
        "privacy/subject_search.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@dpo_only
def subject_results(request: HttpRequest) -> HttpResponse:
    query = _session_query(request)
    if query is None or query.is_empty():
        return redirect("privacy:subject_search")
    groups = selectors.subject_search(query=query)
    return render(
        request,
        "privacy/subject_results.html",
        {
            "groups": [{"group": g, "label": _person_label(g)} for g in groups],
            "searched_by": [name for name, value in query.as_dict().items() if value],
        },
    )


ROWS_SHOWN_PER_SECTION = 50


@dpo_only
def subject_person(request: HttpRequest, person_key: str) -> HttpResponse:
    group = _group_or_404(request, person_key)
    if group.user is not None:
        audit_identity_viewed(viewer=request.user, person=group.user)
    held = selectors.held_refs(group)
    sections = [
        (provider, matches[:ROWS_SHOWN_PER_SECTION], max(0, len(matches) - ROWS_SHOWN_PER_SECTION))
        for provider, matches in group.by_provider()
    ]
    return render(
        request,
        "privacy/subject_person.html",
        {
            "group": group,
            "label": _person_label(group),
            "sections": sections,
            "held": held,
            "holds": selectors.holds_for_group(group),
        },
    )


@dpo_only
@require_POST
def subject_export(request: HttpRequest, person_key: str) -> HttpResponse:
    group = _group_or_404(request, person_key)
    subject_request, _document = services.subject_export(actor=request.user, group=group)  # type: ignore[arg-type]
    exports = dict(request.session.get(SESSION_EXPORTS, {}))
    exports[str(subject_request.pk)] = person_key
    request.session[SESSION_EXPORTS] = dict(list(exports.items())[-MAX_EXPORTS_IN_SESSION:])
    return redirect("privacy:subject_export_document", request_id=subject_request.pk)


def _export_group(request: HttpRequest, request_id: int) -> tuple[SubjectRequest, PersonGroup]:
    """An export made in this session by this DPO: it is rebuilt, never stored."""
    subject_request = get_object_or_404(
        SubjectRequest, pk=request_id, kind=SubjectRequestKind.ACCESS, handled_by=request.user
    )
    person_key = request.session.get(SESSION_EXPORTS, {}).get(str(request_id))
    if not person_key:
        raise Http404
    return subject_request, _group_or_404(request, person_key)


@dpo_only
def subject_export_document(request: HttpRequest, request_id: int) -> HttpResponse:
    subject_request, group = _export_group(request, request_id)
    return render(
        request,
        "privacy/subject_export.html",
        {
            "subject_request": subject_request,
            "group": group,
            "label": _person_label(group),
            "document": selectors.export_document(group),
        },
    )


@dpo_only
def subject_export_json(request: HttpRequest, request_id: int) -> HttpResponse:
    subject_request, group = _export_group(request, request_id)
    document = selectors.export_document(group)
    document["request"] = subject_request.pk
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"subject-access-request-{subject_request.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@dpo_only
def subject_hold(request: HttpRequest, person_key: str) -> HttpResponse:
    group = _group_or_404(request, person_key)
    held = selectors.held_refs(group)
    choices = [
        (m.ref, f"{m.description} ({m.model_verbose_name})")
        for m in group.matches
        if m.ref not in held and m.model not in NOT_HOLDABLE
    ]
    form = LegalHoldForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(
                actor=request.user,  # type: ignore[arg-type]
                group=group,
                refs=form.cleaned_data["records"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("privacy:subject_person", person_key=person_key)
    return render(
        request,
        "privacy/hold_place.html",
        {
            "form": form,
            "group": group,
            "label": _person_label(group),
            "account_ref": next((m.ref for m in group.matches if m.model == "accounts.user"), None),
        },
        status=400 if form.errors else 200,
    )


@dpo_only
def legal_holds(request: HttpRequest) -> HttpResponse:
    holds = [
        {"hold": hold, "type": _model_name(hold.model_label, plural=False)}
        for hold in selectors.legal_hold_list()
    ]
    return render(request, "privacy/hold_list.html", {"holds": holds})


@dpo_only
def legal_hold_release(request: HttpRequest, hold_id: int) -> HttpResponse:
    hold = get_object_or_404(LegalHold, pk=hold_id)
    refusal = ""
    if hold.released_at is not None:
        refusal = _("This hold has already been released")
    elif request.method == "POST":
        services.legal_hold_release(actor=request.user, hold=hold)  # type: ignore[arg-type]
        return redirect("privacy:legal_holds")
    return render(request, "privacy/hold_release.html", {"hold": hold, "refusal": refusal})


@dpo_only
def subject_erase(request: HttpRequest, person_key: str) -> HttpResponse:
    group = _group_or_404(request, person_key)
    refusal = ""
    try:
        services.check_erasure(actor=request.user, group=group)  # type: ignore[arg-type]
    except ValidationError as error:
        refusal = error.messages[0]
    form = EraseForm(request.POST or None)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            subject_request = services.subject_erase(actor=request.user, group=group)  # type: ignore[arg-type]
        except ValidationError as error:
            refusal = error.messages[0]
        else:
            return redirect("privacy:subject_receipt", request_id=subject_request.pk)
    held = selectors.held_refs(group)
    return render(
        request,
        "privacy/subject_erase.html",
        {
            "form": form,
            "group": group,
            "label": _person_label(group),
            "refusal": refusal,
            "to_erase": len([m for m in group.matches if m.ref not in held]),
            "held_count": len(held),
            "counts": [
                (label, _model_name(label), n) for label, n in group.counts_by_model().items()
            ],
        },
        status=400 if form.errors else 200,
    )


def _model_name(label: str, *, plural: bool = True) -> str:
    from django.apps import apps

    try:
        meta = apps.get_model(label)._meta
        return str(meta.verbose_name_plural if plural else meta.verbose_name).capitalize()
    except LookupError:
        return label


def _receipt_rows(subject_request: SubjectRequest) -> list[dict[str, Any]]:
    rows = []
    for label, counts in subject_request.receipt.get("models", {}).items():
        rows.append({"label": label, "name": _model_name(label), **counts})
    return rows


@dpo_only
def subject_receipts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/subject_receipts.html",
        {"requests": selectors.subject_request_list()[:200]},
    )


@dpo_only
def subject_receipt(request: HttpRequest, request_id: int) -> HttpResponse:
    subject_request = get_object_or_404(SubjectRequest, pk=request_id)
    return render(
        request,
        "privacy/subject_receipt.html",
        {
            "subject_request": subject_request,
            "rows": _receipt_rows(subject_request),
            "providers": registry.providers,
            "search_url": reverse("privacy:subject_search"),
        },
    )
