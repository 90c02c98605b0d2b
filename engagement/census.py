"""The register's area in the Census 2021, for fair selection and representativeness
(docs/engagement.md, "Fair selection" and "Representativeness").

Each category the register can balance or report on (`FIELDS`) has its values: the
answers people can give (the codes stored on `Participant`), each with the share of the
area's population the Census counts under it, and then "Prefer not to say", "Not given"
(and, for area, "Outside the area") with no share: those are their own values, never forced
into a category, and never held to a quota.

A share is a fraction of the people the Census counts under one of the answers, so the
shares of a category add up to 1: the Census's own "Not answered" (sexual orientation,
gender identity) is left out, as "Prefer not to say" is on our side. The figures:

- London (settings.ENGAGEMENT_AREA "london"): the London tables of Census 2021
  (ethnicity, age and sex, sexual orientation, gender identity, boroughs), read from
  engagement/census2021/ when a file is there, else from recruitment's copy of the same
  files (recruitment/reference/census2021/), area code E12000007;
- Dyfed-Powys ("dyfed_powys"): wales_dyfed_powys.csv, the police force area's rows (the
  sum of its four authorities) and, for age, the four authorities' five-year bands added up.

Disability has no Census figures here (census2021/README.md, "Not found"): its quotas are
set by hand or there are none.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement import areas
from recruitment.reference import equality
from recruitment.reference.equality import PREFER_NOT_TO_SAY

ENGAGEMENT_DIR = Path(__file__).resolve().parent / "census2021"
RECRUITMENT_DIR = Path(equality.__file__).resolve().parent / "census2021"
LONDON_CODE = "E12000007"
DYFED_POWYS_ROW = "Dyfed-Powys police force area"

NOT_GIVEN = "not_given"
OUTSIDE_AREA = "outside_area"

# The categories, in the order pages show them.
FIELDS = (
    "age_band",
    "sex",
    "ethnic_group",
    "area",
    "disability",
    "sexual_orientation",
    "gender_identity",
)
FIELD_LABELS = {
    "age_band": _("Age"),
    "sex": _("Sex"),
    "ethnic_group": _("Ethnic group"),
    "area": _("Area"),
    "disability": _("Disability"),
    "sexual_orientation": _("Sexual orientation"),
    "gender_identity": _("Gender identity"),
}


@dataclass(frozen=True)
class Value:
    """One value of a category: its code, its words and the share of the area's population
    (a fraction from 0 to 1; None when there is no Census figure or it is "Prefer not to
    say", "Not given" or "Outside the area")."""

    code: str
    label: str
    share: float | None

    @property
    def constrained(self) -> bool:
        """Whether a quota may be held against it: not for "Prefer not to say", "Not given"
        or "Outside the area"."""
        return self.code not in (PREFER_NOT_TO_SAY, NOT_GIVEN, OUTSIDE_AREA)


def field_label(field: str) -> str:
    return str(FIELD_LABELS[field])


def force() -> str:
    return str(settings.ENGAGEMENT_AREA)


def area_name() -> str:
    return areas.force_area_name()


# Reading the files ------------------------------------------------------------------------


def _path(name: str) -> Path:
    own = ENGAGEMENT_DIR / name
    return own if own.exists() else RECRUITMENT_DIR / name


@cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    path = _path(name)
    if not path.exists():
        return ()
    with path.open(newline="", encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def _number(text: str | None) -> float:
    try:
        return float(text or "")
    except ValueError:
        return 0.0


# The Census categories' counts, by the category names in recruitment.reference.equality.
_SO_OTHER_PARTS = ("Pansexual", "Asexual", "Queer", "All other sexual orientations")
_SO_OTHER = next(a.census_category for a in equality.SEXUAL_ORIENTATION if a.code == "other")
_AGE_PARTS = {
    "15 to 24 (nearest published to 16-24)": ("15 to 19 years", "20 to 24 years"),
    "25 to 34": ("25 to 29 years", "30 to 34 years"),
    "35 to 49": ("35 to 39 years", "40 to 44 years", "45 to 49 years"),
    "50 to 64": ("50 to 54 years", "55 to 59 years", "60 to 64 years"),
    "65 and over": (
        "65 to 69 years",
        "70 to 74 years",
        "75 to 79 years",
        "80 to 84 years",
        "85 to 89 years",
        "90 years and over",
    ),
}
_SEX_CATEGORIES = {"female": "Females", "male": "Males"}


def _london_counts(field: str) -> dict[str, float]:
    counts: dict[str, float] = {}
    if field == "ethnic_group":
        for r in _rows("ethnicity_london.csv"):
            if r["area_code"] == LONDON_CODE and r["category_level"] == "high_level_group":
                counts[r["category"]] = _number(r["count"])
    elif field in ("sexual_orientation", "gender_identity"):
        name = f"{field}_london.csv"
        for r in _rows(name):
            if r["area_code"] == LONDON_CODE:
                counts[r["category"]] = _number(r["count"])
    elif field == "age_band":
        for r in _rows("age_sex_london.csv"):
            if r["area_code"] == LONDON_CODE:
                counts[r["age_band"]] = _number(r["persons"])
    elif field == "sex":
        for r in _rows("boroughs_london.csv"):
            if r["area_code"] == LONDON_CODE:
                counts = {"Females": _number(r["females"]), "Males": _number(r["males"])}
    elif field == "area":
        for r in _rows("boroughs_london.csv"):
            if r["geography_level"] == "local_authority":
                counts[r["area_code"]] = _number(r["all_persons"])
    return counts


def _dyfed_powys_counts(field: str) -> dict[str, float]:
    rows = _rows("wales_dyfed_powys.csv")
    force_rows = [r for r in rows if r["area_name"].startswith(DYFED_POWYS_ROW)]
    topic = {
        "ethnic_group": "ethnic group",
        "sexual_orientation": "sexual orientation",
        "gender_identity": "gender identity",
        "sex": "population",
    }.get(field)
    counts: dict[str, float] = {}
    if topic:
        for r in force_rows:
            if r["topic"] == topic:
                counts[r["category"]] = _number(r["count"])
        if field == "sexual_orientation":
            counts[_SO_OTHER] = sum(counts.get(part, 0.0) for part in _SO_OTHER_PARTS)
    elif field in ("age_band", "area"):
        for r in rows:
            if r["area_code"] not in areas.WELSH_AUTHORITIES:
                continue
            if field == "area" and r["topic"] == "population" and r["category"] == "All persons":
                counts[r["area_code"]] = _number(r["count"])
            if field == "age_band" and r["topic"] == "age (persons)":
                for band, parts in _AGE_PARTS.items():
                    if r["category"] in parts:
                        counts[band] = counts.get(band, 0.0) + _number(r["count"])
    return counts


@cache
def _counts(field: str, where: str) -> dict[str, float]:
    if where == areas.DYFED_POWYS:
        return _dyfed_powys_counts(field)
    return _london_counts(field)


# The values of each category --------------------------------------------------------------


def _answers(field: str) -> list[tuple[str, str, str]]:
    """(code, words, Census category) of each answer people can give."""
    if field == "area":
        return [(code, name, code) for code, name in areas.areas()]
    if field == "sex":
        from engagement.reference import SEX

        return [(code, str(label), _SEX_CATEGORIES[code]) for code, label in SEX]
    answers = {
        "age_band": equality.AGE_BANDS,
        "ethnic_group": equality.ETHNIC_GROUPS,
        "disability": equality.DISABILITY,
        "sexual_orientation": equality.SEXUAL_ORIENTATION,
        "gender_identity": equality.GENDER_IDENTITY,
    }[field]
    return [(a.code, str(a.label), a.census_category) for a in answers]


def values_for(field: str) -> list[Value]:
    """Every value of `field` in page order: the answers with their Census shares (None
    when no figure was found, as for disability), then "Prefer not to say", "Not given"
    and, for area, "Outside the area"."""
    answers = _answers(field)
    counts = {} if field == "disability" else _counts(field, force())
    wanted = [counts.get(category) for _code, _label, category in answers]
    total = sum(c for c in wanted if c)
    values = [
        Value(code, label, (count / total) if (count and total) else None)
        for (code, label, _category), count in zip(answers, wanted, strict=True)
    ]
    extra = [
        Value(PREFER_NOT_TO_SAY, gettext("Prefer not to say"), None),
        Value(NOT_GIVEN, gettext("Not given"), None),
    ]
    if field == "area":
        extra.append(Value(OUTSIDE_AREA, gettext("Outside the area"), None))
    return values + extra


def value_codes(field: str) -> set[str]:
    return {v.code for v in values_for(field)}


def category_of(field: str, stored: Any) -> str:
    """The value of `field` a participant's stored answer counts under: the answer's code,
    an ethnic background's high-level group, PREFER_NOT_TO_SAY, NOT_GIVEN for no answer,
    and OUTSIDE_AREA for an area not in the force's list."""
    if isinstance(stored, list):
        stored = stored[0] if len(stored) == 1 else ""
    code = str(stored or "")
    if not code:
        return NOT_GIVEN
    if code == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY
    if field == "ethnic_group":
        code = equality.ethnic_group_of(code)
    known = {a[0] for a in _answers(field)}
    if code in known:
        return code
    return OUTSIDE_AREA if field == "area" else NOT_GIVEN


def categories_of(participant: Any, fields: Iterable[str] = FIELDS) -> dict[str, str]:
    """{field: value code} for one participant (reads their encrypted answers)."""
    return {field: category_of(field, getattr(participant, field, "")) for field in fields}


def label_of(field: str, code: str) -> str:
    for value in values_for(field):
        if value.code == code:
            return value.label
    return code
