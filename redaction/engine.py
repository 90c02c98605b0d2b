"""Find and replace personal data in free text.

    >>> redact("Call Gary on 07700 900123").redacted
    'Call [NAME] on [PHONE]'

`redact` is a pure function of the text and the force's reference patterns: no database,
no network, no model download. Spans index into the original text, are sorted and never
overlap; where two detectors claim the same characters the higher priority wins, then
the longer span. See docs/redaction.md for what is found and the limits.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType

from redaction import patterns as p
from redaction.lexicon import PLACE_SUFFIX, lexicon
from redaction.names import find_names

TYPES = (
    "NAME",
    "EMAIL",
    "PHONE",
    "POSTCODE",
    "ADDRESS",
    "DOB",
    "NI_NUMBER",
    "NHS_NUMBER",
    "VEHICLE_REG",
    "CARD_NUMBER",
    "POLICE_REF",
    "OFFICER_ID",
    "SOCIAL_HANDLE",
)
# Higher wins an overlap. Validated identifiers beat shapes that need context.
PRIORITY = {
    "EMAIL": 100,
    "CARD_NUMBER": 95,
    # A phone must start with 0 or +44, an NHS number never does: "+44 121 496 0073" is a
    # phone even when its last ten digits pass the NHS check.
    "PHONE": 92,
    "NHS_NUMBER": 90,
    "NI_NUMBER": 90,
    "DOB": 80,
    "POLICE_REF": 75,
    "OFFICER_ID": 70,
    "POSTCODE": 65,
    "VEHICLE_REG": 60,
    "SOCIAL_HANDLE": 55,
    "ADDRESS": 50,
    "NAME": 10,
}


# How sure the engine is of a span, for reviewers: they look hardest where it is least sure.
# "high": a checked or unmistakable shape (email, card, NHS number, a titled name);
# "medium": a shape that needs context (an address, a name from the lists);
# "low": a guess from capitals and position alone (an unknown proper noun).
CONFIDENCE = ("high", "medium", "low")
_TYPE_CONFIDENCE = {
    "EMAIL": "high",
    "CARD_NUMBER": "high",
    "PHONE": "high",
    "NHS_NUMBER": "high",
    "NI_NUMBER": "high",
    "DOB": "high",
    "POLICE_REF": "high",
    "OFFICER_ID": "high",
    "POSTCODE": "high",
    "VEHICLE_REG": "medium",
    "SOCIAL_HANDLE": "medium",
    "ADDRESS": "medium",
    "NAME": "medium",
}


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    text: str
    confidence: str = "high"

    @property
    def placeholder(self) -> str:
        return f"[{self.type}]"


@dataclass(frozen=True, slots=True)
class Redaction:
    redacted: str
    spans: list[Span]


# --- Police references, per force ---------------------------------------------------------


def _configured_patterns(force: str | None) -> tuple[str, ...]:
    """The default reference patterns (or REDACTION_POLICE_REFERENCE_PATTERNS) plus the
    force's own from REDACTION_FORCE_REFERENCE_PATTERNS."""
    base: tuple[str, ...] = p.DEFAULT_POLICE_REFERENCE_PATTERNS
    extra: tuple[str, ...] = ()
    try:
        from django.conf import settings

        if settings.configured:
            base = tuple(getattr(settings, "REDACTION_POLICE_REFERENCE_PATTERNS", None) or base)
            per_force = getattr(settings, "REDACTION_FORCE_REFERENCE_PATTERNS", None) or {}
            if force is not None:
                extra = tuple(per_force.get(force, ()))
    except ImportError:  # pragma: no cover - used outside Django
        pass
    return base + extra


@lru_cache(maxsize=64)
def _compile(sources: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


def police_reference_patterns(force: str | None = None) -> tuple[re.Pattern[str], ...]:
    return _compile(_configured_patterns(force))


# --- Detectors ----------------------------------------------------------------------------

Candidate = tuple[int, int, str]


def _phone_valid(match: str) -> bool:
    digits = p.digits_only(match)
    stripped = match.lstrip("( \t")
    if stripped.startswith("+"):
        digits = digits[2:]
    elif stripped.startswith("00"):
        digits = digits[4:]
    else:
        digits = digits[1:]
    if digits.startswith("0"):  # +44 (0)20 ...
        digits = digits[1:]
    return len(digits) in (9, 10) and digits[0] in "1235789"


# A placeholder left by an earlier redaction ("[VEHICLE_REG]"), whole or cut by the window's
# edges: its words are not the writer's, so they are never vehicle context.
_PLACEHOLDER_PART = re.compile(r"\[[A-Z_]+(?:\]|$)|^[A-Z_]*\]")


def _has_vehicle_context(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 60) : min(len(text), end + 30)]
    return bool(p.VEHICLE_CONTEXT.search(_PLACEHOLDER_PART.sub(" ", window)))


