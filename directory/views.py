"""Public pages: the Victims' Code rights and the support directory."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from directory.rights import BY_SLUG, RIGHTS


def rights(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/rights.html", {"rights": RIGHTS})


def right(request: HttpRequest, slug: str) -> HttpResponse:
    found = BY_SLUG.get(slug)
    if found is None:
        raise Http404
    return render(request, "directory/right.html", {"right": found, "rights": RIGHTS})


def services(request: HttpRequest) -> HttpResponse:
    return render(request, "directory/services.html", {"services": []})


def service(request: HttpRequest, slug: str) -> HttpResponse:
    raise Http404
