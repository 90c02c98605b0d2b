"""Person names, found offline: a gazetteer plus context cues.

The gazetteer is built once, on first use, from the first-name and surname lists that Faker
(a runtime dependency) ships for the English-speaking locales and the communities most
often met in UK casework. No model is downloaded. A capitalised sequence is a name when:

- a title or rank comes before it ("Mrs Okafor", "DC Hughes", "Detective Sergeant Khan");
- a cue comes before it ("my name is", "called", "named", "my neighbour", "the suspect");
- it starts with a known first name ("Gary", "Gary Mitchell"), unless that first name is
  also an ordinary word or a place ("Will", "May", "Victoria") and nothing else supports it;
- it is two or three capitalised words ending in a known surname ("Zeynep Yilmaz").

It is not a name when it is a day, month, place or organisation word, or is followed by
one ("Victoria station", "Leeds Crown Court").
"""

import re

from redaction.lexicon import (
    CAPS_CUES,
    COLOURS,
    NOT_NAMES,
    PARTICLES,
    PLACE_PREFIX,
    PLACE_PREPOSITIONS,
    PLACE_SUFFIX,
    PREPOSITIONS,
    SURNAME_PLACE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLES,
    WELSH_MARKERS,
    Lexicon,
    lexicon,
)

# Words before a name that make a capitalised word a name even if it is not in the gazetteer.
_CUE = re.compile(
    r"(?:\bmy name is|\bname is|\bname's|\bnamed|\bcalled|\bknown as|\baka|\bsigned|"
    r"\bhi|\bhiya|\bhello|\bdear|\bsorry|\bcheers|\bbye|\bmorning|\bevening|\bi am|\bi'm|\bi’m|\bthis is|\bit's|\bit’s|\bit is|\bits|\bask for|\basked for|\basking for|"
    r"\bvictim (?:was|is)|\bwitness (?:was|is)|\bsuspect (?:was|is)|\bspoke to|\bspoken to|\bspeak to|\bspeaking to|\btalked to|"
    r"\bmet with|\bcontact|\bthanks to|\bthank you to|\bthanks|\bthank you|\bcc|\bfrom|"
    r"\b(?:my|his|her|their|our|the|a)\s+(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|"
    r"son|daughter|brother|sister|mum|mother|dad|father|friend|boyfriend|girlfriend|colleague|"
    r"landlord|landlady|carer|uncle|aunt|auntie|cousin|nephew|niece|child|grandson|granddaughter|"
    r"neighbour|neighbours|stepdad|stepmum|stepson|stepdaughter|flatmate|housemate|manager|boss|"
    r"suspect|offender|perpetrator|witness|victim|caseworker|case worker|support worker|advocate|"
    r"isva|idva|facilitator|officer|oic|investigating officer|liaison officer|solicitor|"
    r"social worker|key worker|teacher|doctor|gp|employer|attacker|abuser)"
    r"(?:,?\s+(?:called|named|is|was))?|"
    r"\b(?:victim|witness|suspect|offender|attendees|present|apologies|facilitator|officer|chair|action|actions|owner|lead|"
    r"minutes|notes by|reviewer|author|name|names|contact|details|from|to|cc|bcc|re|"
    r"surname|forenames?|forename\(s\)|first name|given names?|family name|full name|"
    r"last name|middle names?|maiden name|known as|enw|cyfenw)\s*:|"
    r"\b(?:suspect|victim|witness|offender|complainant|defendant|perpetrator|accused|"
    r"facilitator|caller|reporter|informant|oic|chair|viw|ip))"
    r"[\s,]*$",
    re.IGNORECASE,
)


