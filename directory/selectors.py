"""Reads of the support directory: the public search, a service page, the programme team's
lists and the register of funded organisations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum

from directory.labels import crime_type_label
from directory.models import (
    Funding,
    Organisation,
    PostcodeDistrict,
    RightSummary,
    Service,
    ServiceStatus,
)
from feedback.models import Borough, CrimeType, Language
from lib.text import text_clean

PAGE_SIZE = 50
OUTWARD = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)")


@dataclass
class SearchFilters:
    q: str = ""
    borough: str = ""  # a borough slug
    postcode: str = ""  # an outward code or a whole postcode, as typed
    crime: str = ""  # a feedback.CrimeType code
    group: str = ""  # a Group key
    language: str = ""  # a SpokenLanguage code
    access: str = ""  # an Accessibility key
    problems: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_query(cls, data: Any) -> SearchFilters:
        def get(name: str, size: int = 100) -> str:
            return text_clean(data.get(name, "") or "")[:size]

        return cls(
            q=get("q"),
            borough=get("borough"),
            postcode=get("postcode", 10),
            crime=get("crime"),
            group=get("group"),
            language=get("language", 12),
            access=get("access"),
        )

    @property
    def active(self) -> bool:
        return any(
            (
                self.q,
                self.borough,
                self.postcode,
                self.crime,
                self.group,
                self.language,
                self.access,
            )
        )


def outward_code(text: str) -> str:
    """The outward code of a postcode or district as typed: "e1 6an" -> "E1", "SW9" -> "SW9"."""
    cleaned = re.sub(r"\s+", " ", text.upper()).strip()
    if " " in cleaned:
        cleaned = cleaned.split(" ", 1)[0]
    elif len(cleaned) >= 5:
        cleaned = cleaned[:-3]  # a whole postcode typed without its space
    match = OUTWARD.match(cleaned)
    return match.group(1) if match else ""


def borough_for_postcode(text: str) -> Borough | None:
    """The borough of a postcode district from the lookup table. Districts with a letter
    ("EC1A", "W1K") fall back to their number ("EC1", "W1")."""
    outward = outward_code(text)
    if not outward:
        return None
    candidates = [outward]
    if outward[-1].isalpha():
        candidates.append(outward[:-1])
    found = {
        d.outward: d.borough
        for d in PostcodeDistrict.objects.filter(outward__in=candidates).select_related("borough")
    }
    for candidate in candidates:
        if candidate in found:
            return found[candidate]
    return None


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(status=ServiceStatus.ACTIVE, organisation__active=True)


def service_search(filters: SearchFilters) -> tuple[list[Service], int, Borough | None]:
    """Active services matching `filters`, with what the results list shows, in 3 queries
    (+1 for a postcode): the count, the page, and its boroughs."""
    services = public_services()
    borough: Borough | None = None
    if filters.postcode:
        borough = borough_for_postcode(filters.postcode)
        if borough is None:
            # Said on the page (an error on the field and a note on the results): the
            # list is then not narrowed to an area, unless a borough is chosen too.
            filters.problems["postcode"] = "unknown"
    if borough is None and filters.borough:
        borough = Borough.objects.filter(slug=filters.borough).first()
    if borough is not None:
        services = services.filter(Q(london_wide=True) | Q(boroughs=borough))
    if filters.crime:
        # A service with no crime types helps victims of any crime.
        services = services.filter(Q(crime_types__code=filters.crime) | Q(crime_types=None))
    if filters.group:
        services = services.filter(groups__key=filters.group)
    if filters.language:
        services = services.filter(languages__code=filters.language)
    if filters.access:
        services = services.filter(accessibility__key=filters.access)
    if filters.q:
        services = services.filter(
            Q(name__icontains=filters.q)
            | Q(description__icontains=filters.q)
            | Q(organisation__name__icontains=filters.q)
        )
    ids = services.values("pk").distinct()
    matching = Service.objects.filter(pk__in=ids)
    total = matching.count()
    page = list(
        matching.select_related("organisation")
        .prefetch_related(Prefetch("boroughs", queryset=Borough.objects.order_by("name")))
        .order_by("name", "pk")[:PAGE_SIZE]
    )
    return page, total, borough


def service_detail(*, slug: str) -> Service | None:
    return (
        public_services()
        .filter(slug=slug)
        .select_related("organisation")
        .prefetch_related(
            "boroughs", "crime_types", "groups", "languages", "accessibility", "locations"
        )
        .first()
    )


def filter_options() -> dict[str, list[Any]]:
    """The choices of the search form (2 queries: boroughs and crime types)."""
    from directory.models import Accessibility, Group, SpokenLanguage

    return {
        "boroughs": list(Borough.objects.order_by("name").values_list("slug", "name")),
        "crime_types": sorted(
            (
                (code, crime_type_label(code, name))
                for code, name in CrimeType.objects.values_list("code", "name")
            ),
            key=lambda pair: pair[1],
        ),
        "groups": list(Group.choices),
        "accessibility": list(Accessibility.choices),
        "languages": sorted(
            ((lang.code, lang.label) for lang in SpokenLanguage.objects.all()),
            key=lambda pair: pair[1],
        ),
    }


def local_services(*, borough: Borough, limit: int = 12) -> list[Service]:
    """Services for a leaflet or the thanks page: the borough's own first, then London-wide."""
    services = (
        public_services()
        .filter(Q(london_wide=True) | Q(boroughs=borough))
        .distinct()
        .select_related("organisation")
    )
    local = [s for s in services if not s.london_wide]
    wide = [s for s in services if s.london_wide]
    return (local + wide)[:limit]


def right_summaries(*, language: Language) -> list[RightSummary]:
    """The 12 short rights in `language`, falling back to English for any missing."""
    chosen: dict[int, RightSummary] = {}
    rows = RightSummary.objects.filter(language__code__in={"en", language.code}).select_related(
        "language"
    )
    for row in rows:
        if row.number not in chosen or row.language.code == language.code:
            chosen[row.number] = row
    return [chosen[n] for n in sorted(chosen)]


# The programme team ---------------------------------------------------------------------


def organisations_for_admin() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("-active", "name").prefetch_related("services")


def funding_register(*, year: int | None = None) -> tuple[list[Funding], Decimal]:
    rows = Funding.objects.select_related("organisation").order_by(
        "-year", "organisation__name", "fund", "pk"
    )
    if year is not None:
        rows = rows.filter(year=year)
    total = rows.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    return list(rows), total


def funding_years() -> list[int]:
    return list(Funding.objects.order_by("-year").values_list("year", flat=True).distinct())
