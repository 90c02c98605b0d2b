"""Reads for surveys and their results (docs/engagement.md, "Surveys" and "Results"): the
invitation behind a survey link, a survey's aggregated results with small numbers
suppressed, the partners overdue to say what they changed, and a participant's "you said,
we did".

Every count of people goes through `lib.suppression`, for the programme team too: the team
sees exactly what the partner will see once it is released. One suppression pass covers the
whole page and its CSV (`lib.suppression.suppress_page`). Free text is shown only as the
reviewer released it (`redaction.services.require_released`). When fewer than k people
answered, nothing but that is shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dashboards.tables import Row, Table, Value, cell_value, distribution_table, not_shown
from dashboards.tables import percent as percent_value
from dashboards.tables import share as share_of
from dashboards.tables.base import bars_for
from engagement.models import (
    Invitation,
    InvitationStatus,
    Kind,
    Opportunity,
    Participant,
    QuestionKind,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from engagement.services.surveys import choice_options, survey_questions, words
from lib.suppression import TOTAL, Cell, PageSuppression, default_k, suppress_count, suppress_page
from redaction.models import Status
from redaction.services import require_released

RESPONSES: Hashable = ("responses",)


# The results of one survey --------------------------------------------------------------


@dataclass
class QuestionResult:
    number: int
    text: str
    kind: str
    condition: str = ""
    table: Table | None = None
    answered: Cell | None = None
    average: Value | None = None
    comments: list[str] = field(default_factory=list)
    waiting: int = 0


@dataclass
class Results:
    opportunity: Opportunity
    k: int
    responses: Cell
    enough: bool
    questions: list[QuestionResult] = field(default_factory=list)
    waiting: int = 0

    def csv_rows(self) -> list[list[str]]:
        """The aggregated table as CSV rows, suppressed as on the page (no comments)."""
        rows = [[_("Question number"), _("Question"), _("Answer"), _("Count"), _("Share")]]
        rows.append(["", _("Responses"), "", self.responses.display, ""])
        if not self.enough:
            return rows
        for result in self.questions:
            if result.table is None:
                rows.append(
                    [
                        str(result.number),
                        result.text,
                        _("Answered"),
                        result.answered.display if result.answered else "",
                        "",
                    ]
                )
                continue
            for row in result.table.rows:
                values = [v.text for v in row.values]
                rows.append(
                    [
                        str(result.number),
                        result.text,
                        row.label,
                        values[0] if values else "",
                        values[1] if len(values) > 1 else "",
                    ]
                )
            if result.average is not None:
                rows.append(
                    [str(result.number), result.text, _("Average"), result.average.text, ""]
                )
        return rows


def _answer_counts(
    opportunity: Opportunity,
) -> tuple[dict[int, Counter[str]], dict[int, int], dict[int, list[Any]]]:
    """For each question id: how often each code was given, how many answered, and its
    free-text answers' redacted texts."""
    counts: dict[int, Counter[str]] = {}
    answered: Counter[int] = Counter()
    texts: dict[int, list[Any]] = {}
    answers = SurveyAnswer.objects.filter(response__opportunity=opportunity).select_related("text")
    for answer in answers.only("question_id", "values", "rating", "text"):
        answered[answer.question_id] += 1
        if answer.text_id is not None:
            texts.setdefault(answer.question_id, []).append(answer.text)
        for code in answer.values or []:
            counts.setdefault(answer.question_id, Counter())[str(code)] += 1
    return counts, dict(answered), texts


def _condition_text(
    question: SurveyQuestion, numbers: dict[int, int], by_id: dict[int, SurveyQuestion], lang: str
) -> str:
    if question.show_if_id is None or question.show_if_id not in by_id:
        return ""
    condition = by_id[question.show_if_id]
    labels = dict(choice_options(condition, lang))
    chosen = ", ".join(f"“{labels.get(v, v)}”" for v in question.show_if_values)
    return _("Asked only of people who answered %(answers)s to question %(n)s.") % {
        "answers": chosen,
        "n": numbers[condition.pk],
    }


def _multiple_table(
    slug: str,
    title: str,
    items: list[tuple[str, str, int]],
    answered: int,
    answered_key: Hashable,
    key: str,
    linked: PageSuppression,
    k: int,
) -> Table:
    """Choose-any answers: each choice's count and its share of those who answered (the
    counts add up to more than the people, so there is no total row; the sum is treated as
    public all the same, which hides more rather than less)."""
    counts = linked.counts(
        {code: n for code, _label, n in items},
        keys=lambda code: None if code is TOTAL else (key, code),
        total=False,
    )
    whole = linked.count(answered, key=answered_key)
    rows = []
    for code, label, n in items:
        cell = counts[code]
        visible = not cell.suppressed and not whole.suppressed
        rows.append(
            Row(
                label,
                [cell_value(cell), percent_value(share_of(n, answered, k) if visible else None)],
            )
        )
    rows.append(Row(_("People who answered"), [cell_value(whole), not_shown()], is_total=True))
    return Table(
        slug=slug,
        title=title,
        corner=_("Answer"),
        columns=[_("People"), _("Share of those who answered")],
        rows=rows,
        bars=bars_for([(label, counts[code]) for code, label, _n in items]),
        bar_title=_("People"),
    )


def _average(question: SurveyQuestion, counts: Counter[str], answered: int, k: int) -> Value:
    if answered < k or not answered:
        return not_shown()
    total = sum(int(code) * n for code, n in counts.items() if code.isdigit())
    value = total / answered
    return Value(f"{value:.1f}", round(value, 2))


