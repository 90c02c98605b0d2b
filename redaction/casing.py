"""Letter case that says nothing about names, normalised before names are looked for.

Police systems write whole records in capitals ("VICTIM AMINA HASSAN CALLED") and texts
come all in lower case ("spoke to amina today"): `recased` gives the text as ordinary
writing would have it, with the same length, so offsets into it hold for the original.
"""

import re

from redaction.cues import CUE, FORM_LABEL, TOKEN
from redaction.lexicon import CAPS_CUES, NOT_NAMES, PLACE_SUFFIX, TITLES, Lexicon

# A word starting with a capital, and a word that marks Welsh text, counted in one pass.
_CAPITAL_START = re.compile(r"(?<![^\W\d_])[^\W\d_a-z]")


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
    `tokens` are the text's words (`TOKEN` matches), when already found."""
    if tokens is None:
        tokens = list(TOKEN.finditer(text))
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
        elif run and FORM_LABEL.search(text, max(0, run[0].start() - 30), run[0].start()):
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
                cued = bool(CUE.search(text, max(0, m.start() - 40), m.start()))
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
