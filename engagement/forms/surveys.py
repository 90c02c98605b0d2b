"""Forms of the survey builder (the programme team) and of answering a survey (a
participant, by their invitation's link)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from engagement.models import QuestionKind, SurveyQuestion
from engagement.services.questions import (
    QuestionIn,
)
from engagement.services.surveys import (
    CHOICE_KINDS,
    MAX_SCALE,
    MAX_TEXT_LENGTH,
    MIN_SCALE,
    choice_options,
    words,
)
from recruitment.forms.staff import error_list

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ErrorList:
    def error_list(self) -> list[dict[str, str]]:
        return error_list(self)  # type: ignore[arg-type]


# The builder ----------------------------------------------------------------------------


def _split_choices(text: str) -> list[dict[str, str]]:
    """One answer a line, its Welsh after a "|": "Yes | Ie"."""
    out = []
    for line in text.splitlines():
        english, _bar, welsh = line.partition("|")
        if english.strip():
            out.append({"label": english.strip(), "label_cy": welsh.strip()})
    return out


def choices_text(question: SurveyQuestion) -> str:
    return "\n".join(
        f"{c['label']} | {c['label_cy']}" if c.get("label_cy") else c["label"]
        for c in question.choices
    )


class QuestionForm(ErrorList, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"),
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of question")},
    )
    text = forms.CharField(
        label=_("Question"),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Enter the question")},
    )
    text_cy = forms.CharField(
        label=_("Question in Welsh (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea,
    )
    hint = forms.CharField(label=_("Hint (optional)"), max_length=500, required=False)
    hint_cy = forms.CharField(label=_("Hint in Welsh (optional)"), max_length=500, required=False)
    choices = forms.CharField(
        label=_("Answers to choose from (choose one or choose any)"),
        help_text=_("One answer a line. Put the Welsh after a vertical bar, for example: Yes | Ie"),
        required=False,
        widget=forms.Textarea,
    )
    scale = forms.IntegerField(
        label=_("Rating scale: from 1 to"),
        min_value=MIN_SCALE,
        max_value=MAX_SCALE,
        initial=5,
        required=False,
        error_messages={
            "min_value": _("The scale must go to %(limit_value)s or more"),
            "max_value": _("The scale must go to %(limit_value)s or fewer"),
            "invalid": _("Enter a whole number"),
        },
    )
    low_label = forms.CharField(
        label=_("Rating scale: what 1 means (optional)"), max_length=100, required=False
    )
    low_label_cy = forms.CharField(
        label=_("What 1 means, in Welsh (optional)"), max_length=100, required=False
    )
    high_label = forms.CharField(
        label=_("Rating scale: what the top of the scale means (optional)"),
        max_length=100,
        required=False,
    )
    high_label_cy = forms.CharField(
        label=_("What the top of the scale means, in Welsh (optional)"),
        max_length=100,
        required=False,
    )
    required = forms.ChoiceField(
        label=_("Must people answer it?"),
        choices=YES_NO,
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether people must answer it")},
    )
    show_when = forms.MultipleChoiceField(
        label=_("Ask it only when an earlier answer was (optional)"),
        help_text=_(
            "Leave empty to ask everyone. Tick answers of one earlier question: the question "
            "is asked on the next page to people who gave one of them."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, earlier: Sequence[SurveyQuestion] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.earlier = {q.pk: q for q in earlier if q.kind in CHOICE_KINDS}
        options = []
        for n, question in enumerate(earlier, start=1):
            if question.kind not in CHOICE_KINDS:
                continue
            for code, label in choice_options(question, "en"):
                options.append((f"{question.pk}:{code}", f"{n}. {question.text}: {label}"))
        self.fields["show_when"].choices = options  # type: ignore[attr-defined]
        if not options:
            del self.fields["show_when"]

    @classmethod
    def initial_for(cls, question: SurveyQuestion) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "kind": question.kind,
            "text": question.text,
            "text_cy": question.text_cy,
            "hint": question.hint,
            "hint_cy": question.hint_cy,
            "scale": question.scale,
            "required": "yes" if question.required else "no",
            "show_when": [f"{question.show_if_id}:{v}" for v in question.show_if_values]
            if question.show_if_id
            else [],
        }
        if question.kind in CHOICE_KINDS:
            initial["choices"] = choices_text(question)
        elif question.kind == QuestionKind.RATING and question.choices:
            ends = question.choices
            initial["low_label"] = ends[0].get("label", "")
            initial["low_label_cy"] = ends[0].get("label_cy", "")
            if len(ends) > 1:
                initial["high_label"] = ends[-1].get("label", "")
                initial["high_label_cy"] = ends[-1].get("label_cy", "")
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        picked = data.get("show_when") or []
        ids = {value.split(":", 1)[0] for value in picked}
        if len(ids) > 1:
            self.add_error("show_when", _("Tick answers of one question only"))
        if data.get("kind") == QuestionKind.RATING and data.get("scale") is None:
            self.add_error("scale", _("Enter the top of the rating scale"))
        return data

    def question_in(self) -> QuestionIn:
        data = self.cleaned_data
        kind = data["kind"]
        choices: list[dict[str, str]] = []
        if kind in CHOICE_KINDS:
            choices = _split_choices(data.get("choices") or "")
        elif kind == QuestionKind.RATING:
            choices = [
                {"label": data.get("low_label", ""), "label_cy": data.get("low_label_cy", "")},
                {"label": data.get("high_label", ""), "label_cy": data.get("high_label_cy", "")},
            ]
        show_if = None
        values: list[str] = []
        for picked in data.get("show_when") or []:
            pk, _colon, code = picked.partition(":")
            show_if = self.earlier.get(int(pk))
            values.append(code)
        return QuestionIn(
            kind=kind,
            text=data["text"],
            text_cy=data.get("text_cy", ""),
            hint=data.get("hint", ""),
            hint_cy=data.get("hint_cy", ""),
            choices=choices,
            scale=data.get("scale") or 5,
            required=data.get("required") == "yes",
            show_if=show_if,
            show_if_values=values,
        )


class MoveForm(forms.Form):
    question = forms.IntegerField()
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# Answering ---------------------------------------------------------------------------------


class LinkForm(ErrorList, forms.Form):
    linked = forms.ChoiceField(
        label=_("Link my answers to my name so the programme team can follow up"),
        choices=[
            ("no", _("No, keep my answers anonymous")),
            ("yes", _("Yes, link my answers to my name")),
        ],
        initial="no",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to link your answers to your name")},
    )


class SurveyStepForm(ErrorList, forms.Form):
    """One page of a survey: a field per question shown, named by the question's key. The
    rules (required, valid answers) are checked by engagement.services.surveys.answer_errors,
    for the page here and for the whole survey when it is sent."""

    def __init__(
        self, *args: Any, questions: Sequence[SurveyQuestion], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            label = words(question.text, question.text_cy, language)
            hint = words(question.hint, question.hint_cy, language)
            field: forms.Field
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    label=label,
                    help_text=hint,
                    required=False,
                    max_length=MAX_TEXT_LENGTH,
                    widget=forms.Textarea,
                    error_messages={
                        "max_length": _("Your answer must be %(limit_value)s characters or fewer")
                    },
                )
            elif question.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label,
                    help_text=hint,
                    required=False,
                    choices=choice_options(question, language),
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={"invalid_choice": _("Select answers from the list")},
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    help_text=hint,
                    required=False,
                    choices=choice_options(question, language),
                    widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("Select an answer from the list")},
                )
            setattr(field, "question", question)  # noqa: B010 - read by the page
            self.fields[question.key] = field

    def answers(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(key) for key in self.fields}