_PLATFORMS = ("snap", "insta", "tiktok", "twitter", "facebook", "threads", "telegram", "discord")


def _candidates(text: str, force: str | None, names: dict[str, str]) -> list[Candidate]:
    """Every detector's proposals; `names` gets each name's text and how sure the engine is
    of it (the surest reading wins for every occurrence)."""
    found: list[Candidate] = []
    add = found.append
    if "@" in text:
        for m in p.EMAIL.finditer(text):
            add((m.start(), m.end(), "EMAIL"))
        for m in p.SOCIAL_HANDLE.finditer(text):
            add((m.start(), m.end(), "SOCIAL_HANDLE"))
    lowered = text.lower()
    if any(name in lowered for name in _PLATFORMS):
        for m in p.SOCIAL_HANDLE_CONTEXT.finditer(text):
            add((m.start("handle"), m.end("handle"), "SOCIAL_HANDLE"))
    _digit_candidates(text, force, add)
    for start, end, level in find_names(text):
        add((start, end, "NAME"))
        current = names.get(text[start:end])
        if current is None or CONFIDENCE.index(level) < CONFIDENCE.index(current):
            names[text[start:end]] = level
    return found


_HOUSE_NAME_CUES = ("liv", "stay", "mov", "resid", "address", "cyfeiriad")


def _numberless_addresses(text: str, lowered: str, add: Callable[[Candidate], None]) -> None:
    """Estates and house names: addresses with no digit in them."""
    if "estate" in lowered:
        for m in p.ESTATE.finditer(text):
            group = next(g for g in ("named", "caps", "cued") if m.group(g) is not None)
            add((m.start(group), m.end(group), "ADDRESS"))
    if any(cue in lowered for cue in _HOUSE_NAME_CUES):
        for m in p.HOUSE_NAME.finditer(text):
            add((m.start("addr"), m.end("addr"), "ADDRESS"))
    if "site" in lowered or "park" in lowered:
        for m in p.TRAVELLER_SITE.finditer(text):
            add((m.start(), m.end(), "ADDRESS"))


@lru_cache(maxsize=1)
def _phonenumbers() -> ModuleType:
    """The phonenumbers library, imported on the first international candidate (its import
    and metadata cost more than a whole snippet)."""
    import phonenumbers

    return phonenumbers


def _international_phone_end(text: str, start: int, end: int) -> int | None:
    """Where the international number starting at `start` ends, or None if it is not one.
    A number run into the next one ("+61 491 570 156 2 times") is cut back a group at a time."""
    lib = _phonenumbers()
    candidate = text[start:end]
    strict = candidate.startswith("00")
    for _ in range(3):
        digits = p.digits_only(candidate)
        if strict:
            digits = digits[2:]
        try:
            number = lib.parse("+" + digits, None)
        except lib.NumberParseException:
            number = None
        if number is not None and (
            lib.is_valid_number(number) if strict else lib.is_possible_number(number)
        ):
            return start + len(candidate)
        cut = max(candidate.rfind(" "), candidate.rfind("-"), candidate.rfind("."))
        if cut <= 3:
            return None
        candidate = candidate[:cut].rstrip(" \t.-(")
    return None


