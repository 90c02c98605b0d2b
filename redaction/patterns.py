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
# Q and O are the letters of administrative numbers (QQ123456C, OO...): taken too.
_NI_NEVER_LETTERS = frozenset("DFIUV")


def ni_prefix_plausible(prefix: str) -> bool:
    """Two letters that may start a National Insurance number, administrative ones included."""
    prefix = prefix.upper()
    return (
        prefix not in NI_INVALID_PREFIXES
        and prefix[0] not in _NI_NEVER_LETTERS
        and prefix[1] not in _NI_NEVER_LETTERS
    )


# --- Patterns -----------------------------------------------------------------------------

# Speed: a pattern that starts with one of a list of words begins with a look-ahead for
# their first letters, "(?=[pdsc])\b(?:PC|DC|Sgt|collar ...)". The regular expression engine
# then skips every other position at once instead of trying each word there (two to three
# times faster on ordinary text); what it matches is unchanged.

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

# International numbers: "+" or "00" and a country code other than 44, then at least seven
# more digits with at most two separators between them. The engine checks each candidate
# with the phonenumbers library, loaded on the first candidate.
PHONE_INTERNATIONAL = re.compile(
    r"(?<![\w+/])(?:\+[ \t]?|00)(?!44)[1-9](?:[ \t.\-()]{0,3}\d){7,14}(?![\d/])"
)

# Postcodes, all six outward formats, any case, with or without the space. "GIR 0AA" too.
POSTCODE = re.compile(
    r"(?<![\w/])(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?|GIR)"
    r"[ \t]?[0-9][ABD-HJLNP-UW-Z]{2}(?![\w/])",
    re.IGNORECASE,
)

# The full shape: two letters, three pairs of digits and the A-D suffix. The engine checks
# the letters (ni_prefix_plausible).
NI_NUMBER = re.compile(
    r"(?<![\w/])([A-Z]{2})[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?(\d{2})[ \t]?([A-D])(?![\w/])",
    re.IGNORECASE,
)
# After "NI", "NINO" or "national insurance" any two letters are taken and the suffix may be
# missing ("NI number QQ 12 34 56").
NI_NUMBER_CONTEXT = re.compile(
    r"(?=n)\b(?:N\.?I\.?(?:N\.?O\.?)?|NINO|national[ \t]+insurance)(?:[ \t]+(?:number|no\.?|num))?"
    r"[ \t]*(?:is|was|of)?[ \t]*[:\-]?[ \t]*"
    r"(?P<ni>[A-Z]{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}(?:[ \t]?[A-D])?)(?![\w/])",
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
    r"(?<![\w/])[A-HJ-PR-Y][A-HJ-PR-Y][ \t]?(?:0[2-9]|[1-2][0-9]|5[1-9]|[67][0-9])[ \t]?[A-HJ-PR-Z]{3}(?![\w/])",
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
    r"(?=[rcvpnmtl4hesd])\b(?:reg|regs|registration|registered|car|cars|van|vehicle|plate|plates|number[ -]?plate|vrm|"
    r"motorbike|moped|taxi|lorry|4x4|hatchback|estate|saloon|driving|drove|driven|parked)\b",
    re.IGNORECASE,
)

SOCIAL_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
# A handle without "@", after the name of a platform ("on Snapchat as jess_m99"): it must
# contain a digit, dot or underscore so ordinary words are not taken.
SOCIAL_HANDLE_CONTEXT = re.compile(
    r"(?=[sitfd])\b(?:snapchat|snap|instagram|insta|tiktok|twitter|facebook|threads|telegram|discord)"
    r"(?:[ \t]+(?:handle|username|user[ \t]?name|account|name|id))?(?:[ \t]+(?:is|was|called|as))?[ \t]*:?[ \t]*"
    r"(?P<handle>(?=[A-Za-z0-9_.]*[0-9_.])[A-Za-z][A-Za-z0-9_.]{2,29}[A-Za-z0-9_])(?![\w@])",
    re.IGNORECASE,
)

