"""Names of the crime types (feedback.CrimeType, seeded in English) in the page's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CRIME_TYPES = {
    "burglary": _("Burglary"),
    "robbery": _("Robbery"),
    "theft": _("Theft"),
    "vehicle-crime": _("Vehicle crime"),
    "criminal-damage": _("Criminal damage"),
    "violence": _("Violence against the person"),
    "hate-crime": _("Hate crime"),
    "fraud": _("Fraud"),
    "public-order": _("Public order offences"),
    "stalking-harassment": _("Stalking and harassment"),
    "domestic-abuse": _("Domestic abuse"),
    "sexual-offences": _("Sexual offences"),
    "other": _("Other crime"),
}


def crime_type_label(code: str, name: str) -> str:
    label = CRIME_TYPES.get(code)
    return str(label) if label is not None else name


# Languages spoken in London that Django's own list does not name.
EXTRA_LANGUAGES = {
    "so": _("Somali"),
    "ti": _("Tigrinya"),
    "yo": _("Yoruba"),
    "tw": _("Twi"),
    "ps": _("Pashto"),
}


def language_name(code: str) -> str | None:
    """The name of a language code in the page's language, or None if it is not known."""
    from django.utils.translation import get_language_info

    if code in EXTRA_LANGUAGES:
        return str(EXTRA_LANGUAGES[code])
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return None
