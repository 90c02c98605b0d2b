"""Themes in released feedback comments, found by keywords (docs/feedback-dashboards.md).

The theme list is the insights app's managed list (insights.Theme). Each seeded theme has
keywords here, in English and Welsh; a theme added later by the programme team is matched
by the words of its name (four letters or more). A comment may speak of several themes,
or of none. Only released (redacted, reviewed) text is read, and only the counts are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

KEYWORDS: dict[str, tuple[str, ...]] = {
    "first-contact": (
        "first contact",
        "arrived",
        "arrival",
        "turned up",
        "came out",
        "answered",
        "call handler",
        "999",
        "101",
        "waited",
        "waiting",
        "response time",
        "quickly",
        "slow",
        "cyrraedd",
        "aros",
    ),
    "kept-informed": (
        "kept informed",
        "kept me informed",
        "update",
        "updates",
        "updated",
        "heard nothing",
        "no news",
        "called back",
        "call back",
        "what happens next",
        "next steps",
        "informed",
        "diweddariad",
        "gwybod",
    ),
    "empathy-tone": (
        "kind",
        "kindness",
        "rude",
        "respect",
        "respectful",
        "listened",
        "listen",
        "caring",
        "understanding",
        "dismissive",
        "patient",
        "compassion",
        "reassuring",
        "felt believed",
        "believed me",
        "empathy",
        "polite",
        "caredig",
        "gwrando",
        "parch",
    ),
    "reporting-barriers": (
        "report",
        "reporting",
        "online form",
        "language",
        "interpreter",
        "scared to",
        "afraid to",
        "didn't want to",
        "hard to report",
        "phone line",
        "adrodd",
        "cyfieithydd",
    ),
    "victims-code-rights": (
        "victims' code",
        "victims code",
        "my rights",
        "rights",
        "victim personal statement",
        "hawliau",
        "cod dioddefwyr",
    ),
    "training": (
        "training",
        "trained",
        "didn't know",
        "did not know",
        "inexperienced",
        "knowledge",
        "hyfforddiant",
    ),
    "support-referrals": (
        "support",
        "victim support",
        "referral",
        "referred",
        "counselling",
        "helpline",
        "leaflet",
        "charity",
        "cymorth",
        "cefnogaeth",
    ),
    "investigation": (
        "investigation",
        "investigate",
        "evidence",
        "cctv",
        "statement",
        "forensic",
        "suspect",
        "arrest",
        "arrested",
        "case closed",
        "no further action",
        "ymchwiliad",
        "tystiolaeth",
    ),
    "court-justice": (
        "court",
        "trial",
        "cps",
        "charge",
        "charged",
        "sentence",
        "magistrates",
        "witness",
        "llys",
        "achos",
    ),
    "accessibility": (
        "accessible",
        "accessibility",
        "wheelchair",
        "deaf",
        "sign language",
        "bsl",
        "easy read",
        "disabled",
        "disability",
        "large print",
        "hygyrch",
        "anabl",
    ),
}


def _pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    words = [w.strip().lower() for w in words if w.strip()]
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def theme_keywords() -> dict[str, re.Pattern[str]]:
    """The active themes' slugs and the pattern that finds each in a text."""
    from insights.models import Theme

    found: dict[str, re.Pattern[str]] = {}
    for slug, name, name_cy in Theme.objects.filter(active=True).values_list(
        "slug", "name", "name_cy"
    ):
        words = list(KEYWORDS.get(slug, ()))
        if not words:
            words = [w for w in re.findall(r"\w+", f"{name} {name_cy}") if len(w) >= 4]
        pattern = _pattern(words)
        if pattern is not None:
            found[slug] = pattern
    return found


def classify(text: str, keywords: Mapping[str, re.Pattern[str]]) -> list[str]:
    """The slugs of the themes `text` speaks of, in the list's order."""
    return [slug for slug, pattern in keywords.items() if pattern.search(text)]
