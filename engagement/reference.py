"""The register's answer lists, as data: the optional questions' codes and their words, and
the consent people give when they join.

Each optional answer is stored as a stable code (Participant's fields); "Prefer not to say"
is stored as PREFER_NOT_TO_SAY, on its own or as the only item of a list; an empty value
means not answered. The equality questions reuse the forum application's answers
(recruitment.reference.equality), so both count people against the same Census categories.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from engagement.areas import areas
from engagement.models import Format
from recruitment.reference import equality
from recruitment.reference.equality import PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL

Options = list[tuple[str, Any]]

# The optional questions' Participant fields, in the order they are asked; those that hold
# a list of codes.
OPTIONAL_FIELDS = (
    "age_band",
    "sex",
    "gender_identity",
    "ethnic_group",
    "sexual_orientation",
    "disability",
    "area",
    "crime_kinds",
    "languages",
    "formats",
    "access_needs",
)
LIST_FIELDS = ("crime_kinds", "languages", "formats")

# The consent wording people agree to when they join: change CONSENT_VERSION whenever the
# wording changes, so that each participant's record says which words they agreed to.
# 2026-2: the same promises as 2026-1, in plainer words.
CONSENT_VERSION = "2026-2"
CONSENT_POINTS = (
    _("we can contact you to ask if you want to take part"),
    _("we only contact you in the ways you said are safe"),
    _("taking part is always your choice"),
    _("you can say no without giving a reason, and it will never count against you"),
    _("you can see, change or delete what you told us at any time"),
    _("you can take a break or leave at any time"),
    _("the organisations that ask for help never see your name or contact details"),
)

SEX: Options = [("female", _("Female")), ("male", _("Male"))]

CRIME_KINDS: Options = [
    ("burglary", _("Burglary")),
    ("theft", _("Theft")),
    ("robbery", _("Robbery")),
    ("violence", _("Violence or assault")),
    ("sexual_offence", _("Rape or another sexual offence")),
    ("domestic_abuse", _("Domestic abuse")),
    ("stalking_harassment", _("Stalking or harassment")),
    ("hate_crime", _("Hate crime")),
    ("fraud", _("Fraud or scams")),
    ("online_crime", _("Online crime")),
    ("criminal_damage", _("Criminal damage")),
    ("other", _("Another kind of crime")),
]

LANGUAGES: Options = [
    ("en", _("English")),
    ("cy", _("Welsh")),
    ("pl", _("Polish")),
    ("ur", _("Urdu")),
    ("bn", _("Bengali")),
    ("ar", _("Arabic")),
    ("ro", _("Romanian")),
    ("pa", _("Punjabi")),
    ("so", _("Somali")),
    ("tr", _("Turkish")),
]


def _from_equality(answers: tuple[equality.Answer, ...]) -> Options:
    return [(a.code, a.label) for a in answers]


def options_for(field: str) -> Options:
    """The answers offered for one optional question (not "Prefer not to say")."""
    if field == "area":
        return list(areas())
    return {
        "age_band": _from_equality(equality.AGE_BANDS),
        "sex": SEX,
        "gender_identity": _from_equality(equality.GENDER_IDENTITY),
        "ethnic_group": _from_equality(equality.ETHNIC_GROUPS),
        "sexual_orientation": _from_equality(equality.SEXUAL_ORIENTATION),
        "disability": _from_equality(equality.DISABILITY),
        "crime_kinds": CRIME_KINDS,
        "languages": LANGUAGES,
        "formats": list(Format.choices),
    }[field]


def label_for(field: str, value: Any) -> str:
    """What someone answered, in words: "" when not answered, several answers joined."""
    if not value:
        return ""
    if field == "access_needs":
        return gettext("Prefer not to say") if value == PREFER_NOT_TO_SAY else str(value)
    codes = value if isinstance(value, list) else [value]
    words = dict(options_for(field))
    return ", ".join(
        str(PREFER_NOT_TO_SAY_LABEL) if code == PREFER_NOT_TO_SAY else str(words.get(code, code))
        for code in codes
    )


__all__ = [
    "CONSENT_POINTS",
    "CONSENT_VERSION",
    "CRIME_KINDS",
    "LANGUAGES",
    "LIST_FIELDS",
    "OPTIONAL_FIELDS",
    "PREFER_NOT_TO_SAY",
    "PREFER_NOT_TO_SAY_LABEL",
    "SEX",
    "label_for",
    "options_for",
]
