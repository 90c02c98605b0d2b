"""The feedback form's two pages, built from the questions in the database.

A question is shown when its key is a column of Response (feedback.models); its wording,
hint and choice labels are data (QuestionText) in the person's language."""

from __future__ import annotations

from typing import Any

from django import forms

from feedback.form_text import QuestionView
from feedback.models import QuestionKind
from feedback.services import COMMENT_MAX_LENGTH, EQUALITY_FIELDS
from lib.text import CleanCharField

CORE_FIELDS = ("overall", "respect", "listened", "kept_informed", "told_support", "comment")


def _field(question: QuestionView, words: dict[str, str]) -> forms.Field:
    if question.kind == QuestionKind.FREE_TEXT:
        return CleanCharField(
            required=False,
            multiline=True,
            max_length=COMMENT_MAX_LENGTH,
            widget=forms.Textarea,
            error_messages={"max_length": words["error_comment_long"]},
        )
    message = words["error_overall"] if question.key == "overall" else words["error_summary"]
    return forms.ChoiceField(
        required=question.required,
        choices=question.choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class QuestionsForm(forms.Form):
    """The core questions, and the one-time form token."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, questions: list[QuestionView], words: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.key in CORE_FIELDS]
        for question in self.questions:
            self.fields[question.key] = _field(question, words)


class EqualityForm(forms.Form):
    """The optional equality questions (age band first)."""

    def __init__(
        self, *args: Any, questions: list[QuestionView], words: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.key in EQUALITY_FIELDS]
        for question in self.questions:
            self.fields[question.key] = forms.ChoiceField(
                required=False, choices=question.choices, widget=forms.RadioSelect
            )


class StartForm(forms.Form):
    """The website's start: which borough (or "I don't know")."""

    borough = CleanCharField(required=False)
