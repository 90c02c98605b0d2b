"""How hard a page is to read: the Flesch-Kincaid grade of its main text.

GOV.UK writes for a reading age of 9; a person who has just been a victim of crime reads
worse than on an ordinary day (docs/content-style.md). Reading age is about grade + 5.

What is measured is what a person reads in the page's <main>: headings, paragraphs, list
items, table cells, labels, hints, buttons and links, each taken as a sentence of its own
(a heading or a button has no full stop, but it is read as one idea). Left out: text only
screen readers hear (govuk-visually-hidden), breadcrumbs, back links, the language
switcher, scripts and the values of form fields. The grade comes from textstat (its
syllable counts use Pyphen's hyphenation dictionary).
"""

from __future__ import annotations

import re

import textstat
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# Elements that start and end a sentence of their own; text in any other (a link, bold
# words) is read as part of the sentence around it.
BLOCKS = {
    "h1", "h2", "h3", "h4", "h5", "p", "li", "td", "th", "dt", "dd", "label", "legend",
    "summary", "button", "caption", "div", "section", "details", "form", "fieldset", "ul",
    "ol", "dl", "table", "tr", "br", "hr",
}  # fmt: skip
LEFT_OUT = (
    "script, style, nav, template, [hidden], .govuk-visually-hidden, .govuk-breadcrumbs, "
    ".govuk-back-link, .govuk-skip-link, select, textarea, input"
)
ENDS_A_SENTENCE = re.compile(r"[.!?:;]$")


def main_text(html: bytes | str) -> str:
    """The page's main text, one sentence per block, as a person reads it."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup
    assert isinstance(main, Tag)
    for tag in main.select(LEFT_OUT):
        tag.decompose()
    sentences: list[str] = []
    current: list[str] = []

    def end_sentence() -> None:
        text = " ".join("".join(current).split())
        current.clear()
        if re.search(r"[^\W\d_]", text):  # some letters, not only numbers or signs
            sentences.append(text if ENDS_A_SENTENCE.search(text) else f"{text}.")

    def read(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                current.append(str(child))
            elif isinstance(child, Tag) and child.name in BLOCKS:
                end_sentence()
                read(child)
                end_sentence()
            elif isinstance(child, Tag):
                read(child)

    read(main)
    end_sentence()
    return " ".join(sentences)


def grade(html: bytes | str) -> float:
    """The Flesch-Kincaid grade of the page's main text."""
    return float(textstat.flesch_kincaid_grade(main_text(html)))


def words(html: bytes | str) -> int:
    return len(main_text(html).split())
