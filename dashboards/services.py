"""Writes of the feedback dashboards: keeping the rollups up to date (dashboards/models.py,
docs/feedback-dashboards.md).

- rollup_responses: adds responses with an id above the "responses" watermark to
  ResponseRollup, a batch at a time. It takes only responses submitted at least LAG ago and
  stops at the first younger one, so a response whose transaction commits late (with a
  lower id than one already counted) is not skipped.
- rollup_invitations: the same for invitations, counted once they are settled: sent, or
  older than a day (a send that has not happened in a day has failed).
- rollup_comments: classifies each newly released comment by theme (keywords, never
  storing the words) and counts it in ThemeRollup; ClassifiedComment marks it as counted.
- rollup_rebuild: starts again from the raw rows (one GROUP BY), e.g. after a change to
  what is counted. Counts of responses already deleted by retention are lost by a rebuild.

Every step is safe to re-run and to run twice at once: the watermark moves by
compare-and-set before any count is written, in the same transaction, so the run that loses
the race writes nothing; comments are marked (primary key) before they are counted.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from dashboards.measures import (
    DIMENSIONS,
    INVITATION_MEASURES,
    RESPONSE_MEASURES,
    aggregate_invitations,
    aggregate_responses,
)
from dashboards.models import (
    INVITATIONS,
    RESPONSES,
    BoroughRollup,
    ClassifiedComment,
    InvitationRollup,
    ResponseRollup,
    RollupWatermark,
    ThemeRollup,
)
from dashboards.themes import classify, theme_keywords

logger = logging.getLogger(__name__)

LAG = timedelta(minutes=2)
SETTLE = timedelta(days=1)
BATCH_SIZE = 20_000
COMMENT_BATCH_SIZE = 500


@dataclass(frozen=True)
class RollupResult:
    responses: int = 0
    invitations: int = 0
    comments: int = 0


def watermark(name: str) -> int:
    mark = RollupWatermark.objects.filter(rollup=name).values_list("last_id", flat=True).first()
    if mark is None:
        RollupWatermark.objects.get_or_create(rollup=name)
        return 0
    return mark


def _advance(name: str, old: int, new: int, now: datetime) -> bool:
    """Move the watermark from `old` to `new`; False when another run moved it first."""
    return (
        RollupWatermark.objects.filter(rollup=name, last_id=old).update(last_id=new, updated_at=now)
        == 1
    )


BOROUGH_DIMENSIONS = ("month", "borough_id", "channel")


def _key(row: dict[str, Any], dims: Sequence[str] = DIMENSIONS) -> tuple[Any, ...]:
    return tuple(row[d] for d in dims)


def _by_borough(rows: Iterable[dict[str, Any]], names: Sequence[str]) -> list[dict[str, Any]]:
    """Team-level rows added up to (month, borough, channel)."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = _key(row, BOROUGH_DIMENSIONS)
        target = found.setdefault(
            key, dict(zip(BOROUGH_DIMENSIONS, key, strict=True)) | dict.fromkeys(names, 0)
        )
        for name in names:
            target[name] += row[name]
    return list(found.values())


def _merge(
    model: type[models.Model],
    rows: Iterable[dict[str, Any]],
    names: Sequence[str],
    dims: Sequence[str] = DIMENSIONS,
) -> None:
    """Add `rows` (dimensions and counts) to the rollup rows of `model` with the same keys."""
    rows = list(rows)
    if not rows:
        return
    months = {row["month"] for row in rows}
    boroughs = {row["borough_id"] for row in rows}
    existing = {
        tuple(getattr(r, d) for d in dims): r
        for r in model._default_manager.filter(month__in=months, borough_id__in=boroughs)
    }
    changed, new = [], []
    for row in rows:
        target = existing.get(_key(row, dims))
        if target is None:
            new.append(model(**{d: row[d] for d in dims}, **{n: row[n] for n in names}))
            continue
        for name in names:
            setattr(target, name, getattr(target, name) + row[name])
        changed.append(target)
    if changed:
        model._default_manager.bulk_update(changed, list(names), batch_size=500)
    if new:
        model._default_manager.bulk_create(new, batch_size=500)