# Officer shoulder, collar and warrant numbers: the span is the number, not the rank.
# The number: digits with a two-letter station code after them ("4521AB", "4521 AB", the
# code in capitals when apart and never a two-letter word) or before them ("AB4521").
_OFFICER_NUMBER = (
    r"(?:\d{1,7}(?!(?:st|nd|rd|th)\b)(?:[A-Z]{1,2}"
    r"|[ \t](?-i:(?!(?:AM|AN|AS|AT|BE|BY|DO|GO|HE|IF|IN|IS|IT|ME|MY|NO|OF|OK|ON|OR|PM|SO|TO|UP|US|WE)\b)[A-Z]{2}))?"
    r"|[A-Z]{1,2}\d{2,6}|(?-i:[A-Z]{2})[ \t]\d{2,6})"
)
_OFFICER_NAME_WORD = r"(?-i:[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|[A-Z]{3,})"
OFFICER_ID = re.compile(
    r"(?=[pdsticbwef])\b(?:(?:PC|DC|PS|DS|DI|DCI|Sgt|PCSO|SC|TDC|DCs?|Insp|PSgt|DSgt|"
    r"Police[ \t]+Constable|Detective[ \t]+Constable|Detective[ \t]+Sergeant|Sergeant|Constable|Inspector)(?![^\W\d_])\.?[ \t]*"
    # A name between the rank and the number: "PC Smith 4521", "PC Jo Smith (collar 4521)".
    r"(?:(?P<name>" + _OFFICER_NAME_WORD + r"(?:[ \t]+" + _OFFICER_NAME_WORD + r")?)"
    r"(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)(?:(?:collar|shoulder|warrant|badge)[ \t]+)?"
    r"(?:(?:number|no\.?|num)[ \t]*)?#?)?"
    r"|(?:collar|shoulder|warrant|badge|epaulette|staff|force)[ \t]+(?:number|no\.?|num|#)[ \t]*(?:is|was|of)?[ \t]*:?[ \t]*"
    # "collar 4521", "badge #4521": the number needs three digits or more (engine).
    r"|(?P<bare>collar|badge)[ \t]*#?[ \t]*)"
    r"(?P<id>" + _OFFICER_NUMBER + r")(?![\w/]|[.,:]\d)",
    re.IGNORECASE,
)

