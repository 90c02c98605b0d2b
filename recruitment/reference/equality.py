"""The equality monitoring questions and their answers, as data.

Each answer has a stable code (stored, encrypted, on the application), the words the
applicant reads (translated through gettext) and the Census 2021 category it is counted
under: the `category` column of the CSV files in census2021/ (tests check every name is
there), so the representativeness report can set applicants beside London's population.

Every question also offers "Prefer not to say" (PREFER_NOT_TO_SAY), counted on its own.
The area list (boroughs) is London's; another force ships its own list and figures.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

CENSUS_DIR = Path(__file__).resolve().parent / "census2021"
PREFER_NOT_TO_SAY = "prefer_not_to_say"
PREFER_NOT_TO_SAY_LABEL = _("Prefer not to say")


@dataclass(frozen=True)
class Answer:
    code: str
    label: Any  # lazy translation
    census_category: str = ""  # "" when the Census has no matching category
    group: str = ""  # for ethnic backgrounds: the code of their high-level group
    hint: Any = ""


# Ethnic group: asked in two steps, as the Census does - the high-level group, then the
# background within it. Census file: ethnicity_london.csv (category_level high_level_group
# and detailed_19).
ETHNIC_GROUPS = (
    Answer(
        "asian", _("Asian, Asian British or Asian Welsh"), "Asian, Asian British or Asian Welsh"
    ),
    Answer(
        "black",
        _("Black, Black British, Black Welsh, Caribbean or African"),
        "Black, Black British, Black Welsh, Caribbean or African",
    ),
    Answer("mixed", _("Mixed or multiple ethnic groups"), "Mixed or Multiple ethnic groups"),
    Answer("white", _("White"), "White"),
    Answer("other", _("Other ethnic group"), "Other ethnic group"),
)

_A = "Asian, Asian British or Asian Welsh: "
_B = "Black, Black British, Black Welsh, Caribbean or African: "
_M = "Mixed or Multiple ethnic groups: "
_W = "White: "
_O = "Other ethnic group: "
ETHNIC_BACKGROUNDS = (
    Answer("asian_indian", _("Indian"), _A + "Indian", "asian"),
    Answer("asian_pakistani", _("Pakistani"), _A + "Pakistani", "asian"),
    Answer("asian_bangladeshi", _("Bangladeshi"), _A + "Bangladeshi", "asian"),
    Answer("asian_chinese", _("Chinese"), _A + "Chinese", "asian"),
    Answer("asian_other", _("Any other Asian background"), _A + "Other Asian", "asian"),
    Answer("black_african", _("African"), _B + "African", "black"),
    Answer("black_caribbean", _("Caribbean"), _B + "Caribbean", "black"),
    Answer(
        "black_other",
        _("Any other Black, Black British or Caribbean background"),
        _B + "Other Black",
        "black",
    ),
    Answer(
        "mixed_white_black_caribbean",
        _("White and Black Caribbean"),
        _M + "White and Black Caribbean",
        "mixed",
    ),
    Answer(
        "mixed_white_black_african",
        _("White and Black African"),
        _M + "White and Black African",
        "mixed",
    ),
    Answer("mixed_white_asian", _("White and Asian"), _M + "White and Asian", "mixed"),
    Answer(
        "mixed_other",
        _("Any other mixed or multiple ethnic background"),
        _M + "Other Mixed or Multiple ethnic groups",
        "mixed",
    ),
    Answer(
        "white_british",
        _("English, Welsh, Scottish, Northern Irish or British"),
        _W + "English, Welsh, Scottish, Northern Irish or British",
        "white",
    ),
    Answer("white_irish", _("Irish"), _W + "Irish", "white"),
    Answer(
        "white_gypsy_traveller",
        _("Gypsy or Irish Traveller"),
        _W + "Gypsy or Irish Traveller",
        "white",
    ),
    Answer("white_roma", _("Roma"), _W + "Roma", "white"),
    Answer("white_other", _("Any other White background"), _W + "Other White", "white"),
    Answer("other_arab", _("Arab"), _O + "Arab", "other"),
    Answer("other_any", _("Any other ethnic group"), _O + "Any other ethnic group", "other"),
)

# Disability: the Equality Act definition, as Census 2021 table TS038 counts it. No London
# figures were found (census2021/README.md, "Not found"), so the report shows applicants only.
DISABILITY = (
    Answer(
        "limited_a_lot",
        _("Yes, limited a lot"),
        "Disabled under the Equality Act: Day-to-day activities limited a lot",
    ),
    Answer(
        "limited_a_little",
        _("Yes, limited a little"),
        "Disabled under the Equality Act: Day-to-day activities limited a little",
    ),
    Answer("no", _("No"), "Not disabled under the Equality Act"),
)

# Sexual orientation: the Census 2021 question's answers. "Other" is counted with the
# 5-category grouping (pansexual, asexual, queer and all other). sexual_orientation_london.csv.
SEXUAL_ORIENTATION = (
    Answer("straight", _("Straight or heterosexual"), "Straight or Heterosexual"),
    Answer("gay_or_lesbian", _("Gay or lesbian"), "Gay or Lesbian"),
    Answer("bisexual", _("Bisexual"), "Bisexual"),
    Answer(
        "other",
        _("Other"),
        "All other sexual orientations, 5-category TS077 grouping "
        "(= Pansexual + Asexual + Queer + All other sexual orientations)",
    ),
)

# Gender identity: "Is the gender you identify with the same as your sex registered at
# birth?" with the categories ONS publishes. gender_identity_london.csv.
GENDER_IDENTITY = (
    Answer("same", _("Yes"), "Gender identity the same as sex registered at birth"),
    Answer(
        "different",
        _("No"),
        "Gender identity different from sex registered at birth but no specific identity given",
    ),
    Answer("trans_woman", _("No, I am a trans woman"), "Trans woman"),
    Answer("trans_man", _("No, I am a trans man"), "Trans man"),
    Answer(
        "other",
        _("No, I have another gender identity (for example, non-binary)"),
        "All other gender identities",
    ),
)

# Age: the broad bands of age_sex_london.csv. The Census publishes 15 to 24, not 16 to 24.
AGE_BANDS = (
    Answer("16_24", _("16 to 24"), "15 to 24 (nearest published to 16-24)"),
    Answer("25_34", _("25 to 34"), "25 to 34"),
    Answer("35_49", _("35 to 49"), "35 to 49"),
    Answer("50_64", _("50 to 64"), "50 to 64"),
    Answer("65_plus", _("65 or over"), "65 and over"),
)

OUTSIDE_AREA = "outside_area"


@cache
def boroughs() -> tuple[Answer, ...]:
    """The area's local authorities from boroughs_london.csv: code is the ONS area code."""
    with (CENSUS_DIR / "boroughs_london.csv").open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["geography_level"] == "local_authority"]
    return tuple(
        Answer(r["area_code"], r["area_name"], r["area_name"])
        for r in sorted(rows, key=lambda r: r["area_name"])
    )


