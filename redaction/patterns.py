"""Compiled patterns and check-digit validators for structured identifiers.

Every pattern is compiled once, at import. Validators are pure functions on digit strings.
The engine (redaction/engine.py) runs the patterns, validates the candidates and resolves
overlaps; this module only knows what each identifier looks like.
"""

import re

# --- Check digits -------------------------------------------------------------------------


def digits_only(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def luhn_valid(number: str) -> bool:
    """The Luhn (mod 10) check used by bank card numbers."""
    total = 0
    for index, ch in enumerate(reversed(number)):
        digit = ord(ch) - 48
        if index % 2:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def nhs_number_valid(number: str) -> bool:
    """The NHS number modulus 11 check: weights 10..2 on the first nine digits."""
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[9])


# National Insurance numbers: the first letter is never D, F, I, Q, U or V; the second never
# D, F, I, O, Q, U or V; these pairs are never issued.
NI_INVALID_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

# --- Patterns -----------------------------------------------------------------------------

ANY_DIGIT = re.compile(r"\d")

EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b"
)

# UK phone numbers. A candidate starts with +44 / 0044 (optionally "(0)") or a leading 0,
# then digits with at most two separators (space, dash, dot, brackets) between them. The
# engine counts the digits: 10 after the country code, 11 (or 10) with the trunk 0.
_SEP = r"[ \t.\-()]{0,3}"
PHONE = re.compile(
    r"(?<![\w+/])"
    r"(?:(?:\+|00)[ \t]?44" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)"
    r"[1-9](?:" + _SEP + r"\d){7,9}"
    r"(?![\d/])"
)

# Postcodes, all six outward formats, any case, with or without the space. "GIR 0AA" too.
POSTCODE = re.compile(
    r"(?<![\w/])(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?|GIR)"
    r"[ \t]?[0-9][ABD-HJLNP-UW-Z]{2}(?![\w/])",
    re.IGNORECASE,
)

NI_NUMBER = re.compile(
    r"(?<![\w/])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?([A-D])(?![\w/])",
    re.IGNORECASE,
)

NHS_NUMBER = re.compile(r"(?<![\w/.])[1-9]\d{2}[ \t-]?\d{3}[ \t-]?\d{4}(?![\w/])")

# 13 to 19 digits: run together, in fours (4-4-4-4) or as American Express
# prints them (4-6-5), separated by single spaces or dashes.
CARD_NUMBER = re.compile(
    r"(?<![\w/.])(?:\d{13,19}|\d{4}([ \t-])\d{4}\1\d{4}\1\d{1,4}|\d{4}[ \t-]\d{6}[ \t-]\d{5})(?![\w/])"
)

# Current format (2001 on): two letters, age identifier, three letters.
VEHICLE_REG_CURRENT = re.compile(
    r"(?<![\w/])[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[1-2][0-9]|5[1-9]|[67][0-9])[ \t]?[A-HJ-PR-Z]{3}(?![\w/])",
    re.IGNORECASE,
)
# Older prefix (A123 BCD) and suffix (ABC 123D) formats: only near a vehicle word.
VEHICLE_REG_PREFIX = re.compile(
    r"(?<![\w/])[A-HJ-NPR-Y]\d{1,3}[ \t]?[A-Z]{3}(?![\w/])", re.IGNORECASE
)
VEHICLE_REG_SUFFIX = re.compile(
    r"(?<![\w/])[A-Z]{3}[ \t]?\d{1,3}[ \t]?[A-HJ-NPR-Y](?![\w/])", re.IGNORECASE
)
VEHICLE_CONTEXT = re.compile(
    r"\b(?:reg|regs|registration|registered|car|cars|van|vehicle|plate|plates|number[ -]?plate|vrm|"
    r"motorbike|moped|taxi|lorry|4x4|hatchback|estate|saloon|driving|drove|driven|parked)\b",
    re.IGNORECASE,
)

SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
# A handle without "@", after the name of a platform ("on Snapchat as jess_m99"): it must
# contain a digit, dot or underscore so ordinary words are not taken.
SOCIAL_HANDLE_CONTEXT = re.compile(
    r"\b(?:snapchat|snap|instagram|insta|tiktok|twitter|facebook|threads|telegram|discord)"
    r"(?:[ \t]+(?:handle|username|user[ \t]?name|account|name|id))?(?:[ \t]+(?:is|was|called|as))?[ \t]*:?[ \t]*"
    r"(?P<handle>(?=[A-Za-z0-9_.]*[0-9_.])[A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@])",
    re.IGNORECASE,
)

# Officer shoulder, collar and warrant numbers: the span is the number, not the rank.
OFFICER_ID = re.compile(
    r"\b(?:(?:PC|DC|PS|DS|DI|DCI|Sgt|PCSO|SC|TDC|DCs?|Insp|PSgt|"
    r"Police[ \t]+Constable|Detective[ \t]+Constable|Sergeant|Constable)\.?[ \t]*"
    r"|(?:collar|shoulder|warrant|badge|epaulette|staff|force)[ \t]+(?:number|no\.?|num|#)[ \t]*(?:is|was|of)?[ \t]*:?[ \t]*)"
    r"(?P<id>\d{1,6}[A-Z]{0,2})(?![\w/])",
    re.IGNORECASE,
)

# Dates of birth: a date right after a birth cue. The span is the date.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+" + _MONTH + r",?[ \t]+\d{4}"
    r"|" + _MONTH + r"[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4})"
)
DOB = re.compile(
    r"\b(?:D\.?O\.?B\.?|date[ \t]+of[ \t]+birth|birth[ \t]?date|born(?:[ \t]+on)?|birthday(?:[ \t]+is)?)"
    r"[ \t]*(?:(?:is|was|of|as|given[ \t]+as|recorded[ \t]+as|shown[ \t]+as)[ \t]+)?[:\-]?[ \t]*\(?[ \t]*(?P<date>"
    + _DATE
    + r")(?!\d)",
    re.IGNORECASE,
)

