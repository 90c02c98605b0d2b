"""The Welsh (cy) catalogue is complete: every string in the code has a real translation."""

import io
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

BASE_DIR = Path(__file__).resolve().parents[2]
PO_FILE = BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po"
# The same keywords as `make messages`.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
}


@pytest.fixture(scope="module")
def catalog():
    with PO_FILE.open("rb") as fh:
        return read_po(fh, locale="cy")


def messages(catalog):
    return [message for message in catalog if message.id]


def test_the_catalogue_is_welsh_and_not_empty(catalog):
    assert str(catalog.locale) == "cy"
    assert len(messages(catalog)) > 100


def test_every_message_has_a_welsh_translation(catalog):
    untranslated = [
        message.id
        for message in messages(catalog)
        if not (message.string if isinstance(message.string, str) else all(message.string))
    ]
    assert untranslated == []


def test_no_translation_is_marked_fuzzy(catalog):
    assert [message.id for message in messages(catalog) if message.fuzzy] == []


def test_every_placeholder_is_kept_in_the_translation(catalog):
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert problems == []


def test_the_catalogue_compiles(catalog):
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    assert buffer.getvalue()


def test_every_string_in_the_code_is_in_the_welsh_catalogue(catalog):
    """Fails when someone adds a string and forgets `make messages` and its translation."""
    with (BASE_DIR / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    in_code = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
        str(BASE_DIR), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            in_code.add((context, msgid))
    in_catalogue = {
        (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
        for message in messages(catalog)
    }
    missing = sorted(msgid for context, msgid in in_code - in_catalogue)
    assert missing == [], "run `make messages` and translate: " + "; ".join(missing[:20])