def survey_results(opportunity: Opportunity, *, language: str = "en") -> Results:
    """The survey's results as the partner sees them: each question's counts and shares
    with a chart and a table, averages of rating scales, released comments; suppressed."""
    k = default_k()
    questions = survey_questions(opportunity) if opportunity.kind == Kind.SURVEY else []
    by_id = {q.pk: q for q in questions}
    numbers = {q.pk: n for n, q in enumerate(questions, start=1)}
    counts, answered, texts = _answer_counts(opportunity)
    responses = SurveyResponse.objects.filter(opportunity=opportunity).count()
    waiting_total = sum(
        1 for items in texts.values() for item in items if item.status == Status.PENDING
    )

    def build(linked: PageSuppression) -> Results:
        total = linked.count(responses, key=RESPONSES)
        results = Results(
            opportunity=opportunity,
            k=k,
            responses=total,
            enough=responses >= k,
            waiting=waiting_total,
        )
        if not results.enough:
            return results
        for question in questions:
            n = numbers[question.pk]
            text = words(question.text, question.text_cy, language)
            title = _("Question %(n)s: %(text)s") % {"n": n, "text": text}
            result = QuestionResult(
                number=n,
                text=text,
                kind=question.kind,
                condition=_condition_text(question, numbers, by_id, language),
            )
            got = answered.get(question.pk, 0)
            answered_key = RESPONSES if got == responses else (question.key, "answered")
            slug = f"question-{n}"
            if question.kind == QuestionKind.TEXT:
                result.answered = linked.count(got, key=answered_key)
                for item in texts.get(question.pk, []):
                    if item.status == Status.RELEASED:
                        result.comments.append(require_released(item))
                    else:
                        result.waiting += 1
            elif question.kind == QuestionKind.MULTIPLE:
                items = [
                    (code, label, counts.get(question.pk, Counter())[code])
                    for code, label in choice_options(question, language)
                ]
                result.table = _multiple_table(
                    slug, title, items, got, answered_key, question.key, linked, k
                )
            else:
                options = choice_options(question, language)
                mine = counts.get(question.pk, Counter())
                table, _cells = distribution_table(
                    slug,
                    title,
                    _("Answer"),
                    [(label, mine[code]) for code, label in options],
                    k=k,
                    linked=linked,
                    scopes=[(question.key, code) for code, _label in options],
                    total_scope=answered_key,
                )
                result.table = table
                if question.kind == QuestionKind.RATING:
                    result.average = _average(question, mine, got, k)
            results.questions.append(result)
        return results

    return suppress_page(build, k=k)


# Headlines, overdue partners, "you said, we did" -------------------------------------------


def took_part_count(opportunity: Opportunity) -> int:
    return Invitation.objects.filter(opportunity=opportunity, took_part_at__isnull=False).count()


def results_headline(opportunity: Opportunity) -> str:
    """A short summary of what people said: how many answered (or took part), suppressed."""
    if opportunity.kind == Kind.SURVEY:
        n = SurveyResponse.objects.filter(opportunity=opportunity).count()
        return _("People who answered the survey: %(count)s.") % {
            "count": suppress_count(n).display
        }
    n = took_part_count(opportunity)
    return _("People who took part: %(count)s.") % {"count": suppress_count(n).display}


def what_changed_overdue(*, today: date | None = None) -> QuerySet[Opportunity]:
    """Released opportunities whose partner has not said what they changed by the date."""
    today = today or timezone.localdate()
    return Opportunity.objects.filter(
        results_released_at__isnull=False,
        what_changed_at__isnull=True,
        change_due_on__lt=today,
    ).order_by("change_due_on", "id")


@dataclass
class YouSaid:
    title: str
    asked_by: str
    state: str  # "changed", "waiting" (results released, nothing said yet), "results"
    headline: str = ""
    what_we_did: str = ""
    due: date | None = None
    overdue: bool = False


def you_said_for(participant: Participant, *, language: str = "en") -> list[YouSaid]:
    """Every opportunity the participant took part in (their invitations, never their
    answers), newest first: what the partner changed, or what we are waiting for."""
    today = timezone.localdate()
    invitations = (
        Invitation.objects.filter(participant=participant)
        .filter(Q(status=InvitationStatus.TOOK_PART) | Q(took_part_at__isnull=False))
        .select_related("opportunity")
        .order_by("-took_part_at", "-id")
    )
    opportunities = [i.opportunity for i in invitations]
    survey_ids = [o.pk for o in opportunities if o.kind == Kind.SURVEY]
    response_counts = dict(
        SurveyResponse.objects.filter(opportunity_id__in=survey_ids)
        .values("opportunity_id")
        .annotate(n=Count("id"))
        .values_list("opportunity_id", "n")
    )
    took_part = dict(
        Invitation.objects.filter(
            opportunity_id__in=[o.pk for o in opportunities], took_part_at__isnull=False
        )
        .values("opportunity_id")
        .annotate(n=Count("id"))
        .values_list("opportunity_id", "n")
    )
    out = []
    for opportunity in opportunities:
        entry = YouSaid(
            title=words(opportunity.title, opportunity.title_cy, language),
            asked_by=opportunity.asked_by,
            state="results",
            due=opportunity.change_due_on,
        )
        if opportunity.results_released_at is not None:
            if opportunity.kind == Kind.SURVEY:
                n = response_counts.get(opportunity.pk, 0)
                entry.headline = _("People who answered the survey: %(count)s.") % {
                    "count": suppress_count(n).display
                }
            else:
                n = took_part.get(opportunity.pk, 0)
                entry.headline = _("People who took part: %(count)s.") % {
                    "count": suppress_count(n).display
                }
            if opportunity.what_changed_at is not None:
                entry.state = "changed"
                entry.what_we_did = words(
                    opportunity.what_changed, opportunity.what_changed_cy, language
                )
            else:
                entry.state = "waiting"
                entry.overdue = entry.due is not None and entry.due < today
        out.append(entry)
    return out