# A verb of speaking or contact right after an unknown capitalised word makes it a name
# ("as Nico asked", "Marieluise rang from ...").
_VERB_AFTER = re.compile(
    # Someone from a team or service ("Dawit from the victim care team"), spoken to
    # ("Llinos, can you ...", "Rojda is bringing food"), or a family ("Kowalska family").
    r"^,?\s+(?:from\s+(?:the|victim|witness|police|housing|social|refuge)\b|"
    r"(?:can|could|would|will)\s+you\b|please\b|(?:is|was|are)\s+(?:bringing|coming|going|"
    r"doing|taking|making|helping|looking|staying|living|working|feeling|struggling|waiting|"
    r"hoping|asking|saying|trying)\b|family\b|household\b)|"
    r"^['’]?s?\s+(?:(?:even|also|then|still|just|never|always|really|finally|kindly)\s+)?"
    r"(?:rang|said|says|asked|asks|told|called|texted|emailed|phoned|messaged|agreed|"
    r"explained|confirmed|replied|promised|wrote|spoke|shouted|threatened|apologised|admitted|"
    r"raised|reported|mentioned|noted|shared|wants|wanted|felt|feels|charged|arrested|"
    r"came|went|got|left|attended|arrived|gave|took|lives|lived|works|worked|stated|states|"
    r"disclosed|denied|needs|needed|attends|visited|received|declined|missed|answered|"
    r"returned|called|knows|thinks|thought|worries|worried|understands|understood)\b"
)
# A person's family, contact details or case after a possessive: "Sandeep's number",
# "Hodan's daughter".
_RELATIVE_AFTER = re.compile(
    r"^['’]s\s+(?:(?:new|old|mobile|phone|home|email)\s+)?(?:number|phone|mobile|address|"
    r"email|mum|mother|dad|father|son|sons|daughter|daughters|wife|husband|partner|ex|brother|"
    r"sister|family|children|kids|baby|friend|boyfriend|girlfriend|carer|case|statement|"
    r"details|flat|house|car|phone)\b",
    re.IGNORECASE,
)
# "From" is a cue, but a weak one before a word that is also a place ("from Brent").
_FROM_BEFORE = re.compile(r"\bfrom[\s,]*$", re.IGNORECASE)
# An auxiliary verb after two or more words: "Tesfaye Berhane did not attend", "Kwabena
# Asante is the victim's brother" (after one unknown word it is as often a thing:
# "Postcode is ...").
_AUX_AFTER = re.compile(
    r"^['’]?s?\s+(?:was|is|has|had|did|didn't|does|doesn't|would|could|will|won't|can't|"
    r"cannot)\b"
)
# For a first name that is also a word ("Grace", "Dawn") at the start of a sentence, a
# past-tense verb after it: "Grace was upset", "Dawn sounded low" (not "Hope is ...").
_PAST_AFTER = re.compile(
    r"^['’]?s?\s+(?:(?:even|also|then|still|just|never|always|really|finally|kindly)\s+)?"
    r"(?:was|had|did|didn't|wasn't|hadn't|rang|said|asked|told|called|came|went|"
    r"got|left|felt|says|asks|wants|needs|thinks|feels|lives|works|[a-z]{3,}ed)\b"
)
# Welsh puts the verb first; a capitalised word after a past-tense verb ("Dywedodd Siân",
# "Nododd Iolo") or after "diolch i", "gyda", "â" is a person.
# A name and an age: "Kai, 17, said ...", "Joy (34)".
_AGE_AFTER = re.compile(r"^\s*(?:,\s*|\(\s*)(?:aged\s+)?\d{1,2}\s*[,)]")
_WELSH_VERB = re.compile(r"[a-zâêîôûŵŷ]{3,}odd$")
_WELSH_CUE = re.compile(
    r"(?:\b[a-zâêîôûŵŷ]+odd|\bdiolch i|\bdiolch|\bgyda|\bâ|\bfy enw (?:i )?yw|\benw|\bmae|"
    r"\broedd|\bbydd|\bffonio)[\s,]*$",
    re.IGNORECASE,
)
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[A-Za-z]?,?\s+$")
# Between two names: "Liam and Alberto", "Kate Cox, Annette Tucker", "Ian Ali (chair), Jo Cox".
# A nickname in brackets after a name is one too: "Yonatan Haile (Yoni)".
_INNER_CAPITAL = re.compile(r"^(?:Mac|Mc|O['’]|D['’]|Di|De|Fitz)[A-Z]")
# A past-tense verb with a person's object after an unknown word starting a sentence:
# "Rukhsana even remembered my children's names" (not "Callback requested on Monday").
_ED_AFTER = re.compile(
    r"^\s+(?:(?:even|also|then|still|just|never|always|really|finally|kindly)\s+)?[a-z]{3,}ed"
    r"\s+(?:me|my|us|our|him|his|her|them|their|everything|everyone)\b"
)
_PLACE_LABEL = re.compile(
    r"\b(?:town|city|county|borough|area|district|village|tref|sir)\s*:\s*$", re.IGNORECASE
)
_AND_AFTER = re.compile(r"\s*(?:and|&)\s*$")
_LIST_NEXT = re.compile(r"^\s*(?:,|\(|and\b|&)")
_JOINER = re.compile(r"^\s*(?:\([^()]{0,30}\))?\s*(?:,|&|and|or)\s*$|^\s*\(\s*$")
# Endings of ordinary English nouns and adjectives, rare in names not in the lists.
_WORD_ENDING = re.compile(
    r"(?:tion|sion|ment|ness|ity|ance|ence|ency|ancy|ship|hoods?|ism|ists?|ers|ings?|ive|ous|"
    r"ful|less|able|ible|ual|ial|sal|ary|ery|ory|ics|age|ure|sis|ger|ice)$"
)
_RELATION = (
    r"(?:ex|ex-partner|ex-husband|ex-wife|partner|husband|wife|son|daughter|brother|sister|"
    r"mum|mother|dad|father|friend|boyfriend|girlfriend|colleague|landlord|landlady|carer|uncle|"
    r"aunt|auntie|cousin|nephew|niece|child|grandson|granddaughter|neighbour|stepdad|stepmum|"
    r"stepson|stepdaughter|flatmate|housemate|mate|manager|boss)"
)
_RELATION_BEFORE = re.compile(
    r"\b(?:my|his|her|their|our)\s+" + _RELATION + r"(?:,?\s+(?:called|named|is|was))?[\s,]*$",
    re.IGNORECASE,
)