def borough_answers() -> tuple[Answer, ...]:
    outside = gettext("I do not live in %(area)s") % {"area": settings.SERVICE_AREA}
    return (*boroughs(), Answer(OUTSIDE_AREA, outside))


QUESTIONS: dict[str, tuple[Answer, ...]] = {
    "ethnic_group": ETHNIC_GROUPS + ETHNIC_BACKGROUNDS,
    "disability": DISABILITY,
    "sexual_orientation": SEXUAL_ORIENTATION,
    "gender_identity": GENDER_IDENTITY,
    "age_band": AGE_BANDS,
}


def answers_for(field: str) -> tuple[Answer, ...]:
    if field == "borough":
        return borough_answers()
    return QUESTIONS[field]


def label_for(field: str, code: str) -> str:
    """What an applicant chose, in words ("" for no answer)."""
    if not code:
        return ""
    if code == PREFER_NOT_TO_SAY:
        return str(PREFER_NOT_TO_SAY_LABEL)
    for answer in answers_for(field):
        if answer.code == code:
            if answer.group:
                group = next(g for g in ETHNIC_GROUPS if g.code == answer.group)
                return f"{group.label}: {answer.label}"
            return str(answer.label)
    return code


def census_category_for(field: str, code: str) -> str:
    """The Census 2021 category an answer is counted under ("" for none or prefer not to say)."""
    for answer in answers_for(field):
        if answer.code == code:
            return answer.census_category
    return ""


def ethnic_group_of(code: str) -> str:
    """The high-level group code of a stored ethnic group answer (itself for a group)."""
    for answer in ETHNIC_BACKGROUNDS:
        if answer.code == code:
            return answer.group
    return code
