"""Census 2021 figures the dashboard compares respondents with: the share of younger people
and of people from minority ethnic groups in the area's population.

Read through recruitment/reference/census.py (the same files and settings as the
representativeness report; sources named in recruitment/reference/census2021/README.md):

- younger: people aged 15 to 24 among those aged 15 and over (the nearest bands ONS
  publishes to the 16 to 24 year olds who may respond), against respondents under 25 among
  those who gave their age band;
- minority ethnic: the Asian, Black, Mixed and Other high-level groups together, against
  respondents in those groups among those who gave their ethnic group. (The Census's White
  minorities, such as Irish or Roma, cannot be told apart in the form's high-level groups.)
"""

from __future__ import annotations

from dataclasses import dataclass

from recruitment.reference import census

YOUNGER_AGE_BANDS = ("under_18", "18_24")
MINORITY_GROUPS = ("asian", "black", "mixed", "other")
CENSUS_ETHNIC = {
    "asian": "Asian, Asian British or Asian Welsh",
    "black": "Black, Black British, Black Welsh, Caribbean or African",
    "mixed": "Mixed or Multiple ethnic groups",
    "other": "Other ethnic group",
}
CENSUS_YOUNGER = "15 to 24 (nearest published to 16-24)"

AGE_SOURCE = (
    "ONS, Population and household estimates, England and Wales: Census 2021 "
    "(released 28 June 2022), table P02: usual residents by five-year age group"
)
ETHNIC_SOURCE = (
    "ONS, Census 2021, Ethnic group (20 categories) by lower tier local authority "
    "(Create a custom dataset), the 33 London authorities added up"
)


@dataclass(frozen=True)
class CensusShares:
    area: str
    younger: float | None
    minority: float | None


def census_shares() -> CensusShares:
    younger = census.population_share("age_band", CENSUS_YOUNGER)
    parts = [census.population_share("ethnic_group", name) for name in CENSUS_ETHNIC.values()]
    minority = sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    return CensusShares(area=census.area_name(), younger=younger, minority=minority)