def _lower_case_name(text: str, token: tuple[int, int, str], lex: Lexicon, welsh: bool) -> bool:
    """A first name written in lower case that is no English word ("give ionut a lift"), or
    any first name right after a relation ("my sister jade")."""
    word = token[2]
    if not word.islower() or word not in lex.first or word in lex.common:
        return False
    if word in lex.rare_first and not welsh:  # Welsh words are no English words either
        return True
    if word in lex.wordlike or word in lex.place_like_first:
        return False
    return bool(_RELATION_BEFORE.search(text, max(0, token[0] - 40), token[0]))


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“(•*\-–]\s*|\n\s*)$")
# After a run of unknown words at the start of a sentence, these mark a heading or a list
# entry of a person ("Tesfaye Berhane - DOB ...", "Faadumo Warsame, 34,").
_PUNCT_AFTER = re.compile(r"^['’]?s?\s*(?:[,(:;]|\s[-–]\s|\.(?:\s|$)|$)")


# A word starting with a capital, and a word that marks Welsh text, counted in one pass.
_CAPITAL_START = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]")
_WELSH_MARKER = re.compile(
    r"(?<![\w'’])(?:" + "|".join(sorted(WELSH_MARKERS, key=len, reverse=True)) + r")(?![\w'’])",
    re.IGNORECASE,
)


# A form's name field, before a value written in capitals.
_FORM_LABEL = re.compile(
    r"\b(?:surname|forenames?|forename\(s\)|first name|given names?|family name|full name|"
    r"last name|middle names?|name|enw|cyfenw)\s*:\s*$",
    re.IGNORECASE,
)


def _title(word: str) -> str:
    titled = word[:1].upper() + word[1:].lower()
    return titled if len(titled) == len(word) else word


def _caps_word(word: str, lex: Lexicon) -> str | None:
    """A word from a run of capitals as ordinary text would write it: titles and listed
    names capitalised, ordinary words and places in lower case; None when it depends on
    the words around it (an unknown word, or a name that is also a word: "MORGAN")."""
    lower = word.lower()
    if lower in TITLES:
        return _title(word)
    if lower in lex.wordlike and (lower in lex.first or lower in lex.last):
        return None
    if lower in lex.common or lower in lex.places or lower in NOT_NAMES or lower in PLACE_SUFFIX:
        return lower if len(lower) == len(word) else word
    if lower in lex.first or lower in lex.last:
        return _title(word)
    return None


