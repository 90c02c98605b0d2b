"""You said, we did: the reads (docs/you-said-we-did.md). Its writes are in
insights/services/yousaid.py.

- `forum_you_said_we_did(forum=)`: each recommendation of a forum with what was asked, its
  status in plain words, the police response and its reasons, and the history of updates.
- `member_you_said_we_did(user=)`: the same for each forum the member belongs to (not
  left): the member portal's "What happened to what we said".
- `public_you_said_we_did()`: the public page: answered recommendations grouped by theme,
  with no forum name for a forum with fewer than k active members, and every free text
  passed through the redaction engine once more.
- The agenda item: `next_meeting_of(forum)`, `agenda_summary(forum=, meeting=)` (its text)
  and `agenda_item_on(meeting)` (the item already there).
- Digests: `may_be_told(fm)`, `digest_due(fm, now=)` and `recommendations_moved(forum_id,
  since)`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from forums.models import (
    AgendaItem,
    AgendaItemStatus,
    Forum,
    ForumMembership,
    Meeting,
    MembershipStatus,
)
from insights.models import (
    DIGEST_INTERVAL_DAYS,
    MemberDigest,
    ProgressKind,
    ProgressUpdate,
    Recommendation,
    RecommendationStatus,
    Theme,
)
from lib.suppression import default_k

logger = logging.getLogger(__name__)

# The agenda item's title. An item with one of these titles on the next meeting is the one
# refreshed (the demo forums and facilitators already use the English one).
AGENDA_TITLE = "You said, we did"
AGENDA_TITLES = (AGENDA_TITLE, "Dywedoch chi, gwnaethom ni")

# Statuses the police have answered (shown on the public page).
ANSWERED = (
    RecommendationStatus.ACCEPTED,
    RecommendationStatus.PARTLY_ACCEPTED,
    RecommendationStatus.NOT_ACCEPTED,
    RecommendationStatus.DONE,
)

# GOV.UK tag colours by status.
TAG_CLASSES: dict[str, str] = {
    RecommendationStatus.AWAITING_RESPONSE: "govuk-tag--grey",
    RecommendationStatus.ACCEPTED: "govuk-tag--turquoise",
    RecommendationStatus.PARTLY_ACCEPTED: "govuk-tag--yellow",
    RecommendationStatus.NOT_ACCEPTED: "govuk-tag--red",
    RecommendationStatus.DONE: "govuk-tag--green",
}


def _day(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return date_format(value, "j F Y")


def status_words(recommendation: Recommendation) -> str:
    """The status as a short tag, in plain words."""
    if recommendation.is_overdue:
        return _("Police answer is late")
    words: dict[str, str] = {
        RecommendationStatus.AWAITING_RESPONSE: _("Waiting for the police"),
        RecommendationStatus.ACCEPTED: _("The police said yes"),
        RecommendationStatus.PARTLY_ACCEPTED: _("The police said yes to part of it"),
        RecommendationStatus.NOT_ACCEPTED: _("The police said no"),
        RecommendationStatus.DONE: _("Done"),
    }
    return words.get(recommendation.status, recommendation.get_status_display())


def status_sentence(recommendation: Recommendation) -> str:
    """One plain sentence saying where the recommendation is."""
    status = recommendation.status
    if status == RecommendationStatus.AWAITING_RESPONSE:
        if recommendation.is_overdue:
            return _(
                "The police should have answered by %(date)s. They have not answered yet. "
                "The Head of Profession for Victim Care has been told."
            ) % {"date": _day(recommendation.response_due)}
        return _("The police have not answered yet. They should answer by %(date)s.") % {
            "date": _day(recommendation.response_due)
        }
    sentences: dict[str, str] = {
        RecommendationStatus.ACCEPTED: _("The police agreed to do this."),
        RecommendationStatus.PARTLY_ACCEPTED: _(
            "The police agreed to do part of this. They said why not all of it."
        ),
        RecommendationStatus.NOT_ACCEPTED: _(
            "The police said they will not do this. They must say why, and they did."
        ),
        RecommendationStatus.DONE: _("The police say this has been done."),
    }
    return sentences.get(status, recommendation.get_status_display())


def progress_words(kind: str) -> str:
    words: dict[str, str] = {
        ProgressKind.UPDATE: _("Update"),
        ProgressKind.EVIDENCE: _("What has changed"),
        ProgressKind.DONE: _("Done"),
    }
    return words.get(kind, kind)


@dataclass
class Entry:
    """One recommendation as members and the public read it."""

    recommendation: Recommendation
    title: str
    ask: str
    why: str
    status: str
    status_words: str
    status_sentence: str
    tag_class: str
    raised_on: str
    reason: str = ""
    owner: str = ""
    actions: str = ""
    target_date: str = ""
    responded_on: str = ""
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (date, kind, text)

    @property
    def has_response(self) -> bool:
        return bool(self.responded_on)


def _entry(recommendation: Recommendation, *, clean: bool = False) -> Entry:
    """`clean`: pass every free text through the redaction engine (for the public page)."""
    if clean:
        from redaction.engine import redact

        def text(value: str) -> str:
            return redact(value or "").redacted if value else ""
    else:

        def text(value: str) -> str:
            return value or ""

    entry = Entry(
        recommendation=recommendation,
        title=text(recommendation.title),
        ask=text(recommendation.ask),
        why=text(recommendation.why),
        status=recommendation.status,
        status_words=status_words(recommendation),
        status_sentence=status_sentence(recommendation),
        tag_class=TAG_CLASSES.get(recommendation.status, "govuk-tag--grey")
        if not recommendation.is_overdue
        else "govuk-tag--orange",
        raised_on=_day(recommendation.raised_at),
    )
    response = getattr(recommendation, "response", None)
    if response is not None:
        entry.reason = text(response.reason)
        entry.owner = text(response.owner)
        entry.actions = text(response.actions)
        entry.target_date = _day(response.target_date) if response.target_date else ""
        entry.responded_on = _day(response.responded_at)
    entry.history = [
        (_day(update.created_at), progress_words(update.kind), text(update.text))
        for update in recommendation.progress_updates.all()
    ]
    return entry


def _recommendations(forum_ids: list[int] | None) -> QuerySet[Recommendation]:
    """Recommendations (of `forum_ids`, or all), with what every view of them shows."""
    queryset = Recommendation.objects.all()
    if forum_ids is not None:
        queryset = queryset.filter(forum_id__in=forum_ids)
    return (
        queryset.select_related("response", "forum")
        .prefetch_related(
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.order_by("created_at", "pk"),
            )
        )
        .order_by("-updated_at", "-pk")
    )


# Selectors -------------------------------------------------------------------------------


def forum_you_said_we_did(*, forum: Forum, clean: bool = False) -> list[Entry]:
    """Every recommendation of `forum`, most recently changed first (`clean`: free text
    passed through the redaction engine once more)."""
    return [_entry(r, clean=clean) for r in _recommendations([forum.pk])]


@dataclass
class ForumStory:
    forum: Forum
    entries: list[Entry]


def member_you_said_we_did(*, user: User) -> list[ForumStory]:
    """For each forum `user` belongs to (not left), its recommendations: a fixed number of
    queries however many recommendations and updates."""
    places = list(
        ForumMembership.objects.filter(user=user)
        .exclude(status=MembershipStatus.LEFT)
        .select_related("forum")
        .order_by("forum__name")
    )
    forums = {fm.forum_id: fm.forum for fm in places}
    if not forums:
        return []
    by_forum: dict[int, list[Entry]] = defaultdict(list)
    for recommendation in _recommendations(list(forums)):
        by_forum[recommendation.forum_id].append(_entry(recommendation))
    return [ForumStory(forum=f, entries=by_forum.get(pk, [])) for pk, f in forums.items()]


@dataclass
class PublicEntry:
    entry: Entry
    forum_name: str | None  # None for a forum too small to be named

    @property
    def caption(self) -> str:
        if self.forum_name is None:
            return _("From a forum")
        return _("From the %(forum)s") % {"forum": self.forum_name}


@dataclass
class ThemeGroup:
    name: str
    entries: list[PublicEntry]


def forum_names(forum_ids: list[int] | None = None) -> dict[int, str | None]:
    """A forum's name, or None when it has fewer than k active members (so a small cohort
    cannot be picked out: the page says "a forum")."""
    k = default_k()
    forums = Forum.objects.annotate(
        active=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
    )
    if forum_ids is not None:
        forums = forums.filter(pk__in=forum_ids)
    return {f.pk: (f.name if f.active >= k else None) for f in forums}


def _primary_theme(recommendation: Recommendation) -> Theme | None:
    themes = {t.pk: t for point in recommendation.points.all() for t in point.themes.all()}
    if not themes:
        return None
    return min(themes.values(), key=lambda t: (t.order, t.name))


def public_you_said_we_did() -> list[ThemeGroup]:
    """Answered recommendations (accepted, partly accepted, done, and not accepted with the
    reason), grouped by theme (each under the first of its points' themes, in the managed
    list's order; "Other" last). No member data; free text redacted once more."""
    recommendations = list(
        _recommendations(None)
        .filter(status__in=ANSWERED, response__isnull=False)
        .prefetch_related("points__themes")
    )
    names = forum_names(sorted({r.forum_id for r in recommendations}))
    groups: dict[int | None, tuple[Theme | None, list[PublicEntry]]] = {}
    for recommendation in recommendations:
        theme = _primary_theme(recommendation)
        key = theme.pk if theme is not None else None
        groups.setdefault(key, (theme, []))[1].append(
            PublicEntry(
                entry=_entry(recommendation, clean=True),
                forum_name=names.get(recommendation.forum_id),
            )
        )
    ordered = sorted(
        groups.values(),
        key=lambda g: (g[0] is None, (g[0].order, g[0].name) if g[0] is not None else (0, "")),
    )
    return [
        ThemeGroup(name=theme.display_name if theme is not None else _("Other"), entries=items)
        for theme, items in ordered
    ]


# The agenda item -------------------------------------------------------------------------


def next_meeting_of(forum: Forum, *, now: datetime | None = None) -> Meeting | None:
    """The forum's next meeting that has not started and is not cancelled."""
    return (
        Meeting.objects.filter(
            forum=forum, starts_at__gt=now or timezone.now(), cancelled_at__isnull=True
        )
        .order_by("starts_at", "pk")
        .first()
    )


def _previous_meeting_start(meeting: Meeting) -> datetime | None:
    previous = (
        Meeting.objects.filter(
            forum_id=meeting.forum_id, starts_at__lt=meeting.starts_at, cancelled_at__isnull=True
        )
        .order_by("-starts_at")
        .first()
    )
    return previous.starts_at if previous is not None else None


def agenda_summary(*, forum: Forum, meeting: Meeting) -> str:
    """The item's text: every recommendation of the forum with its status, the police
    response and reasons, and the history of updates; "New since the last meeting" marks those
    that changed after the previous meeting. Plain text, in the site's language.

    The agenda item's detail is not an encrypted column, so the free text copied into it
    (reasons, actions, updates) goes through the redaction engine first."""
    since = _previous_meeting_start(meeting)
    with translation.override(settings.LANGUAGE_CODE):
        entries = forum_you_said_we_did(forum=forum, clean=True)
        if not entries:
            return ""
        lines = [
            # The date of the latest change, not today's: the text only changes (and the
            # item is only saved and audited) when something moved.
            _("What the police did with the forum's recommendations (last change %(date)s).")
            % {"date": _day(max(e.recommendation.updated_at for e in entries))},
            _(
                'The full story of each one is in the portal, under "What happened to what we said".'
            ),
        ]
        for entry in entries:
            rec = entry.recommendation
            head = f"{entry.title}: {entry.status_words}."
            if since is not None and rec.updated_at > since:
                head += " " + _("New since the last meeting.")
            parts = [head, entry.status_sentence]
            if entry.reason:
                parts.append(_("Why: %(reason)s") % {"reason": entry.reason})
            if entry.actions:
                parts.append(_("What they will do: %(actions)s") % {"actions": entry.actions})
            if entry.history:
                parts.append(_("What has happened since:"))
                parts.extend(f"- {when}, {kind}: {text}" for when, kind, text in entry.history)
            lines.append("\n".join(parts))
    return "\n\n".join(lines)


def agenda_item_on(meeting: Meeting) -> AgendaItem | None:
    """The "You said, we did" item on `meeting` (in either language), if it has one."""
    return (
        meeting.agenda_items.filter(title__in=AGENDA_TITLES)
        .exclude(status__in=(AgendaItemStatus.MERGED, AgendaItemStatus.DEFERRED))
        .order_by("position", "pk")
        .first()
    )


# Digests ---------------------------------------------------------------------------------


def may_be_told(fm: ForumMembership) -> bool:
    """Whether a member may be sent a digest at all: an active member (not stepping back,
    not left) with an account, a channel they said was safe for automatic messages, and
    no pending request to delete their data."""
    from portal.models import ErasureRequest

    if fm.status != MembershipStatus.ACTIVE or fm.user is None or not fm.user.is_active:
        return False
    if not fm.membership.application.safe_channel:
        return False
    return not ErasureRequest.objects.filter(user=fm.user, handled_at__isnull=True).exists()


def digest_due(fm: ForumMembership, *, now: datetime) -> tuple[bool, datetime]:
    """(whether the member's last digest is at least DIGEST_INTERVAL_DAYS old, the moment
    news counts from: their last digest, or the day they joined)."""
    assert fm.user is not None
    last = MemberDigest.objects.filter(member=fm.user).aggregate(m=Max("sent_at"))["m"]
    joined = timezone.make_aware(datetime.combine(fm.joined_on, time.min))
    if last is None:
        return True, joined
    return now - last >= timedelta(days=DIGEST_INTERVAL_DAYS), max(last, joined)


def recommendations_moved(forum_id: int, since: datetime) -> list[Recommendation]:
    """Recommendations of the forum with police news after `since`: answered, updated or
    done (a recommendation only just raised, still waiting, has no news)."""
    return list(
        Recommendation.objects.filter(forum_id=forum_id, updated_at__gt=since)
        .exclude(status=RecommendationStatus.AWAITING_RESPONSE)
        .order_by("pk")
    )
