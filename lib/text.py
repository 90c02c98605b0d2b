"""Cleaning text typed into public forms: names, short answers, searches, email addresses.

Someone can paste or type characters that show nothing (zero-width spaces, a byte order
mark) or that change the direction of what follows (a right-to-left override). A name
made only of the first is empty to every reader; the second makes staff read a name or
a phone number backwards. Every public form cleans what it is sent here, once:

- Unicode NFC normalisation, so "é" typed two ways is stored one way;
- every "format" character (Unicode category Cf: the zero-width characters U+200B to
  U+200D, U+2060, U+FEFF, the direction marks U+200E/U+200F and the bidirectional
  controls U+202A to U+202E and U+2066 to U+2069, among others) and every control
  character other than a line break is removed;
- runs of whitespace become one space (in multi-line text, within each line, and at most
  one empty line between paragraphs);
- what is then empty counts as not given, so a required field says "Enter ...".

Use CleanCharField (or CleanEmailField) in a public form instead of forms.CharField;
text_clean() where the text does not come through a form field (the support search).
tests/project/test_public_text_cleaning.py checks every public form.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms

# Named for the tests and the docs; all are in category Cf and removed with it.
BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")

_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than a line break
_BLANK_LINES = re.compile(r"\n{3,}")


def _removed(char: str) -> bool:
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        return True
    category = unicodedata.category(char)
    if category == "Cf":
        return True
    # Control characters (Cc) other than whitespace: NUL, escape, bell...
    return category == "Cc" and not char.isspace()


def text_clean(value: Any, *, multiline: bool = False) -> str:
    """`value` normalised (NFC), without invisible or direction-changing characters, with
    whitespace collapsed and trimmed. "" for None or what held nothing visible."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(char for char in text if not _removed(char))
    if not multiline:
        return " ".join(text.split())
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


class CleanCharField(forms.CharField):
    """A CharField for public forms: cleans with text_clean before any check, so a value
    of only invisible characters is empty (required fields refuse it) and max_length
    counts what is kept. `multiline=True` keeps line breaks (text areas)."""

    def __init__(self, *args: Any, multiline: bool = False, **kwargs: Any) -> None:
        self.multiline = multiline
        kwargs.setdefault("strip", True)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> str | None:
        if value in self.empty_values:
            return self.empty_value
        return text_clean(value, multiline=self.multiline)


class CleanEmailField(forms.EmailField):
    """An EmailField that first removes invisible characters, so an address pasted with
    a zero-width space or byte order mark still works and one made of them is empty."""

    def to_python(self, value: Any) -> str | None:
        if value in self.empty_values:
            return self.empty_value
        return "".join(text_clean(value).split())