def _recase_caps_run(text: str, run: list[re.Match[str]], lex: Lexicon) -> list[str | None]:
    """The words of a run of capitals as ordinary text would write them (None: leave)."""

    def glued(m: re.Match[str]) -> bool:
        # Joined to figures ("12MAR", "4521AB"): a code.
        return (m.start() > 0 and text[m.start() - 1].isdigit()) or (
            m.end() < len(text) and text[m.end()].isdigit()
        )

    words = [None if glued(m) else _caps_word(m.group(), lex) for m in run]
    lowers = [m.group().lower() for m in run]
    for index, m in enumerate(run):
        if words[index] is not None or glued(m) or len(m.group()) < 3:
            continue
        before = lowers[index - 1] if index else ""
        after = words[index + 1] if index + 1 < len(run) else None
        name_before = index > 0 and (words[index - 1] or "")[:1].isupper() and before not in TITLES
        if (
            before in CAPS_CUES
            or name_before
            or (after or "")[:1].isupper()
            and (after or "").lower() not in TITLES
        ):
            words[index] = _title(m.group())
        elif lowers[index] in lex.wordlike:
            words[index] = lowers[index]
    return words


def recased(text: str, lex: Lexicon, tokens: list[re.Match[str]] | None = None) -> str:
    """The text with its letters' case normalised where the case says nothing: runs of three
    or more words in capitals ("VICTIM AMINA HASSAN CALLED") and texts written all in lower
    case ("spoke to amina today"). The result has the same length, so offsets hold.
    `tokens` are the text's words (`_TOKEN` matches), when already found."""
    if tokens is None:
        tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return text
    chars: list[str] = []

    def put(m: re.Match[str], word: str) -> None:
        if not chars:
            chars.extend(text)
        chars[m.start() : m.end()] = word

    # Capitals: a run of three or more all-capital words of two letters or more.
    run: list[re.Match[str]] = []
    for m in [*tokens, None]:
        if m is not None and m.group().isupper() and len(m.group()) > 1:
            run.append(m)
            continue
        if len(run) >= 3:
            for match, value in zip(run, _recase_caps_run(text, run, lex), strict=True):
                if value is not None:
                    put(match, value)
        elif run and _FORM_LABEL.search(text, max(0, run[0].start() - 30), run[0].start()):
            # Capitals after a form's name field: "Surname: N'DIAYE", "Family name: LI".
            for match in run:
                lower = match.group().lower()
                put(match, lower if lower in lex.common else _title(match.group()))
        elif len(run) == 1:
            # A family name in capitals before a given name: "CHEN Xiaoming", "LIU Yang".
            m0 = run[0]
            after = text[m0.end() : m0.end() + 2]
            lower = m0.group().lower()
            if (
                lower in lex.last
                and lower not in lex.common
                and after[:1] == " "
                and after[1:].isupper()
            ):
                put(m0, _title(m0.group()))
        run = []
    # Lower case: hardly a capital in the text. First names (and a surname after one) are
    # capitalised; a first name that is also an ordinary word only after a cue ("its grace").
    capitals = len(_CAPITAL_START.findall(text))
    if capitals <= len(tokens) * 0.08:
        previous_name = False
        for m in tokens:
            word = m.group()
            is_name = False
            if word.islower() and len(word) >= 3 and word not in lex.common:
                cued = bool(_CUE.search(text, max(0, m.start() - 40), m.start()))
                if word in lex.first and word not in lex.places:
                    is_name = word not in lex.wordlike or cued
                elif previous_name and word in lex.last:
                    is_name = True
                elif cued and word not in lex.places and word not in lex.wordlike:
                    # "this is minh", "dear llinos": an unknown word right after a cue.
                    is_name = True
            if is_name:
                put(m, _title(word))
            previous_name = is_name
    return "".join(chars) if chars else text


