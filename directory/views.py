"""Public pages (the Victims' Code rights and the support directory), the programme team's
pages that keep the directory, and the leaflet page for officers and the programme team."""

from __future__ import annotations

import csv
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import actor, role_required
from accounts.roles import Role
from directory import importing, leaflets, selectors, services
from directory.forms import FundingForm, ImportForm, LeafletForm, OrganisationForm, ServiceForm
from directory.labels import crime_type_label
from directory.models import Funding, Organisation, Service
from directory.rights import BY_NUMBER, BY_SLUG, RIGHTS
from feedback.models import Borough, CrimeType, Team

admin_only = role_required(Role.PROGRAMME_ADMIN)


# The Victims' Code ------------------------------------------------------------------------


def rights(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/rights.html", {"rights": RIGHTS})


def right(request: HttpRequest, slug: str) -> HttpResponse:
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    return render(
        request,
        "directory/right.html",
        {
            "right": found,
            "previous": BY_NUMBER.get(found.number - 1),
            "next": BY_NUMBER.get(found.number + 1),
        },
    )


# The support directory (public) ------------------------------------------------------------


def services_search(request: HttpRequest) -> HttpResponse:
    filters = selectors.SearchFilters.from_query(request.GET)
    results, total, borough = selectors.service_search(filters)
    return render(
        request,
        "directory/services.html",
        {
            "filters": filters,
            "results": results,
            "total": total,
            "shown": len(results),
            "borough": borough,
            "options": selectors.filter_options(),
        },
    )


def service(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.service_detail(slug=slug)
    if found is None:
        raise Http404
    crimes = [crime_type_label(c.code, c.name) for c in found.crime_types.all()]
    return render(request, "directory/service.html", {"service": found, "crimes": crimes})


# The programme team -------------------------------------------------------------------------


@admin_only
def manage(request: HttpRequest) -> HttpResponse:
    organisations = list(selectors.organisations_for_admin())
    return render(request, "directory/manage/organisations.html", {"organisations": organisations})


@admin_only
def organisation_new(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        org = services.organisation_save(
            actor=actor(request), organisation=None, data=form.cleaned_data
        )
        messages.success(request, _("Organisation added."))
        return redirect("directory:organisation", org.pk)
    return render(
        request,
        "directory/manage/organisation_form.html",
        {"form": form, "organisation": None},
    )


@admin_only
def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation_id)
    return render(
        request,
        "directory/manage/organisation.html",
        {
            "organisation": org,
            "services": list(org.services.order_by("status", "name")),
            "funding": list(org.funding.order_by("-year", "fund")),
            "funding_form": FundingForm(),
        },
    )


@admin_only
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation_id)
    initial = {name: getattr(org, name) for name in services.ORGANISATION_FIELDS}
    form = OrganisationForm(request.POST or None, initial=initial, organisation=org)
    if request.method == "POST" and form.is_valid():
        services.organisation_save(actor=actor(request), organisation=org, data=form.cleaned_data)
        messages.success(request, _("Organisation saved."))
        return redirect("directory:organisation", org.pk)
    return render(
        request,
        "directory/manage/organisation_form.html",
        {"form": form, "organisation": org},
    )


@admin_only
@require_POST
def organisation_retire(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation_id)
    if request.POST.get("restore"):
        services.organisation_restore(actor=actor(request), organisation=org)
        messages.success(request, _("Organisation restored. Its active services are public again."))
    else:
        services.organisation_retire(actor=actor(request), organisation=org)
        messages.success(request, _("Organisation retired. Its services are no longer public."))
    return redirect("directory:organisation", org.pk)


def _service_form(request: HttpRequest, initial: dict[str, Any] | None = None) -> ServiceForm:
    return ServiceForm(
        request.POST or None,
        initial=initial,
        boroughs=list(Borough.objects.order_by("name").values_list("slug", "name")),
        crime_types=list(CrimeType.objects.order_by("name").values_list("code", "name")),
    )


def _service_links(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "boroughs": list(Borough.objects.filter(slug__in=data["boroughs"])),
        "crime_types": list(CrimeType.objects.filter(code__in=data["crime_types"])),
        "groups": services.groups_for(data["groups"]),
        "accessibility": services.accessibility_for(data["accessibility"]),
        "languages": services.spoken_languages(data["languages"]),
    }


@admin_only
def service_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation_id)
    form = _service_form(request)
    if request.method == "POST" and form.is_valid():
        svc = services.service_save(
            actor=actor(request),
            service=None,
            organisation=org,
            data=form.cleaned_data,
            links=_service_links(form.cleaned_data),
        )
        messages.success(request, _("Service added."))
        return redirect("directory:service_edit", svc.pk)
    return render(
        request,
        "directory/manage/service_form.html",
        {"form": form, "organisation": org, "service": None},
    )


@admin_only
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    svc = get_object_or_404(Service.objects.select_related("organisation"), pk=service_id)
    initial: dict[str, Any] = {name: getattr(svc, name) for name in services.SERVICE_FIELDS}
    initial |= {
        "boroughs": list(svc.boroughs.values_list("slug", flat=True)),
        "crime_types": list(svc.crime_types.values_list("code", flat=True)),
        "groups": list(svc.groups.values_list("key", flat=True)),
        "accessibility": list(svc.accessibility.values_list("key", flat=True)),
        "languages": ", ".join(svc.languages.values_list("code", flat=True)),
    }
    form = _service_form(request, initial)
    if request.method == "POST" and form.is_valid():
        services.service_save(
            actor=actor(request),
            service=svc,
            organisation=svc.organisation,
            data=form.cleaned_data,
            links=_service_links(form.cleaned_data),
        )
        messages.success(request, _("Service saved."))
        return redirect("directory:service_edit", svc.pk)
    return render(
        request,
        "directory/manage/service_form.html",
        {
            "form": form,
            "organisation": svc.organisation,
            "service": svc,
        },
    )


