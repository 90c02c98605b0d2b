"""Reads for the review pages."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from markupsafe import Markup, escape

from accounts.models import User
from redaction.access import item_list_for
from redaction.models import Origin, RedactedText, Status
from redaction.services import placeholder


def pending_items(*, viewer: User) -> QuerySet[RedactedText]:
    """Texts waiting for review that `viewer` may review, oldest first."""
    return item_list_for(viewer).filter(status=Status.PENDING).order_by("created_at", "id")


@dataclass(frozen=True)
class ShownSpan:
    index: int
    start: int
    end: int
    type: str
    origin: str
    words: str

    @property
    def origin_label(self) -> str:
        return str(Origin(self.origin).label)

    @property
    def placeholder(self) -> str:
        return placeholder(self.type)


def spans_of(item: RedactedText) -> list[ShownSpan]:
    """The item's redactions in order, with the words each one hides."""
    spans = sorted(item.spans, key=lambda s: s["start"])
    return [
        ShownSpan(
            index=i,
            start=s["start"],
            end=s["end"],
            type=s["type"],
            origin=s["origin"],
            words=item.original[s["start"] : s["end"]],
        )
        for i, s in enumerate(spans)
    ]


def _text_html(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def highlighted_html(item: RedactedText) -> Markup:
    """The original text with every redaction marked and its type written after the
    words, so it does not rely on colour: "<mark>Jane Smith [NAME]</mark>"."""
    parts: list[Any] = []
    cursor = 0
    for span in spans_of(item):
        parts.append(_text_html(item.original[cursor : span.start]))
        parts.append(
            Markup(
                '<mark class="vv-redaction">{words} <strong>{placeholder}</strong></mark>'
            ).format(words=_text_html(span.words), placeholder=span.placeholder)
        )
        cursor = span.end
    parts.append(_text_html(item.original[cursor:]))
    return Markup("").join(parts)


def text_html(text: str) -> Markup:
    """Plain text for a page, line breaks kept."""
    return _text_html(text)