def _is_capitalised(token: str) -> bool:
    return len(token) > 1 and token[0].isupper() and not token.isupper()


def _caps_surname(token: str, last: frozenset[str], common: frozenset[str]) -> bool:
    """A surname in capitals, as police notes write them ("Jane SMITH", "Mr KOWALSKI")."""
    if not (token.isupper() and len(token) >= 3):
        return False
    lower = token.lower()
    return lower in last or (len(token) >= 5 and lower not in common and lower not in NOT_NAMES)


_CONTRACTION = re.compile(r"['’](?:d|ll|ve|re|m|s)$|n['’]t$")


def _is_common(word: str, common: frozenset[str]) -> bool:
    """An ordinary word, words joined by hyphens that all are ("Co-chairs"), or one with a
    contraction ("He'd")."""
    if word in common:
        return True
    if "-" in word:
        return all(part in common for part in word.split("-"))
    return _CONTRACTION.search(word) is not None and _CONTRACTION.sub("", word) in common


def _strip_possessive(token: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Spans (start, end, confidence) of person names in text (titles left out of the span).
    Confidence is "high" after a title or cue, "medium" from the name lists, "low" for an
    unknown proper noun taken from its capitals and position alone."""
    lex = lexicon()
    first, last, common = lex.first, lex.last, lex.common
    original = text
    matches = list(_TOKEN.finditer(text))
    text = recased(text, lex, matches)
    # Recasing keeps every letter where it was, so the words are where they were.
    tokens = [(m.start(), m.end(), text[m.start() : m.end()]) for m in matches]
    markers = len(_WELSH_MARKER.findall(text))
    welsh = markers >= 3 and markers >= len(tokens) * 0.12
    found: list[tuple[int, int, str]] = []
    unsure: list[tuple[int, int]] = []  # first names left out, for _joined_before
    i = 0
    n = len(tokens)
    while i < n:
        start, end, word = tokens[i]
        lower = word.lower()
        if word[0].islower() and lower not in TITLES and lower not in first:
            # Most words: lower case, not a title, not a name written in lower case.
            i += 1
            continue
        # A run of titles ("Detective Sergeant", "Mr.").
        titled = False
        j = i
        while j < n and tokens[j][2].lower().rstrip(".") in TITLES:
            gap = text[tokens[j][1] : tokens[j + 1][0]] if j + 1 < n else ""
            # A full stop after a title only after an abbreviation ("Mr. Ali"), not after
            # a word ending a sentence ("... the housing officer. Agreed ...").
            if j + 1 < n and (
                gap in (" ", "\u00a0", "  ")
                or (gap in (". ", ".\u00a0") and tokens[j][2].lower() in TITLE_ABBREVIATIONS)
            ):
                titled = True
                j += 1
            else:
                break
        if (
            titled
            and j < n
            and (tokens[j][2].lower() in TITLES or not _is_capitalised(tokens[j][2]))
            and not _caps_surname(tokens[j][2], last, common)
            and not (tokens[j][2] in PARTICLES and j + 1 < n and _is_capitalised(tokens[j + 1][2]))
        ):
            # "PC 1234", "Mr and Mrs": no name after the title.
            i = j
            continue
        if (
            not titled
            and not _is_capitalised(word)
            and _lower_case_name(text, tokens[i], lex, welsh)
        ):
            found.append((start, end, "medium"))
            i += 1
            continue
        if not titled and (
            not _is_capitalised(word)
            or word.lower().rstrip(".") in TITLES
            or (start > 0 and text[start - 1].isdigit())  # "12Mar", a code, not a name
        ):
            # A lower-case word, or a rank with no name after it ("Sgt 4984").
            i += 1
            continue
        # The run of capitalised words from j, joined by single spaces (or a particle).
        run = [j]
        k = j + 1
        while k < n and len(run) < 4:
            gap = text[tokens[k - 1][1] : tokens[k][0]]
            if gap != " " or tokens[k][2].lower().rstrip(".") in TITLES:
                break
            if (
                _is_capitalised(tokens[k][2])
                or (_caps_surname(tokens[k][2], last, common) and _is_capitalised(tokens[k - 1][2]))
            ) or (tokens[k][2] in PARTICLES and k + 1 < n and _is_capitalised(tokens[k + 1][2])):
                run.append(k)
                k += 1
            else:
                break
        words = [_strip_possessive(tokens[r][2]) for r in run]
        lowers = [w.lower() for w in words]
        run_end = k
        # A place or organisation: the run ends with, or is followed by, a place word, or
        # starts with a compass word ("South Shields").
        following = tokens[run_end][2].lower() if run_end < n else ""
        follow_gap = text[tokens[run_end - 1][1] : tokens[run_end][0]] if run_end < n else ""
        # "Joyce Hall" is a person: a first name and a surname that is also a place word.
        person_like = (
            len(words) == 2
            and lowers[0] in first
            and lowers[0] not in lex.place_like_first
            and lowers[1] in last
            and lowers[1] in SURNAME_PLACE_WORDS
            and not _HOUSE_NUMBER_BEFORE.search(text, 0, tokens[run[0]][0])
        )
        is_place = (
            (len(words) > 1 and lowers[-1] in PLACE_SUFFIX and not person_like)
            or (follow_gap == " " and following in PLACE_SUFFIX)
            or (not titled and len(words) > 1 and lowers[0] in PLACE_PREFIX)
        )
        if titled:
            is_place = len(words) > 1 and lowers[-1] in PLACE_SUFFIX
        # Drop leading ordinary words ("Yesterday Gary") unless they are titled names. After a
        # dropped place or organisation word the rest is part of it ("Victims' Code").
        after_org = False
        while (
            not titled
            and words
            and (
                _is_common(lowers[0], common)
                or lowers[0] in NOT_NAMES
                or (welsh and _WELSH_VERB.match(lowers[0]) is not None)
            )
            and lowers[0] not in first
        ):
            after_org = after_org or lowers[0] in NOT_NAMES
            run, words, lowers = run[1:], words[1:], lowers[1:]
        # Drop trailing ordinary words, places and organisations.
        while words and not (len(words) == 1 and titled):
            tail = lowers[-1]
            if (
                (tail in NOT_NAMES or tail in PLACE_SUFFIX or _is_common(tail, common))
                and tail not in last
                and not (len(words) == 1 and tail in first)
                and not _INNER_CAPITAL.search(words[-1])  # "MacLeod", "McKenzie"
            ):
                run, words, lowers = run[:-1], words[:-1], lowers[:-1]
            else:
                break
        if not words or is_place:
            i = max(k, i + 1)
            continue
        first_tok = tokens[run[0]]
        before = text[max(0, first_tok[0] - 40) : first_tok[0]]
        sentence_start = first_tok[0] == 0 or bool(_SENTENCE_END.search(before))
        head = lowers[0]
        after = text[first_tok[0] + len(" ".join(words)) : first_tok[0] + len(" ".join(words)) + 30]
        gap_before = text[found[-1][1] : first_tok[0]] if found else ""
        joined = bool(_JOINER.match(gap_before)) and (
            "," not in gap_before
            or head in first
            or len(words) > 1
            # In the middle of a list of names: "Present: Ada Obi, Nkechi, Tom Hart".
            or bool(_LIST_NEXT.match(after))
        )
        surname_follows = len(words) >= 2 and (lowers[1] in last or lowers[1] not in common)
        cue_before = bool(_CUE.search(before))
        strongly_cued = joined or (cue_before and not _FROM_BEFORE.search(before))
        cued = joined or cue_before or (welsh and bool(_WELSH_CUE.search(before)))
        verb_after = bool(_VERB_AFTER.match(after)) or (
            (len(words) > 1 or head in first) and bool(_AUX_AFTER.match(after))
        )
        level = "medium"
        if titled:
            is_name, level = True, "high"
        elif (" ".join(lowers) in lex.places and not (strongly_cued and head in first)) or (
            (head in NOT_NAMES or head in lex.places) and head not in first
        ):
            # "Milton Keynes", "Croydon", "Wrecsam"; but "ask for Georgia".
            is_name = False
        elif _PLACE_LABEL.search(before):
            # A form's place field: "Town: Ross", "County: Shropshire".
            is_name = False
        elif not cued and verb_after and len(words) == 1 and head in lex.place_like_first:
            # "May was busy", "Chelsea said no to the plan": a month or place, most likely.
            is_name = False
        elif (
            cued
            or _RELATIVE_AFTER.match(after)
            or (verb_after and (head not in lex.wordlike or _PAST_AFTER.match(after)))
        ):
            is_name, level = not _is_common(head, common) or head in first, "high"
        elif head in first:
            if head in lex.place_like_first:
                is_name = len(words) >= 2 and lowers[1] in last
            elif sentence_start and (head in lex.wordlike or _is_common(head, common)):
                is_name = surname_follows or bool(
                    _PAST_AFTER.match(after) or _AGE_AFTER.match(after)
                )
            else:
                is_name = True
        elif (
            len(words) >= 2
            and head in last
            and (lowers[1] in first or original[first_tok[0] : first_tok[1]].isupper())
        ):
            # Family name first: "Zhang Wei", "Nguyen Van An", "CHEN Xiaoming".
            is_name = True
        elif len(words) >= 2 and lowers[-1] in last and not _is_common(head, common):
            is_name = True
        elif (
            after_org
            or any(
                (_is_common(lower, common) and not _INNER_CAPITAL.search(word))
                or lower in NOT_NAMES
                or lower in PLACE_SUFFIX
                for word, lower in zip(words, lowers, strict=True)
            )
            or any(_WORD_ENDING.search(w) for w in lowers)
        ):
            # Unknown words from here on: not after an organisation word, and not shaped
            # like ordinary English words ("Universal Credit", "Safer Neighbourhoods").
            is_name = False
        elif any(not ch.isascii() for w in words for ch in w):
            # "István", "Pavlína Vítková": letters with diacritics in a capitalised word.
            is_name, level = True, "low"
        elif sentence_start and len(words) == 1 and not welsh and _ED_AFTER.match(after):
            # "Rukhsana even remembered my children's names."
            is_name, level = True, "low"
        elif welsh:
            # In Welsh text an unknown capitalised word is more often an institution or a
            # place ("Comisiynydd Heddlu", "Neuadd y Dref"): only cues and the lists count.
            is_name = False
        elif sentence_start and len(words) >= 2:
            # Two unknown words, neither an ordinary word nor a place, starting a sentence:
            # "Tesfaye Berhane - DOB ...", "Faadumo Warsame and her son came in."
            is_name, level = True, "low"
        else:
            # An unknown proper noun mid-sentence, not after a preposition ("I want Lucie
            # to know", "agreed Jonas will"); after one it is more often a place.
            previous = tokens[run[0] - 1][2].lower() if run[0] > 0 else ""
            gap = text[tokens[run[0] - 1][1] : first_tok[0]] if run[0] > 0 else ""
            blocked = PLACE_PREPOSITIONS if len(words) > 1 else PREPOSITIONS
            level = "low"
            is_name = (
                not sentence_start
                and gap.strip() == ""
                and previous not in blocked
                and previous not in COLOURS
                # Not the second word of a proper noun ("Headingley Road"), unless the word
                # before is an ordinary one that starts the sentence ("Met Llinos").
                and not (
                    run[0] > 0
                    and tokens[run[0] - 1][2][0].isupper()
                    and not _is_common(tokens[run[0] - 1][2].lower(), common)
                )
            )
        s = tokens[run[0]][0]
        e = tokens[run[-1]][0] + len(words[-1])
        if is_name:
            found.append((s, e, level))
        elif head in first:
            unsure.append((s, e))
        i = max(k, i + 1)
    return _joined_before(text, found, unsure)


def _joined_before(
    text: str, found: list[tuple[int, int, str]], unsure: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """A first name left out for want of support is a name when "and" joins it to a name
    found after it: "Faith and Bola on the desk were so kind"."""
    starts = {s for s, _, _ in found}
    extra = [
        (s, e, "medium")
        for s, e in unsure
        if any(_AND_AFTER.match(text, e, start) for start in starts if start > e)
    ]
    return sorted(found + extra) if extra else found
