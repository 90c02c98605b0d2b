"""The feedback form's words in the person's language.

English and Welsh come from the gettext catalogue (the strings below); every other
language from FormText rows (seeded in migration 0003, marked machine_translated until
reviewed), each missing key falling back to English. Question wording comes from
QuestionText the same way. Adding a language needs no code: a Language row, its
QuestionText and FormText rows (docs/feedback.md).

This reference data is read on every page of the form, so it is kept in process memory
(`_reference`): cleared in this process as soon as a Language, Question, QuestionText or
FormText is saved or deleted (signals below), and in every other process after at most
REFERENCE_TTL_SECONDS (a change made elsewhere, or by a bulk update, shows within a
minute). `reference_cache_clear()` empties it (tests start each case with it empty).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from feedback.models import Direction, FormText, Language, Question, QuestionSection, QuestionText

GETTEXT_LANGUAGES = ("en", "cy")
REFERENCE_TTL_SECONDS = 60.0
REFERENCE_MODELS = (Language, Question, QuestionText, FormText)

T = TypeVar("T")
_REFERENCE: dict[tuple[str, ...], tuple[float, Any]] = {}


def _reference(key: tuple[str, ...], build: Callable[[], T]) -> T:
    """`build()`, kept for REFERENCE_TTL_SECONDS under `key` (process memory)."""
    now = time.monotonic()
    kept = _REFERENCE.get(key)
    if kept is not None and kept[0] > now:
        return kept[1]  # type: ignore[no-any-return]
    value = build()
    _REFERENCE[key] = (now + REFERENCE_TTL_SECONDS, value)
    return value


def reference_cache_clear(**_: Any) -> None:
    """Forget the cached languages, texts and questions (a signal receiver too)."""
    _REFERENCE.clear()


for _model in REFERENCE_MODELS:
    for _signal in (post_save, post_delete):
        _signal.connect(
            reference_cache_clear,
            sender=_model,
            dispatch_uid=f"feedback.form_text.{_model.__name__}.{id(_signal)}",
        )

ENGLISH: dict[str, Any] = {
    "start_title": _("Tell us how the police dealt with you"),
    "intro": _(
        "It takes about 2 minutes. You do not need to give your name. "
        "You only have to answer the first question."
    ),
    "not_report_heading": _("This is not the way to report a crime or make a complaint"),
    "emergency": _("In an emergency, call 999."),
    "report": _("Report a crime: call 101 or report it online"),
    "complaint": _("Make a complaint about the police"),
    "language": _("Language"),
    "continue": _("Continue"),
    "equality_title": _("About you"),
    "equality_intro": _(
        "You do not have to answer these questions. They help us check that we hear from "
        "everyone. No one can tell who you are from your answers."
    ),
    "submit": _("Send feedback"),
    "skip": _("Skip these questions and send"),
    "error_summary": _("There is a problem"),
    "error_overall": _("Select how good the service was"),
    "error_comment_long": _("Your answer must be 2,000 characters or fewer"),
    "thanks_title": _("Thank you for your feedback"),
    "thanks_body": _(
        "Your answers help the police improve how they treat victims of crime. "
        "We do not reply to feedback."
    ),
    "rights_heading": _("Your rights as a victim of crime"),
    "rights_body": _(
        "The Victims' Code gives you 12 rights. For example, the right to be kept up to date "
        "and to be put in touch with support."
    ),
    "rights_link": _("Read your rights"),
    "support_heading": _("Support near you"),
    "support_body": _(
        "Support is free and confidential. You can get it even if you did not report the crime."
    ),
    "support_link": _("Find support near you"),
    "optional": _("optional"),
    "exit_page": _("Exit this page"),
    "rate_limited": _(
        "A lot of feedback has been sent from here in a short time. Try again in a few minutes."
    ),
    "expired": _("This form has expired. Check your answers and send them again."),
}


@dataclass(frozen=True)
class FormLanguage:
    code: str
    name_native: str
    rtl: bool

    @property
    def direction(self) -> str:
        return Direction.RTL if self.rtl else Direction.LTR

    @property
    def uses_gettext(self) -> bool:
        return self.code in GETTEXT_LANGUAGES


def languages() -> list[Language]:
    """The active languages (cached: treat them as read-only)."""
    return list(
        _reference(
            ("languages",),
            lambda: tuple(Language.objects.filter(active=True).order_by("order", "code")),
        )
    )


def language_resolve(code: str, available: list[Language]) -> FormLanguage:
    """The form language for `code` ("" = the site's language, English or Welsh)."""
    if not code:
        code = "cy" if (translation.get_language() or "en").startswith("cy") else "en"
    for language in available:
        if language.code == code:
            return FormLanguage(language.code, language.name_native, language.is_rtl)
    return FormLanguage("en", "English", False)


def texts(language: FormLanguage) -> dict[str, str]:
    """Every key of ENGLISH in `language`."""
    if language.uses_gettext:
        with translation.override(language.code):
            return {key: str(value) for key, value in ENGLISH.items()}
    return dict(_reference(("texts", language.code), lambda: _texts_read(language.code)))


def _texts_read(code: str) -> dict[str, str]:
    with translation.override("en"):
        words = {key: str(value) for key, value in ENGLISH.items()}
    for key, text in FormText.objects.filter(language__code=code).values_list("key", "text"):
        if key in words and text:
            words[key] = text
    return words


@dataclass
class QuestionView:
    key: str
    kind: str
    required: bool
    text: str
    hint: str
    choices: list[tuple[str, str]] = field(default_factory=list)
    machine_translated: bool = False


def questions(section: str, language: FormLanguage) -> list[QuestionView]:
    """The active questions of a section, worded in `language` (English where missing).
    Cached: treat them as read-only."""
    return list(
        _reference(
            ("questions", section, language.code), lambda: tuple(_questions_read(section, language))
        )
    )


def _questions_read(section: str, language: FormLanguage) -> list[QuestionView]:
    rows = list(Question.objects.filter(active=True, section=section).order_by("order", "pk"))
    wanted = {language.code, "en"}
    wording: dict[tuple[int, str], QuestionText] = {
        (text.question_id, text.language.code): text
        for text in QuestionText.objects.filter(
            question__in=rows, language__code__in=wanted
        ).select_related("language")
    }
    out = []
    for question in rows:
        text = wording.get((question.pk, language.code)) or wording.get((question.pk, "en"))
        if text is None:
            continue
        english = wording.get((question.pk, "en"))
        labels = dict(english.choice_labels) if english is not None else {}
        labels.update(text.choice_labels or {})
        out.append(
            QuestionView(
                key=question.key,
                kind=question.kind,
                required=question.required,
                text=text.text,
                hint=text.hint,
                choices=[(str(c), str(labels.get(str(c), c))) for c in question.choices],
                machine_translated=text.machine_translated and not text.reviewed,
            )
        )
    return out


CORE = QuestionSection.CORE
EQUALITY = QuestionSection.EQUALITY