# Dates of birth: a date right after a birth cue. The span is the date.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# Dates of birth are written in figures ("12/03/1985", "1985-03-12", "4-MAR-1987"), in
# words ("the fourth of March 1987", "March 12, 1985"), with two-digit years ("12 Jan 79"),
# run together ("040387"), as a year alone ("born in 1990") and in Welsh ("4 Mawrth 1987",
# "4ydd o Fawrth": the months as written and as they change after "o").
_MONTH_CY = (
    r"(?:Ionawr|Chwefror|Mawrth|Fawrth|Ebrill|Mai|Fai|Mehefin|Fehefin|Gorffennaf|Orffennaf|"
    r"Awst|Medi|Fedi|Hydref|Tachwedd|Dachwedd|Rhagfyr|Ragfyr)"
)
# "Mar." keeps its full stop only when the year follows ("4 Mar. 1987", not "4th March.").
_DOB_MONTH = r"(?:" + _MONTH + r"\b(?:\.(?=[ \t]*[\d'’]))?|" + _MONTH_CY + r"\b)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_W = r"[ \t-]+"
# "nineteen eighty-seven", "nineteen oh five", "two thousand and three", "twenty twelve".
_YEAR_WORDS = (
    rf"(?:nineteen{_W}(?:{_TENS}(?:{_W}{_UNITS})?|{_TEENS}|oh{_W}{_UNITS})"
    rf"|two{_W}thousand(?:{_W}(?:and{_W})?(?:{_TEENS}|{_UNITS}|twenty(?:{_W}{_UNITS})?))?"
    rf"|twenty{_W}(?:{_TEENS}|twenty(?:{_W}{_UNITS})?|oh{_W}{_UNITS}))\b"
)
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[ \t-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b"
)
# English and Welsh ordinal endings (1st, 4th; 1af, 2il, 4ydd, 5ed, 7fed, 11eg, 21ain).
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?\b|" + _ORDINAL_WORD + r")"
_YEAR = (
    r"(?:\d{4}|['’]?\d{2}(?![ \t]*(?:years?|yrs?|months?|weeks?|days?|hours?|mins?|minutes)\b)|"
    + _YEAR_WORDS
    + r")"
)
_DAY_MONTH_SEP = r"(?:[ \t]+(?:(?:of|o)[ \t]+)?|[ \t]*[\-/.][ \t]*)"
_MONTH_YEAR_SEP = r"(?:,?[ \t]+|[ \t]*[\-/.][ \t]*)"
_DOB_DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}"
    # Run together: 040387, 04031987.
    r"|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)?\d{2}"
    r"|" + _DAY + _DAY_MONTH_SEP + _DOB_MONTH + r"(?:" + _MONTH_YEAR_SEP + _YEAR + r")?"
    r"|" + _DOB_MONTH + r"[ \t]+(?:the[ \t]+)?" + _DAY + r"(?:,?[ \t]+" + _YEAR + r")?"
    r"|" + _DOB_MONTH + _MONTH_YEAR_SEP + r"\d{4}"
    r"|(?:19|20)\d{2}"
    r"|" + _YEAR_WORDS + r")"
)
# The cue before the date: "DOB", "d.o.b", "date of birth", "year of birth", "born (on|in)",
# "born in Leeds on", "birthday (is)", Welsh "dyddiad geni", "ganwyd (hi) ar", "ganed".
_DOB_CUE = (
    r"(?:D\.?O\.?B\.?|Y\.?O\.?B\.?|date[ \t]+of[ \t]+birth|year[ \t]+of[ \t]+birth|birth[ \t]?date"
    r"|born(?:[ \t]+in(?:[ \t]+(?-i:[A-Z][\w'’-]*)){1,3},?[ \t]+(?:on|in)|[ \t]+on|[ \t]+in)?"
    r"|birthday(?:[ \t]+is)?|dyddiad[ \t]+geni|(?:ganwyd|ganed)(?:[ \t]+(?:hi|fe|fo|ef))?(?:[ \t]+(?:ar|yn|ym))?)"
)
DOB = re.compile(
    r"(?=[dybg])\b" + _DOB_CUE + r"[ \t]*"
    r"(?:(?:is|was|of|as|yw|given[ \t]+as|recorded[ \t]+as|shown[ \t]+as)[ \t]+)?"
    r"[:\-=]?[ \t]*\(?[ \t]*(?:the[ \t]+)?(?P<date>" + _DOB_DATE + r")(?![\w/])",
    re.IGNORECASE,
)
# Cheap test before DOB runs: its cues in lower case.
DOB_CUES = ("dob", "d.o.b", "yob", "y.o.b", "birth", "born", "geni", "ganwyd", "ganed")

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
    r"(?!"
    + _MONTH
    + r"\b)(?:(?:[A-Z]['’])?[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?|St\.?|[A-Z]{2,}(?:['’]S)?)"
)
# A flat, unit or block ("Flat 4b", "Apartment 12", "Block C", Welsh "Fflat 2") and a named
# building ("Kestrel House", "St John's Court") may come before the street, in one span.
_FLAT = (
    r"(?i:flat|fflat|apartment|apt|unit|room|maisonette|block)\.?[ \t]+"
    r"(?:\d{1,4}[A-Za-z]?(?:/\d{1,3})?|[A-Z])(?![\w])"
)
_BUILDING_WORD = (
    r"(?i:House|Court|Lodge|Tower|Towers|Mansions|Buildings|Point|Heights|Hall|Chambers|"
    r"Apartments|Flats|Works|Mill|Wharf|Cottage|Cottages|Farm|Farmhouse|Barn|Bungalow|Grange|Manor|Villa)"
)
_BUILDING = r"(?:" + _NAME_WORD + r"[ \t]+){1,2}" + _BUILDING_WORD + r"(?![\w])"
# Welsh streets put the street word first: "12 Heol y Frenhines", "3 Stryd Fawr",
# "7 Ffordd y Gogledd", "Lôn Las", "Rhodfa'r Môr".
_WELSH_STREET_WORD = (
    r"(?:Heol|Stryd|Stryt|Ffordd|Lôn|Lon|Rhodfa|Cilgant|Clos|Teras|Sgwâr|Sgwar|Maes|Llwyn|"
    r"Cwrt|Gerddi|Allt|Rhes|Llys|Cae)"
)
_WELSH_WORD = r"(?:[A-ZÂÊÎÔÛŴŶ][a-zâêîôûŵŷáéíóúàèìòùäëïöü'’]+(?:-[A-ZÂÊÎÔÛŴŶ]?[a-zâêîôûŵŷ'’]+)?|[A-ZÂÊÎÔÛŴŶ]{2,})"
_WELSH_STREET = (
    rf"(?i:{_WELSH_STREET_WORD})(?:['’]r)?(?:[ \t]+(?i:y|yr))?(?:[ \t]+{_WELSH_WORD}){{1,3}}"
)
_STREET = (
    r"\d{1,4}[A-Za-z]?(?:[ \t]?-[ \t]?\d{1,4})?,?[ \t]+"
    rf"(?:(?:{_NAME_WORD}[ \t]+){{1,3}}(?i:{_STREET_TYPE})|{_WELSH_STREET})(?![\w])"
)
# Every ADDRESS has a house number and street in it: the engine looks for one first
# (quick), and only then for the flat and building before it.
# Not a house number: an age ("AGED 81 HANDED ...") or the pence of a price ("£6.40").
_NOT_HOUSE_NUMBER = r"(?<![\w/.])(?<!aged )(?<!Aged )(?<!AGED )"
STREET = re.compile(_NOT_HOUSE_NUMBER + _STREET)
ADDRESS = re.compile(
    _NOT_HOUSE_NUMBER + r"(?:" + _FLAT + r",?[ \t]+)?"
    r"(?:" + _BUILDING + r",?[ \t]+)?" + _STREET
)
# The same in lower case ("12 mill lane"): only full street words that do not end everyday
# phrases ("a 10 minute walk", "a 2 hour drive" are not addresses).
ADDRESS_LOWER = re.compile(
    _NOT_HOUSE_NUMBER + r"(?:(?:flat|apartment)[ \t]+\d{1,4}[a-z]?,?[ \t]+)?\d{1,4}[a-z]?,?[ \t]+"
    r"(?!(?:the|a|an|of|on|in|to|at|and|or|more|other|different|hour|hours|minute|minutes|mile|"
    r"miles|day|days|week|weeks|year|years|times|people|lane|way|each|every|per|all|any|one)\b)"
    r"(?:[a-z][a-z'’]+[ \t]+){1,2}"
    r"(?:street|road|avenue|lane|crescent|gardens|grove|terrace|mews|close|way|place|square|"
    r"drive|walk|parade|rise|vale|view|court|st|rd|ave)(?![\w])"
)
# "Flat 3, Rowan House" without a house number and street after it.
FLAT_ONLY = re.compile(
    r"(?<![\w/])(?:Flat|Fflat|Apartment|Apt|Maisonette)\.?[ \t]+\d{1,4}[A-Za-z]?"
    r",?[ \t]+" + _BUILDING
)

