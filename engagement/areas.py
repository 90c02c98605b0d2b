"""The areas a participant can say they live in: the force's local authorities, with their
Census 2021 figures in engagement/census2021/ (copied from the shared Census data, with its
README saying where every figure comes from).

settings.ENGAGEMENT_AREA chooses the force: "london" (the 32 boroughs and the City of
London, from boroughs_london.csv) or "dyfed_powys" (Carmarthenshire, Ceredigion,
Pembrokeshire and Powys, from wales_dyfed_powys.csv). The code stored is the ONS area code.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

CENSUS_DIR = Path(__file__).resolve().parent / "census2021"
LONDON = "london"
DYFED_POWYS = "dyfed_powys"

# The force area's own name, and the Welsh names of Dyfed-Powys' authorities (the Census
# files give the English names only).
AREA_NAMES = {LONDON: _("London"), DYFED_POWYS: _("Dyfed-Powys")}
WELSH_AUTHORITIES = {
    "W06000010": _("Carmarthenshire"),
    "W06000008": _("Ceredigion"),
    "W06000009": _("Pembrokeshire"),
    "W06000023": _("Powys"),
}


@cache
def _london() -> tuple[tuple[str, str], ...]:
    with (CENSUS_DIR / "boroughs_london.csv").open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["geography_level"] == "local_authority"]
    return tuple(
        (r["area_code"], r["area_name"]) for r in sorted(rows, key=lambda r: r["area_name"])
    )


@cache
def _dyfed_powys() -> tuple[tuple[str, str], ...]:
    with (CENSUS_DIR / "wales_dyfed_powys.csv").open(newline="", encoding="utf-8") as f:
        codes = {
            r["area_code"]: r["area_name"]
            for r in csv.DictReader(f)
            if r["area_code"] in WELSH_AUTHORITIES
        }
    return tuple(sorted(codes.items(), key=lambda item: item[1]))


def areas(force: str | None = None) -> list[tuple[str, str]]:
    """(ONS code, name) of each local authority of the force's area, by name. Names are
    in the page's language where we have them (Dyfed-Powys' in Welsh)."""
    force = force or settings.ENGAGEMENT_AREA
    if force == DYFED_POWYS:
        return [(code, str(WELSH_AUTHORITIES[code])) for code, _name in _dyfed_powys()]
    return list(_london())


def area_name(code: str, force: str | None = None) -> str:
    """The name of one area ("" for none; the code itself for one no longer listed)."""
    if not code:
        return ""
    return dict(areas(force)).get(code, code)


def force_area_name(force: str | None = None) -> str:
    """ "London" or "Dyfed-Powys", in the page's language."""
    return str(AREA_NAMES[force or settings.ENGAGEMENT_AREA])
