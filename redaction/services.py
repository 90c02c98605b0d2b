"""Writes for redaction review: prepare a text, add or undo a redaction, release it.

Each reviewer action writes its audit event in the same transaction. Audit notes name
how many redactions and of which type, never the words. See docs/redaction-review.md.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from privacy.audit import audit_record
from privacy.models import AuditAction
from redaction.models import Origin, RedactedText, Status

# The longest phrase a reviewer may type; longer text is better redacted in parts.
MAX_PHRASE_LENGTH = 200


class NotReleasedError(Exception):
    """Text that has not been released by a reviewer was about to leave its team."""


def placeholder(span_type: str) -> str:
    """What a redaction is replaced by, as the engine writes it: [NAME], [PHONE], ..."""
    return f"[{span_type}]"


def render(text: str, spans: list[dict[str, Any]]) -> str:
    """`text` with every span replaced by its placeholder."""
    parts: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: s["start"]):
        parts.append(text[cursor : span["start"]])
        parts.append(placeholder(span["type"]))
        cursor = span["end"]
    parts.append(text[cursor:])
    return "".join(parts)


def released_text(item: RedactedText) -> str:
    """The text as it leaves the team: frozen once released; for pending text, what
    would be released now (a preview)."""
    if item.status == Status.RELEASED and item.released is not None:
        return item.released
    return render(item.original, item.spans)


def require_released(item: RedactedText) -> str:
    """The released text, or NotReleasedError. Call this wherever free text leaves its
    author's team (reports to the police, dashboards, exports)."""
    if item.status != Status.RELEASED or item.released is None:
        raise NotReleasedError(f"Redacted text {item.pk} has not been released by a reviewer.")
    return item.released


def _span(
    start: int, end: int, span_type: str, origin: str, confidence: str | None = None
) -> dict[str, Any]:
    """A stored redaction. An automatic one keeps how sure the engine was ("high",
    "medium" or "low"); a reviewer's has no confidence, nor have rows kept before the
    engine gave one."""
    span: dict[str, Any] = {"start": start, "end": end, "type": span_type, "origin": origin}
    if confidence is not None:
        span["confidence"] = confidence
    return span


def _locked(item: RedactedText) -> RedactedText:
    """The item re-read under a row lock, refusing released text."""
    fresh = RedactedText.objects.select_for_update().get(pk=item.pk)
    if fresh.status != Status.PENDING:
        raise ValidationError(_("This text has been released. It cannot be changed."))
    return fresh


def _copy_back(fresh: RedactedText, item: RedactedText) -> None:
    for name in ("spans", "status", "released", "reviewed_by_id", "released_at", "updated_at"):
        setattr(item, name, getattr(fresh, name))


def _check_type(span_type: str) -> None:
    from redaction.engine import TYPES

    if span_type not in TYPES:
        raise ValidationError(_("Select the type of personal data"))


def redaction_prepare(
    *,
    text: str,
    purpose: str,
    source: models.Model | None = None,
    field_name: str = "",
) -> RedactedText:
    """Redact `text` automatically and keep it, pending review. `source` is the record
    the text belongs to (and `field_name` the field), if any."""
    from redaction.engine import redact

    result = redact(text)
    spans = [_span(s.start, s.end, s.type, Origin.AUTO, s.confidence) for s in result.spans]
    with transaction.atomic():
        return RedactedText.objects.create(
            purpose=purpose,
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=str(source.pk) if source is not None else "",
            source_field=field_name,
            original=text,
            spans=spans,
        )


def phrase_occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `text`: ignoring case, any run of spaces or line breaks
    matching any other, and never inside a longer word ("Al" is not found in "Also")."""
    words = phrase.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    if re.match(r"\w", words[0]):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", words[-1]):
        pattern += r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]


def _add_span(spans: list[dict[str, Any]], new: dict[str, Any]) -> list[dict[str, Any]] | None:
    """`spans` with `new` added, merged with any span it overlaps; None when `new` is
    already inside a redaction."""
    overlapping = [s for s in spans if s["start"] < new["end"] and new["start"] < s["end"]]
    if any(s["start"] <= new["start"] and new["end"] <= s["end"] for s in overlapping):
        return None
    start = min([new["start"], *(s["start"] for s in overlapping)])
    end = max([new["end"], *(s["end"] for s in overlapping)])
    kept = [s for s in spans if s not in overlapping]
    kept.append(_span(start, end, new["type"], Origin.REVIEWER))
    return sorted(kept, key=lambda s: s["start"])


def redaction_add(
    *,
    actor: Any,
    item: RedactedText,
    type: str,  # noqa: A002 - the span's type, as the engine names it
    phrase: str = "",
    start: int | None = None,
    end: int | None = None,
) -> int:
    """Add a redaction: every occurrence of `phrase`, or the characters start..end.
    Returns how many redactions were added. A redaction overlapping another is merged
    with it and takes the reviewer's type."""
    _check_type(type)
    phrase = phrase.strip()
    with transaction.atomic():
        fresh = _locked(item)
        if phrase:
            if len(phrase) > MAX_PHRASE_LENGTH:
                raise ValidationError(
                    _("Words to redact must be %(max)s characters or fewer")
                    % {"max": MAX_PHRASE_LENGTH}
                )
            found = phrase_occurrences(fresh.original, phrase)
            if not found:
                raise ValidationError(
                    _("These words are not in the text. Type them exactly as they appear.")
                )
        elif start is not None and end is not None:
            if not 0 <= start < end <= len(fresh.original):
                raise ValidationError(_("Choose words that are in the text"))
            found = [(start, end)]
        else:
            raise ValidationError(_("Enter the words to redact"))
        spans = list(fresh.spans)
        added = 0
        for begin, finish in found:
            merged = _add_span(spans, _span(begin, finish, type, Origin.REVIEWER))
            if merged is not None:
                spans = merged
                added += 1
        if not added:
            raise ValidationError(_("These words are already redacted."))
        fresh.spans = spans
        fresh.updated_at = timezone.now()
        fresh.save(update_fields=["spans", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.REDACTION_REVIEWED,
            obj=fresh,
            fields=["spans"],
            note=f"added {added} {type}",
        )
    _copy_back(fresh, item)
    return added


def redaction_undo(*, actor: Any, item: RedactedText, span_index: int) -> dict[str, Any]:
    """Remove one redaction (a false positive): its words will be released as written."""
    with transaction.atomic():
        fresh = _locked(item)
        spans = sorted(fresh.spans, key=lambda s: s["start"])
        if not 0 <= span_index < len(spans):
            raise ValidationError(_("That redaction is no longer there. Check the list again."))
        removed = spans.pop(span_index)
        fresh.spans = spans
        fresh.updated_at = timezone.now()
        fresh.save(update_fields=["spans", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.REDACTION_REVIEWED,
            obj=fresh,
            fields=["spans"],
            note=f"undid 1 {removed['type']} ({removed['origin']})",
        )
    _copy_back(fresh, item)
    return removed


def redaction_release(*, actor: Any, item: RedactedText) -> str:
    """Release the text with its current redactions. It is frozen from then on."""
    with transaction.atomic():
        fresh = _locked(item)
        fresh.released = render(fresh.original, fresh.spans)
        fresh.status = Status.RELEASED
        fresh.reviewed_by = actor
        fresh.released_at = fresh.updated_at = timezone.now()
        fresh.save(update_fields=["released", "status", "reviewed_by", "released_at", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.REDACTION_RELEASED,
            obj=fresh,
            fields=["released", "status"],
            note=f"{len(fresh.spans)} redactions",
        )
    _copy_back(fresh, item)
    return fresh.released