# Addresses without a number, found in text with no digit too.
# An estate: "the Beacon Estate" anywhere; "Meadowbank estate" after "on", "at" or "from"
# ("lives on the Meadowbank estate"). The span leaves "the" out. Not an estate car ("a
# Volvo estate") nor the Crown Estate.
_ESTATE_WORD = (
    r"(?-i:(?!(?:Crown|Real|Housing|Council|Industrial|Trading|Business|Retail|Private|Family|"
    r"Royal|Country|Local|Volvo|Skoda|Ford|Vauxhall|Audi|BMW|Mercedes|Peugeot|Volkswagen|VW|"
    r"Toyota|Renault|Citroen|Citroën|Kia|Hyundai|Nissan|Seat|Subaru|Passat|Octavia|Focus|Astra|"
    r"Mondeo|Golf|Insignia|Superb|Fabia|Leon|Megane|Estate|The)\b)"
    r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)"
)
ESTATE = re.compile(
    r"(?=[TtOoAaFf])\b(?:[Tt]he[ \t]+(?P<named>(?:" + _ESTATE_WORD + r"[ \t]+){1,3}Estate)"
    # In capitals: "ON THE HOLLINS ESTATE".
    r"|THE[ \t]+(?P<caps>(?!(?:CROWN|REAL|HOUSING|COUNCIL|INDUSTRIAL|TRADING|BUSINESS|RETAIL|"
    r"PRIVATE|FAMILY|ROYAL|COUNTRY|LOCAL)\b)[A-Z]{3,}(?:[ \t]+[A-Z]{3,})?[ \t]+ESTATE)"
    r"|(?i:on|at|from)[ \t]+(?:(?i:the)[ \t]+)?"
    r"(?P<cued>(?:" + _ESTATE_WORD + r"[ \t]+){1,3}(?i:estate)))"
    r"(?![\w])"
)
# A house name after a cue with no number: "lives at Rose Cottage", "moved to Holly Farm",
# "address: The Old Rectory" (the span leaves "the" out).
_HOUSE_WORD = (
    r"(?:Cottage|Cottages|Farm|Farmhouse|House|Lodge|Barn|Villa|Hall|Grange|Manor|Mill|"
    r"Bungalow|Rectory|Vicarage|Chapel|Granary|Stables|Oast)"
)
# After an address cue, a house name and a street with no number: "Address: The Old
# Forge, Church Lane", "lives at Bryn Awel, Ffordd Penlan".
_NAMED_HOUSE_STREET = (
    r"(?:(?:The|Y|Yr)[ \t]+)?(?:"
    + _ESTATE_WORD
    + r"[ \t]+(?:(?:y|yr|yn|ar|o)[ \t]+)?){0,2}"
    + _ESTATE_WORD
    + r",[ \t]+"
    r"(?:"
    + _WELSH_STREET
    + r"|(?:"
    + _NAME_WORD
    + r"[ \t]+){1,3}(?i:"
    + _STREET_TYPE
    + r"))(?![\w])"
)
HOUSE_NAME = re.compile(
    r"(?=[LlSsMmRrAaCc])\b(?i:live[sd]?|living|stay(?:s|ed|ing)?|moved|moving|reside[sd]?|residing|address|cyfeiriad)"
    r"(?:[ \t]+(?i:alone|together|now|still|currently|on[ \t]+(?:her|his|their)[ \t]+own))?"
    r"(?:[ \t]+(?i:is|at|to|in|back[ \t]+to))?[ \t]*:?[ \t]+(?:(?i:the)[ \t]+)?"
    r"(?P<addr>"
    + _NAMED_HOUSE_STREET
    + r"|(?:"
    + _ESTATE_WORD
    + r"[ \t]+){1,3}"
    + _HOUSE_WORD
    + r"(?![\w]))"
)
# A pitch or plot on a Traveller or caravan site: "Plot 6, Ridgeway Caravan Site",
# "PITCH 6, OAKHILL TRAVELLER SITE".
TRAVELLER_SITE = re.compile(
    r"(?i:\b(?:pitch|plot|bay)[ \t]+\d{1,3}[A-Za-z]?,?[ \t]+)?"
    r"(?:[A-Z][A-Za-z'’]+[ \t]+){1,3}(?i:caravan|traveller|travellers['’]?|gypsy)[ \t]+(?i:site|park)\b"
)