def _digit_candidates(text: str, force: str | None, add: Callable[[Candidate], None]) -> None:
    """Structured identifiers. All but estates, house names and dates of birth in words have
    a digit in them: text without one skips them."""
    lowered = text.lower()
    _numberless_addresses(text, lowered, add)
    if any(cue in lowered for cue in p.DOB_CUES):
        for m in p.DOB.finditer(text):
            add((m.start("date"), m.end("date"), "DOB"))
    if not p.ANY_DIGIT.search(text):
        return
    for m in p.CARD_NUMBER.finditer(text):
        value = m.group()
        digits = p.digits_only(value)
        if 13 <= len(digits) <= 19 and p.luhn_valid(digits):
            add((m.start(), m.end(), "CARD_NUMBER"))
    for m in p.NHS_NUMBER.finditer(text):
        if p.nhs_number_valid(p.digits_only(m.group())):
            add((m.start(), m.end(), "NHS_NUMBER"))
    for m in p.NI_NUMBER.finditer(text):
        if p.ni_prefix_plausible(m.group(1)) and (m.group().isupper() or m.group().islower()):
            add((m.start(), m.end(), "NI_NUMBER"))
    for m in p.NI_NUMBER_CONTEXT.finditer(text):
        add((m.start("ni"), m.end("ni"), "NI_NUMBER"))
    for m in p.PHONE.finditer(text):
        if _phone_valid(m.group()):
            add((m.start(), m.end(), "PHONE"))
    if "+" in text or "00" in text:
        for m in p.PHONE_INTERNATIONAL.finditer(text):
            end = _international_phone_end(text, m.start(), m.end())
            if end is not None:
                add((m.start(), end, "PHONE"))
    for pattern in police_reference_patterns(force):
        for m in pattern.finditer(text):
            if "ref" in pattern.groupindex and m.group("ref") is not None:
                add((m.start("ref"), m.end("ref"), "POLICE_REF"))
            elif m.end() > m.start():
                add((m.start(), m.end(), "POLICE_REF"))
    for m in p.OFFICER_ID.finditer(text):
        # After a name ("PC Smith 4521") or a bare "collar"/"badge", a number of one or two
        # digits is more likely a count than an officer.
        if (m.group("name") or m.group("bare")) and len(p.digits_only(m.group("id"))) < 3:
            continue
        add((m.start("id"), m.end("id"), "OFFICER_ID"))
    for m in p.POSTCODE.finditer(text):
        value = m.group()
        if value.isupper() or value.islower() or " " in value:
            add((m.start(), m.end(), "POSTCODE"))
    for m in p.VEHICLE_REG_CURRENT.finditer(text):
        if m.group().isupper() or _has_vehicle_context(text, m.start(), m.end()):
            add((m.start(), m.end(), "VEHICLE_REG"))
    for pattern in (p.VEHICLE_REG_PREFIX, p.VEHICLE_REG_SUFFIX):
        for m in pattern.finditer(text):
            if _has_vehicle_context(text, m.start(), m.end()):
                add((m.start(), m.end(), "VEHICLE_REG"))
    if p.STREET.search(text):
        for m in p.ADDRESS.finditer(text):
            add((m.start(), m.end(), "ADDRESS"))
    for m in p.ADDRESS_LOWER.finditer(text):
        add((m.start(), m.end(), "ADDRESS"))
    for m in p.FLAT_ONLY.finditer(text):
        add((m.start(), m.end(), "ADDRESS"))


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Keep the highest priority, then longest, of any overlapping candidates."""
    ranked = sorted(candidates, key=lambda c: (-PRIORITY[c[2]], -(c[1] - c[0]), c[0]))
    taken: list[Candidate] = []
    for cand in ranked:
        start, end, _ = cand
        if end <= start:
            continue
        if all(end <= t[0] or start >= t[1] for t in taken):
            taken.append(cand)
    taken.sort()
    return taken


_PLACE_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")


def _is_place_name(text: str, start: int, end: int) -> bool:
    """ "Bloggs" in "Bloggs Lane" or "Bloggs Hall" names a place, not the person."""
    m = _PLACE_WORD_AFTER.match(text, end)
    return bool(m and m.group(1).lower() in PLACE_SUFFIX)


def _repeat_names(text: str, spans: list[Candidate]) -> list[Candidate]:
    """Once a name is found, every other occurrence of it, and of each part of a full name,
    is a name too ("Gary Mitchell rang. Mitchell said ...")."""
    names = {text[s:e] for s, e, t in spans if t == "NAME"}
    if not names:
        return spans
    common = lexicon().common
    parts = set(names)
    for name in names:
        parts.update(w for w in name.split() if len(w) > 2 and w.lower() not in common)
    extra: list[Candidate] = []
    for part in parts:
        at = text.find(part)
        while at != -1:
            end = at + len(part)
            before_ok = at == 0 or not text[at - 1].isalnum()
            after_ok = end == len(text) or not text[end].isalnum()
            if before_ok and after_ok and not _is_place_name(text, at, end):
                extra.append((at, end, "NAME"))
            at = text.find(part, at + 1)
    if not extra:
        return spans
    return _resolve(spans + extra)


def find_spans(text: str, *, force: str | None = None) -> list[Span]:
    names: dict[str, str] = {}
    spans = _repeat_names(text, _resolve(_candidates(text, force, names)))
    return [
        Span(
            s,
            e,
            t,
            text[s:e],
            names.get(text[s:e], "medium") if t == "NAME" else _TYPE_CONFIDENCE[t],
        )
        for s, e, t in spans
    ]


def redact(text: str, *, force: str | None = None) -> Redaction:
    """Replace every piece of personal data in text with its typed placeholder."""
    spans = find_spans(text, force=force)
    parts: list[str] = []
    cursor = 0
    for span in spans:
        parts.append(text[cursor : span.start])
        parts.append(span.placeholder)
        cursor = span.end
    parts.append(text[cursor:])
    return Redaction(redacted="".join(parts), spans=spans)
