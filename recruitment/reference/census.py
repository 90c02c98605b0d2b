"""The area's Census 2021 population figures, for the representativeness report.

The figures are data files (CSV) with their ONS sources named in the README beside them:
by default London's, in census2021/ (see its README.md). Another force points the
settings at its own files (docs/vetting.md, "Representativeness"):

- RECRUITMENT_CENSUS_DIR: the folder of CSV files (default: census2021/ here);
- RECRUITMENT_CENSUS_AREA_CODE: the ONS area code of the area's rows (default E12000007,
  London);
- RECRUITMENT_CENSUS_AREA_NAME: the area's name as pages show it.

Each file has an `area_code` column, a category column and a count column, as in
census2021/. Shares are a category's count over the whole population the file counts
(all usual residents; residents aged 16 and over for sexual orientation and gender
identity, whose "Not answered" stays in the total). Age is over the bands from 15 up,
the nearest the Census publishes to the 16 and over who can apply.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

DEFAULT_DIR = Path(__file__).resolve().parent / "census2021"


@dataclass(frozen=True)
class CensusTable:
    file: str
    category_column: str
    count_column: str
    # Rows that are the table's total, or None to add up `total_of` categories.
    total_category: str | None = None
    total_of: tuple[str, ...] = ()
    filter_column: str = ""
    filter_values: tuple[str, ...] = ()


AGE_BANDS_FROM_15 = (
    "15 to 24 (nearest published to 16-24)",
    "25 to 34",
    "35 to 49",
    "50 to 64",
    "65 and over",
)

# Which file and columns answer each equality question (disability: none found).
TABLES: dict[str, CensusTable] = {
    "ethnic_group": CensusTable(
        "ethnicity_london.csv",
        "category",
        "count",
        total_category="Total: all usual residents",
        filter_column="category_level",
        filter_values=("high_level_group", "total"),
    ),
    "sexual_orientation": CensusTable(
        "sexual_orientation_london.csv",
        "category",
        "count",
        total_category="Total: usual residents aged 16 and over",
    ),
    "gender_identity": CensusTable(
        "gender_identity_london.csv",
        "category",
        "count",
        total_category="Total: usual residents aged 16 and over",
    ),
    "age_band": CensusTable(
        "age_sex_london.csv", "age_band", "persons", total_of=AGE_BANDS_FROM_15
    ),
}


def census_dir() -> Path:
    return Path(getattr(settings, "RECRUITMENT_CENSUS_DIR", "") or DEFAULT_DIR)


def area_code() -> str:
    return getattr(settings, "RECRUITMENT_CENSUS_AREA_CODE", "") or "E12000007"


def area_name() -> str:
    return getattr(settings, "RECRUITMENT_CENSUS_AREA_NAME", "") or settings.SERVICE_AREA


@cache
def _shares(directory: str, code: str, field: str) -> dict[str, float]:
    table = TABLES[field]
    path = Path(directory) / table.file
    if not path.exists():
        return {}
    counts: dict[str, float] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row.get("area_code") != code:
                continue
            if table.filter_column and row.get(table.filter_column) not in table.filter_values:
                continue
            try:
                counts[row[table.category_column]] = float(row[table.count_column])
            except (KeyError, ValueError):
                continue
    if table.total_category:
        total = counts.pop(table.total_category, 0.0)
    else:
        total = sum(counts.get(name, 0.0) for name in table.total_of)
    if not total:
        return {}
    return {name: count / total * 100 for name, count in counts.items()}


def population_share(field: str, census_category: str) -> float | None:
    """The percentage of the area's population in `census_category`, or None when the
    Census figures for it were not found."""
    if field not in TABLES or not census_category:
        return None
    return _shares(str(census_dir()), area_code(), field).get(census_category)


def sources_readme() -> Path:
    return census_dir() / "README.md"
