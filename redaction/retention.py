"""Retention of texts under redaction review (see privacy/retention.py)."""

from datetime import timedelta
from typing import Any

from django.db import models
from django.db.models import Q

from privacy.retention import SPECIAL_CATEGORY, RetentionRule, register

WHO_MAY_SEE = (
    "Reviewers (programme admins) on the review pages; released text goes with its report."
)


def _released_with_original() -> Q:
    return Q(status="released") & ~Q(spans=[])


def released_original_discard_batch(queryset: models.QuerySet[Any]) -> int:
    """Keep only the released, redacted version of each text in the batch."""
    count = 0
    for item in queryset.only("id", "released", "spans"):
        item.original = item.released
        item.spans = []
        item.save(update_fields=["original", "spans"])
        count += 1
    return count


register(
    RetentionRule(
        key="redaction.pending",
        model="redaction.RedactedText",
        category="Free text waiting for redaction review",
        holds=(
            "Text written by victims, facilitators or officers (notes, feedback) before a "
            "reviewer releases it: it can name people and describe what happened to them. "
            "Encrypted at rest."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see=WHO_MAY_SEE,
        clock="created_at",
        clock_text="when the text was put up for review",
        period=timedelta(days=90),
        filter=Q(status="pending"),
        reason=(
            "Text not reviewed in 90 days is not going to be shared; the record it came "
            "from keeps its own copy under its own rule."
        ),
    )
)

register(
    RetentionRule(
        key="redaction.released_originals",
        model="redaction.RedactedText",
        category="Original words of released text",
        holds=(
            "The original words behind a released text, kept so a reviewer's decision "
            "can be checked. Encrypted at rest."
        ),
        lawful_basis=SPECIAL_CATEGORY,
        who_may_see=WHO_MAY_SEE,
        clock="released_at",
        clock_text="when the text was released",
        period=timedelta(days=30),
        action="anonymise",
        anonymiser=released_original_discard_batch,
        filter=_released_with_original,
        reason=(
            "Long enough to put right a mistake found soon after release. Then only the "
            "redacted version that was released is kept."
        ),
    )
)
