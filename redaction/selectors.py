"""Reads for the review pages."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from markupsafe import Markup, escape

from accounts.models import User
from redaction.access import item_list_for
from redaction.models import Origin, RedactedText, Status
from redaction.services import placeholder


def pending_items(*, viewer: User) -> QuerySet[RedactedText]:
    """Texts waiting for review that `viewer` may review, oldest first."""
    return item_list_for(viewer).filter(status=Status.PENDING).order_by("created_at", "id")


# How sure the engine was of a redaction, in plain words, and the colour of its tag (the
# words are always shown: the colour is never the only signal).
CONFIDENCE_LABELS: dict[str, Any] = {
    "high": gettext_lazy("Sure"),
    "medium": gettext_lazy("Fairly sure"),
    "low": gettext_lazy("Not sure"),
}
CONFIDENCE_TAG_CLASSES = {
    "high": "govuk-tag--grey",
    "medium": "govuk-tag--blue",
    "low": "govuk-tag--orange",
}
# The order reviewers check redactions in: those the engine was least sure of first, then
# automatic ones kept before the engine said how sure it was, then the surer ones, then the
# reviewers' own.
_CHECK_ORDER = {"low": 0, None: 1, "medium": 2, "high": 3}
_REVIEWER_CHECK_ORDER = 4


@dataclass(frozen=True)
class ShownSpan:
    index: int
    start: int
    end: int
    type: str
    origin: str
    words: str
    # "high", "medium" or "low" for an automatic redaction; None for a reviewer's, or for
    # one kept before the engine said how sure it was.
    confidence: str | None = None

    @property
    def origin_label(self) -> str:
        return str(Origin(self.origin).label)

    @property
    def placeholder(self) -> str:
        return placeholder(self.type)

    @property
    def is_unsure(self) -> bool:
        return self.confidence == "low"

    @property
    def confidence_label(self) -> str:
        """How sure the engine was, in plain words."""
        if self.origin == Origin.REVIEWER:
            return _("Not found by the engine")
        if self.confidence in CONFIDENCE_LABELS:
            return str(CONFIDENCE_LABELS[self.confidence])
        return _("Not recorded")

    @property
    def confidence_tag_classes(self) -> str:
        """The GOV.UK tag's colour, or "" when there is no tag (a reviewer's redaction,
        or one kept before the engine said how sure it was)."""
        if self.origin == Origin.REVIEWER:
            return ""
        return CONFIDENCE_TAG_CLASSES.get(self.confidence or "", "")

    @property
    def check_order(self) -> int:
        if self.origin == Origin.REVIEWER:
            return _REVIEWER_CHECK_ORDER
        return _CHECK_ORDER.get(self.confidence, _CHECK_ORDER[None])


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
            confidence=s.get("confidence") if s["origin"] == Origin.AUTO else None,
        )
        for i, s in enumerate(spans)
    ]


def in_check_order(spans: list[ShownSpan]) -> list[ShownSpan]:
    """The redactions in the order to check them: those the engine was least sure of
    first, each group in the order they appear. Each keeps its `index` (its place in the
    text), which the undo form posts."""
    return sorted(spans, key=lambda span: (span.check_order, span.start))


def unsure_count(item: RedactedText) -> int:
    """How many of the item's automatic redactions the engine was not sure of."""
    return sum(
        1 for s in item.spans if s.get("origin") == Origin.AUTO and s.get("confidence") == "low"
    )


def _text_html(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.split("\n"))


def highlighted_html(item: RedactedText) -> Markup:
    """The original text with every redaction marked and its type written after the
    words, so it does not rely on colour: "<mark>Jane Smith [NAME]</mark>". A redaction
    the engine was not sure of is underlined with dots and says so in words:
    "<mark>Jane Smith [NAME] (not sure)</mark>"."""
    parts: list[Any] = []
    cursor = 0
    for span in spans_of(item):
        parts.append(_text_html(item.original[cursor : span.start]))
        if span.is_unsure:
            parts.append(
                Markup(
                    '<mark class="vv-redaction vv-redaction--unsure">{words}'
                    " <strong>{placeholder}</strong>"
                    ' <span class="vv-redaction__unsure">({unsure})</span></mark>'
                ).format(
                    words=_text_html(span.words),
                    placeholder=span.placeholder,
                    unsure=_("not sure"),
                )
            )
        else:
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