@admin_only
@require_POST
def service_retire(request: HttpRequest, service_id: int) -> HttpResponse:
    svc = get_object_or_404(Service, pk=service_id)
    if request.POST.get("restore"):
        services.service_restore(actor=actor(request), service=svc)
        messages.success(request, _("Service restored."))
    else:
        services.service_retire(actor=actor(request), service=svc)
        messages.success(request, _("Service retired. It is no longer public."))
    return redirect("directory:organisation", svc.organisation_id)


@admin_only
@require_POST
def funding_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    org = get_object_or_404(Organisation, pk=organisation_id)
    form = FundingForm(request.POST)
    if form.is_valid():
        services.funding_record(actor=actor(request), organisation=org, **form.cleaned_data)
        messages.success(request, _("Funding recorded."))
        return redirect("directory:organisation", org.pk)
    return render(
        request,
        "directory/manage/organisation.html",
        {
            "organisation": org,
            "services": list(org.services.order_by("status", "name")),
            "funding": list(org.funding.order_by("-year", "fund")),
            "funding_form": form,
        },
    )


@admin_only
@require_POST
def funding_remove(request: HttpRequest, funding_id: int) -> HttpResponse:
    funding = get_object_or_404(Funding, pk=funding_id)
    org_id = funding.organisation_id
    services.funding_remove(actor=actor(request), funding=funding)
    messages.success(request, _("Funding removed."))
    return redirect("directory:organisation", org_id)


SESSION_IMPORT = "directory_import_rows"


@admin_only
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload, preview with row-level errors, then confirm. Nothing is saved until the
    whole file is right and the programme admin confirms."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form, "columns": importing.COLUMNS}
    if request.method == "POST" and request.POST.get("confirm"):
        rows = request.session.get(SESSION_IMPORT)
        if not rows:
            messages.error(request, _("Upload the file again."))
            return redirect("directory:import")
        plan = importing.check_rows(rows)
        if plan.ok:
            result = importing.import_plan(actor=actor(request), plan=plan)
            del request.session[SESSION_IMPORT]
            messages.success(
                request,
                _(
                    "Imported: %(created)s services added and %(updated)s updated, "
                    "%(funding)s funding records."
                )
                % {
                    "created": result.services_created,
                    "updated": result.services_updated,
                    "funding": result.funding,
                },
            )
            return redirect("directory:manage")
        context["plan"] = plan
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > importing.MAX_BYTES:
                raise importing.ImportFileError(_("The file must be smaller than 2 MB."))
            rows = importing.read_table(upload.name, upload.read())
        except importing.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            plan = importing.check_rows(rows)
            context["plan"] = plan
            if plan.ok:
                request.session[SESSION_IMPORT] = rows
    return render(request, "directory/manage/import.html", context)


def _year(request: HttpRequest) -> int | None:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return None


@admin_only
def register(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows, total = selectors.funding_register(year=year)
    return render(
        request,
        "directory/manage/register.html",
        {"rows": rows, "total": total, "year": year, "years": selectors.funding_years()},
    )


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin_only
def register_csv(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows, _total = selectors.funding_register(year=year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="funded-organisations-{day}.csv"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(["Organisation", "Charity number", "Fund", "Year", "Amount (GBP)", "Active"])
    for row in rows:
        writer.writerow(
            [
                _cell(row.organisation.name),
                _cell(row.organisation.charity_number),
                _cell(row.fund),
                row.year,
                f"{row.amount:.2f}",
                "yes" if row.organisation.active else "no",
            ]
        )
    return response


# Leaflets -----------------------------------------------------------------------------------


@role_required(Role.OFFICER, Role.PROGRAMME_ADMIN)
def leaflet(request: HttpRequest) -> HttpResponse:
    """Pick a team and a language, then download the PDF. Officers print their own team's
    leaflet; the programme team prints any team's."""
    from feedback.models import OfficerPosting

    user = actor(request)
    if user.has_role(Role.PROGRAMME_ADMIN):
        teams = list(Team.objects.filter(active=True).select_related("borough"))
    else:
        posting = OfficerPosting.objects.filter(officer=user).select_related("team").first()
        teams = [posting.team] if posting and posting.team.active else []
    languages = leaflets.leaflet_languages()
    form = LeafletForm(
        request.GET if "team" in request.GET else None,
        teams=[(t.slug, t.name) for t in teams],
        languages=[(lang.code, f"{lang.name_english} ({lang.name_native})") for lang in languages],
    )
    if form.is_bound and form.is_valid():
        team = next(t for t in teams if t.slug == form.cleaned_data["team"])
        language = next(lang for lang in languages if lang.code == form.cleaned_data["language"])
        pdf = leaflets.leaflet_pdf(team=team, language=language, site_url=settings.SITE_URL)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"leaflet-{team.slug}-{language.code}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "directory/leaflets.html",
        {"form": form, "has_teams": bool(teams)},
    )
