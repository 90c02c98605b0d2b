"""Person names, found offline: name, word and place lists (redaction/lexicon.py) and the
words around a name (redaction/cues.py), on text whose letter case has first been made
ordinary (redaction/casing.py). No model is used. A capitalised run of words is a name when:

- a title or rank comes before it ("Mrs Okafor", "DC Hughes", "Detective Sergeant Khan");
- a cue comes before it ("my name is", "spoke to", "my neighbour", "Surname:") or after it
  ("rang", "'s number", "from the victim care team"), or it is joined to another name;
- it starts with a known first name ("Gary", "Gary Mitchell"), unless that first name is
  also an ordinary word or a place ("Will", "May", "Victoria") and nothing else supports it;
- it is two or three words ending in a known surname ("Zeynep Yilmaz"), or family name
  first ("Zhang Wei");
- it is an unknown proper noun where a person's name stands (see find_names).

It is not a name when it is a day, month, place, language or organisation word, or is
followed by one ("Victoria station", "Leeds Crown Court"). docs/redaction.md has the rules.
"""

import re

from redaction.casing import recased
from redaction.cues import (
    AGE_AFTER,
    AND_AFTER,
    AUX_AFTER,
    CUE,
    ED_AFTER,
    FROM_BEFORE,
    HOUSE_NUMBER_BEFORE,
    INNER_CAPITAL,
    JOINER,
    LIST_NEXT,
    PAST_AFTER,
    PLACE_LABEL,
    RELATION_BEFORE,
    RELATIVE_AFTER,
    SENTENCE_END,
    TOKEN,
    VERB_AFTER,
    WELSH_CUE,
    WELSH_VERB,
    WORD_ENDING,
)
from redaction.lexicon import (
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
    return bool(RELATION_BEFORE.search(text, max(0, token[0] - 40), token[0]))


_WELSH_MARKER = re.compile(
    r"(?<![\w'’])(?:" + "|".join(sorted(WELSH_MARKERS, key=len, reverse=True)) + r")(?![\w'’])",
    re.IGNORECASE,
)


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
    matches = list(TOKEN.finditer(text))
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
            and not HOUSE_NUMBER_BEFORE.search(text, 0, tokens[run[0]][0])
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
                or (welsh and WELSH_VERB.match(lowers[0]) is not None)
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
                and not INNER_CAPITAL.search(words[-1])  # "MacLeod", "McKenzie"
            ):
                run, words, lowers = run[:-1], words[:-1], lowers[:-1]
            else:
                break
        if not words or is_place:
            i = max(k, i + 1)
            continue
        first_tok = tokens[run[0]]
        before = text[max(0, first_tok[0] - 40) : first_tok[0]]
        sentence_start = first_tok[0] == 0 or bool(SENTENCE_END.search(before))
        head = lowers[0]
        after = text[first_tok[0] + len(" ".join(words)) : first_tok[0] + len(" ".join(words)) + 30]
        gap_before = text[found[-1][1] : first_tok[0]] if found else ""
        joined = bool(JOINER.match(gap_before)) and (
            "," not in gap_before
            or head in first
            or len(words) > 1
            # In the middle of a list of names: "Present: Ada Obi, Nkechi, Tom Hart".
            or bool(LIST_NEXT.match(after))
        )
        surname_follows = len(words) >= 2 and (lowers[1] in last or lowers[1] not in common)
        cue_before = bool(CUE.search(before))
        strongly_cued = joined or (cue_before and not FROM_BEFORE.search(before))
        cued = joined or cue_before or (welsh and bool(WELSH_CUE.search(before)))
        verb_after = bool(VERB_AFTER.match(after)) or (
            (len(words) > 1 or head in first) and bool(AUX_AFTER.match(after))
        )
        level = "medium"
        if titled:
            is_name, level = True, "high"
        elif (" ".join(lowers) in lex.places and not (strongly_cued and head in first)) or (
            (head in NOT_NAMES or head in lex.places) and head not in first
        ):
            # "Milton Keynes", "Croydon", "Wrecsam"; but "ask for Georgia".
            is_name = False
        elif PLACE_LABEL.search(before):
            # A form's place field: "Town: Ross", "County: Shropshire".
            is_name = False
        elif not cued and verb_after and len(words) == 1 and head in lex.place_like_first:
            # "May was busy", "Chelsea said no to the plan": a month or place, most likely.
            is_name = False
        elif (
            cued
            or RELATIVE_AFTER.match(after)
            or (verb_after and (head not in lex.wordlike or PAST_AFTER.match(after)))
        ):
            is_name, level = not _is_common(head, common) or head in first, "high"
        elif head in first:
            if head in lex.place_like_first:
                is_name = len(words) >= 2 and lowers[1] in last
            elif sentence_start and (head in lex.wordlike or _is_common(head, common)):
                is_name = surname_follows or bool(PAST_AFTER.match(after) or AGE_AFTER.match(after))
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
                (_is_common(lower, common) and not INNER_CAPITAL.search(word))
                or lower in NOT_NAMES
                or lower in PLACE_SUFFIX
                for word, lower in zip(words, lowers, strict=True)
            )
            or any(WORD_ENDING.search(w) for w in lowers)
        ):
            # Unknown words from here on: not after an organisation word, and not shaped
            # like ordinary English words ("Universal Credit", "Safer Neighbourhoods").
            is_name = False
        elif any(not ch.isascii() for w in words for ch in w):
            # "István", "Pavlína Vítková": letters with diacritics in a capitalised word.
            is_name, level = True, "low"
        elif sentence_start and len(words) == 1 and not welsh and ED_AFTER.match(after):
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
        if any(AND_AFTER.match(text, e, start) for start in starts if start > e)
    ]
    return sorted(found + extra) if extra else found