# Street addresses: optional flat/unit, a house number, one to three capitalised words and
# a street type. The street type may be any case; the street name words are capitalised.
STREET_TYPES = [
    "Street",
    "St",
    "Road",
    "Rd",
    "Avenue",
    "Ave",
    "Lane",
    "Ln",
    "Close",
    "Cl",
    "Drive",
    "Dr",
    "Way",
    "Crescent",
    "Cres",
    "Court",
    "Ct",
    "Place",
    "Pl",
    "Gardens",
    "Gdns",
    "Grove",
    "Gr",
    "Terrace",
    "Terr",
    "Tce",
    "Hill",
    "Mews",
    "Row",
    "Square",
    "Sq",
    "Walk",
    "View",
    "Park",
    "Rise",
    "Green",
    "Parade",
    "Vale",
    "Wharf",
    "Yard",
    "Gate",
    "Hollow",
    "Meadow",
    "Meadows",
    "Fields",
    "Croft",
    "Chase",
    "Bank",
    "Brow",
    "Boulevard",
    "Approach",
    "Circus",
    "Embankment",
    "Esplanade",
    "Promenade",
    "Wynd",
    "Brae",
    "Loan",
    "Crossway",
    "Causeway",
    "Broadway",
    "Passage",
    "Quay",
    "Villas",
    "Cottages",
    "Heights",
    "Orchard",
    "Park",
    "Dene",
    "Garth",
    "Side",
    "End",
    "Common",
]
_STREET_TYPE = "(?:" + "|".join(sorted(set(STREET_TYPES), key=len, reverse=True)) + ")"
_NAME_WORD = (
    r"(?!" + _MONTH + r"\b)(?:(?:[A-Z]['’])?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|St\.?|[A-Z]{2,})"
)
ADDRESS = re.compile(
    r"(?<![\w/])"
    r"(?:(?:Flat|Apartment|Apt|Unit|Room|Maisonette)\.?[ \t]+\d{1,4}[A-Za-z]?,?[ \t]+"
    r"(?:[A-Z][a-z]+[ \t]+(?:House|Court|Lodge|Tower|Mansions|Buildings|Point|Heights),?[ \t]+)?)?"
    r"\d{1,4}[A-Za-z]?(?:[ \t]?-[ \t]?\d{1,4})?,?[ \t]+"
    r"(?:" + _NAME_WORD + r"[ \t]+){1,3}"
    r"(?i:" + _STREET_TYPE + r")(?![\w])"
)
# The same in lower case ("12 mill lane"): only full street words that do not end everyday
# phrases ("a 10 minute walk", "a 2 hour drive" are not addresses).
ADDRESS_LOWER = re.compile(
    r"(?<![\w/])(?:(?:flat|apartment)[ \t]+\d{1,4}[a-z]?,?[ \t]+)?\d{1,4}[a-z]?,?[ \t]+"
    r"(?!(?:the|a|an|of|on|in|to|at|and|or|more|other|different|hour|hours|minute|minutes|mile|"
    r"miles|day|days|week|weeks|year|years|times|people|lane|way)\b)"
    r"(?:[a-z][a-z'’]+[ \t]+){1,2}"
    r"(?:street|road|avenue|lane|crescent|gardens|grove|terrace|mews|close|way|place|square|"
    r"drive|walk|parade|rise|vale|view|court)(?![\w])"
)
# "Flat 3, Rowan House" or "Flat 3" without a house number after it.
FLAT_ONLY = re.compile(
    r"(?<![\w/])(?:Flat|Apartment|Apt|Maisonette)\.?[ \t]+\d{1,4}[A-Za-z]?"
    r",?[ \t]+[A-Z][a-z]+[ \t]+(?:House|Court|Lodge|Tower|Mansions|Buildings|Point|Heights)(?![\w])"
)

# Police references. Each pattern may name a group "ref"; the span is that group when
# present, else the whole match. Forces add their own through settings (docs/redaction.md).
DEFAULT_POLICE_REFERENCE_PATTERNS: tuple[str, ...] = (
    # Crime reference (Met "CRIS" style and many forces): 1234567/24
    r"(?<![\w/])(?P<ref>\d{6,8}/\d{2})(?![\w/])",
    # Slashed references with a prefix: 43/123456/24, CRI/06AA/1234567/24
    r"(?<![\w/])(?P<ref>(?:[A-Z0-9]{2,6}/){1,3}\d{4,8}/\d{2})(?![\w/])",
    # CAD numbers: CAD 1234/21JAN24, CAD1234-21Jan24
    r"(?i:\bCAD)[ \t]*(?i:no\.?|number|ref\.?)?[ \t]*:?[ \t]*(?P<ref>\d{1,5}[/\-][ \t]?\d{1,2}(?i:[A-Z]{3})\d{2,4})(?![\w/])",
    # Occurrence numbers: 11 or 12 digits not starting with 0 (a phone starts with 0).
    r"(?<![\w/.+])(?P<ref>[1-9]\d{10,11})(?![\w/])",
    # Incident or log numbers: "log 123 of 21/01/2024"
    r"(?i:\b(?:log|incident|call|cad))[ \t]+(?i:number|no\.?|ref\.?)?[ \t]*:?[ \t]*(?P<ref>\d{1,5}[ \t]+of[ \t]+\d{1,2}/\d{1,2}/\d{2,4})",
    # Any reference given as such: "crime reference 12AB34567"
    r"(?i:\b(?:crime|incident|occurrence|police|case|job|log|storm|niche|athena)[ \t]+"
    r"(?:reference|ref\.?|number|no\.?)(?:[ \t]+(?:number|no\.?))?[ \t]*(?:is|was)?[ \t]*:?[ \t]*)"
    r"(?P<ref>(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{4,24}[A-Z0-9])(?![\w/])",
)