# Police references. Each pattern may name a group "ref"; the span is that group when
# present, else the whole match. Forces add their own through settings (docs/redaction.md).
DEFAULT_POLICE_REFERENCE_PATTERNS: tuple[str, ...] = (
    # Crime reference (Met "CRIS" style and many forces): 1234567/24
    r"(?<![\w/])(?P<ref>\d{6,8}/\d{2})(?![\w/])",
    # Slashed references with a prefix: 43/123456/24, 01/234567/25, CRI/06AA/1234567/24;
    # or a force's letters first and a long number last: MPS/CR/2025/0012345
    r"(?<![\w/])(?P<ref>(?:[A-Z0-9]{2,6}/){1,3}\d{4,8}/\d{2}|[A-Z]{2,6}(?:/[A-Z0-9]{1,8}){1,3}/\d{5,10})(?![\w/])",
    # CAD numbers, with or without the year: CAD 1234/21JAN24, CAD1234-21Jan24, CAD 4417/06DEC
    r"(?=[Cc])(?i:\bCAD)[ \t]*(?i:no\.?|number|ref\.?)?[ \t]*:?[ \t]*(?P<ref>\d{1,5}[/\-][ \t]?\d{1,2}(?i:[A-Z]{3})(?:\d{2,4})?)(?![\w/])",
    # Action Fraud (NFRC and digits): NFRC240612345678; CPS URNs (two digits, two letters,
    # five digits, two digits): 01AB2345625, 01 AB 23456 25
    r"(?<![\w/])(?P<ref>(?i:NFRC)[ \t]?\d{8,14}|\d{2}(?i:[A-Z]{2})\d{7}|\d{2}[ \t][A-Z]{2}[ \t]\d{5}[ \t]\d{2})(?![\w/])",
    # The CAD shape without the word: a number and a day-month in capitals, "0932/18FEB".
    r"(?<![\w/])(?P<ref>\d{3,5}[/\-]\d{1,2}(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(?:\d{2,4})?)(?![\w/])",
    # Log numbers with the date run together: "incident log 0661-140325".
    r"(?=[LlIi])(?i:\b(?:log|incident))[ \t]+(?i:log[ \t]+)?(?i:number|no\.?|ref\.?)?[ \t]*:?[ \t]*(?P<ref>\d{1,5}[/\-]\d{6})(?![\w/])",
    # Occurrence numbers: 11 or 12 digits not starting with 0 (a phone starts with 0).
    r"(?<![\w/.+])(?P<ref>[1-9]\d{10,11})(?![\w/])",
    # Incident or log numbers: "log 123 of 21/01/2024", "the police log is 0488 20/08/25"
    r"(?=[LlIiCc])(?i:\b(?:log|incident|call|cad))[ \t]+(?i:number|no\.?|ref\.?)?[ \t]*(?i:(?:is|was)[ \t]+)?:?[ \t]*"
    r"(?P<ref>\d{1,5}[ \t]+(?:of[ \t]+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?)(?![\w/])",
    # Any reference given as such: "crime reference 12AB34567", "URN 44/1234/5678"
    r"(?=[CcIiOoPpJjLlSsNnAaUuRr])(?:(?i:\b(?:crime|incident|occurrence|police|case|job|log|storm|niche|athena)[ \t]+"
    r"(?:reference|ref\.?|number|no\.?)(?:[ \t]+(?:number|no\.?))?[ \t]*(?:is|was)?[ \t]*:?[ \t]*)"
    r"|\b(?:URN|CRN|CRIS|(?i:reference|ref\.?|cyfeirnod))(?i:[ \t]+(?:number|no\.?|ref\.?))?"
    r"[ \t]*(?i:(?:is|was|yw|ydy)[ \t]+)?:?[ \t]*)"
    r"(?P<ref>(?=[A-Z0-9/\-]*\d)[A-Z0-9][A-Z0-9/\-]{4,24}[A-Z0-9])(?![\w/])",
)