def _upto(candidates: models.QuerySet[Any], late: models.QuerySet[Any], batch_size: int) -> int:
    """The highest id of the next batch: at most `batch_size` ids, stopping before the
    first row that is not ready (`late`)."""
    ids = list(candidates.order_by("pk").values_list("pk", flat=True)[:batch_size])
    if not ids:
        return 0
    first_late = late.filter(pk__lte=ids[-1]).order_by("pk").values_list("pk", flat=True).first()
    if first_late is None:
        return ids[-1]
    ready = [pk for pk in ids if pk < first_late]
    return ready[-1] if ready else 0


def rollup_responses(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Count new responses into ResponseRollup; the number counted."""
    from feedback.models import Response

    now = now or timezone.now()
    counted = 0
    while True:
        with transaction.atomic():
            mark = watermark(RESPONSES)
            after = Response.objects.filter(pk__gt=mark)
            upto = _upto(after, after.filter(submitted_at__gt=now - LAG), batch_size)
            if not upto or not _advance(RESPONSES, mark, upto, now):
                return counted
            rows = aggregate_responses(after.filter(pk__lte=upto))
            names = list(RESPONSE_MEASURES)
            _merge(ResponseRollup, rows, names)
            _merge(BoroughRollup, _by_borough(rows, names), names, BOROUGH_DIMENSIONS)
            counted += sum(row["responses"] for row in rows)


def rollup_invitations(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> int:
    """Count settled invitations into InvitationRollup; the number counted."""
    from feedback.models import Invitation

    now = now or timezone.now()
    counted = 0
    while True:
        with transaction.atomic():
            mark = watermark(INVITATIONS)
            after = Invitation.objects.filter(pk__gt=mark)
            late = after.filter(
                Q(created_at__gt=now - LAG) | Q(sent_at__isnull=True, created_at__gt=now - SETTLE)
            )
            upto = _upto(after, late, batch_size)
            if not upto or not _advance(INVITATIONS, mark, upto, now):
                return counted
            rows = aggregate_invitations(after.filter(pk__lte=upto))
            _merge(InvitationRollup, rows, list(INVITATION_MEASURES))
            counted += sum(row["invitations"] for row in rows)


def rollup_comments(*, batch_size: int = COMMENT_BATCH_SIZE) -> int:
    """Classify newly released comments by theme and count them; the number counted."""
    from feedback.models import Response
    from redaction.models import Status
    from redaction.services import require_released

    keywords = theme_keywords()
    counted = 0
    while True:
        batch = list(
            Response.objects.filter(
                comment__status=Status.RELEASED, dashboard_classification__isnull=True
            )
            .select_related("comment")
            .only("month", "borough", "team", "channel", "comment__status", "comment__released")
            .order_by("pk")[:batch_size]
        )
        if not batch:
            return counted
        try:
            with transaction.atomic():
                ClassifiedComment.objects.bulk_create(
                    [ClassifiedComment(response_id=r.pk) for r in batch]
                )
                tally: dict[tuple[Any, ...], dict[str, Any]] = {}
                for response in batch:
                    assert response.comment is not None
                    themes = classify(require_released(response.comment), keywords)
                    for theme in ("", *themes):
                        row = {d: getattr(response, d) for d in DIMENSIONS} | {"theme": theme}
                        key = (*_key(row), theme)
                        tally.setdefault(key, row | {"comments": 0})["comments"] += 1
                _merge_themes(list(tally.values()))
        except IntegrityError:
            logger.info("Another run is classifying the same comments; leaving them to it.")
            return counted
        counted += len(batch)


def _merge_themes(rows: list[dict[str, Any]]) -> None:
    months = {row["month"] for row in rows}
    boroughs = {row["borough_id"] for row in rows}
    existing = {
        (r.month, r.borough_id, r.team_id, r.channel, r.theme): r
        for r in ThemeRollup.objects.filter(month__in=months, borough_id__in=boroughs)
    }
    changed, new = [], []
    for row in rows:
        target = existing.get((*_key(row), row["theme"]))
        if target is None:
            new.append(ThemeRollup(**row))
        else:
            target.comments += row["comments"]
            changed.append(target)
    ThemeRollup.objects.bulk_update(changed, ["comments"], batch_size=500)
    ThemeRollup.objects.bulk_create(new, batch_size=500)


def rollup_refresh(*, now: datetime | None = None) -> RollupResult:
    """Everything the scheduled job does, in order."""
    return RollupResult(
        responses=rollup_responses(now=now),
        invitations=rollup_invitations(now=now),
        comments=rollup_comments(),
    )


def rollup_rebuild(*, now: datetime | None = None) -> RollupResult:
    """Empty the rollups and count everything again from the rows still held."""
    from feedback.models import Invitation, Response

    now = now or timezone.now()
    with transaction.atomic():
        for name in (RESPONSES, INVITATIONS):
            watermark(name)
        # Hold the watermarks: a scheduled run waits, then finds them moved and stops.
        list(
            RollupWatermark.objects.select_for_update().filter(rollup__in=[RESPONSES, INVITATIONS])
        )
        ResponseRollup.objects.all().delete()
        BoroughRollup.objects.all().delete()
        InvitationRollup.objects.all().delete()
        ThemeRollup.objects.all().delete()
        ClassifiedComment.objects.all().delete()
        RollupWatermark.objects.filter(rollup__in=[RESPONSES, INVITATIONS]).update(
            last_id=0, updated_at=now
        )
        # Everything up to the first row that is not ready, in one GROUP BY each.
        responses = _rebuild_one(
            Response.objects.all(),
            Response.objects.filter(submitted_at__gt=now - LAG),
            RESPONSES,
            now,
        )
        invitations = _rebuild_one(
            Invitation.objects.all(),
            Invitation.objects.filter(
                Q(created_at__gt=now - LAG) | Q(sent_at__isnull=True, created_at__gt=now - SETTLE)
            ),
            INVITATIONS,
            now,
        )
    return RollupResult(
        responses=responses + rollup_responses(now=now),
        invitations=invitations + rollup_invitations(now=now),
        comments=rollup_comments(),
    )


def _rebuild_one(
    everything: models.QuerySet[Any], late: models.QuerySet[Any], name: str, now: datetime
) -> int:
    first_late = late.order_by("pk").values_list("pk", flat=True).first()
    if first_late is not None:
        upto = everything.filter(pk__lt=first_late).order_by("-pk").values_list("pk", flat=True)
    else:
        upto = everything.order_by("-pk").values_list("pk", flat=True)
    last = upto.first()
    if last is None:
        return 0
    rows_qs = everything.filter(pk__lte=last)
    if name == RESPONSES:
        rows = aggregate_responses(rows_qs)
        names = list(RESPONSE_MEASURES)
        _create(ResponseRollup, rows, names)
        _create(BoroughRollup, _by_borough(rows, names), names, BOROUGH_DIMENSIONS)
        counted = sum(row["responses"] for row in rows)
    else:
        rows = aggregate_invitations(rows_qs)
        _create(InvitationRollup, rows, list(INVITATION_MEASURES))
        counted = sum(row["invitations"] for row in rows)
    _advance(name, 0, last, now)
    return counted


def _create(
    model: type[models.Model],
    rows: list[dict[str, Any]],
    names: list[str],
    dims: Sequence[str] = DIMENSIONS,
) -> None:
    model._default_manager.bulk_create(
        [model(**{d: row[d] for d in dims}, **{n: row[n] for n in names}) for row in rows],
        batch_size=2000,
    )
