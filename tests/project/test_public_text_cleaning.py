"""Text typed into public forms is cleaned once, by lib.text: NFC, no invisible or
direction-changing characters, whitespace collapsed, and what is then empty refused.

Every public form (and member-facing form) is listed here. A new text field in one of
them that is a plain forms.CharField fails test_every_public_text_field_cleans_its_text."""

from __future__ import annotations

import pytest
from django import forms
from django.test import RequestFactory

from accounts.forms import RequestLoginCodeForm
from directory.selectors import SearchFilters
from feedback.form_text import QuestionView
from feedback.forms.responses import QuestionsForm, StartForm
from lib.rules import RuleBroken
from lib.text import BIDI_CONTROLS, ZERO_WIDTH, CleanCharField, CleanEmailField, text_clean
from pages.forms import ServiceFeedbackForm
from portal.forms import ProposeForm
from recruitment.forms import public as forms_public
from recruitment.models import Application
from recruitment.services import ApplicationAnswers, application_submit
from tests.recruitment.journey import answer, answer_until, send

pytestmark = pytest.mark.django_db

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff \u200e\u200f"
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Ali\u202eecirp" reads "Aliprice"


def _feedback_words():
    return {
        "error_overall": "Select an answer",
        "error_summary": "Answer the question",
        "error_comment_long": "Too long",
    }


def _feedback_questions():
    return [
        QuestionView(
            key="overall",
            kind="choice",
            required=False,
            text="Overall",
            hint="",
            choices=[("good", "Good")],
        ),
        QuestionView(key="comment", kind="free_text", required=False, text="Comment", hint=""),
    ]


def _sign_in_form(data):
    request = RequestFactory().post("/")
    from allauth.core import context

    with context.request_context(request):
        form = RequestLoginCodeForm(data)
        form.is_valid()
    return form


# (name, build a bound form from one field's value, the field, required)
PUBLIC_TEXT_FIELDS = [
    (
        "application: full name",
        lambda v: forms_public.ContactForm({"full_name": v, "email": "a@example.org"}),
        "full_name",
        True,
    ),
    (
        "application: email",
        lambda v: forms_public.ContactForm(
            {"full_name": "Sam", "email": v, "phone": "07700 900982"}
        ),
        "email",
        False,
    ),
    (
        "application: phone",
        lambda v: forms_public.ContactForm(
            {"full_name": "Sam", "email": "a@example.org", "phone": v}
        ),
        "phone",
        False,
    ),
    (
        "application: times to avoid",
        lambda v: forms_public.SafeContactForm(
            {"channels": ["email"], "times_to_avoid": v},
            answers={"contact": {"email": "a@example.org"}},
        ),
        "times_to_avoid",
        False,
    ),
    (
        "application: access needs",
        lambda v: forms_public.AccessNeedsForm({"access_needs": v}),
        "access_needs",
        False,
    ),
    (
        "feedback form: comment",
        lambda v: QuestionsForm(
            {"comment": v}, questions=_feedback_questions(), words=_feedback_words()
        ),
        "comment",
        False,
    ),
    ("feedback form: borough", lambda v: StartForm({"borough": v}), "borough", False),
    (
        "service feedback: comments",
        lambda v: ServiceFeedbackForm({"satisfaction": "satisfied", "comments": v}),
        "comments",
        False,
    ),
    ("member portal: agenda item title", lambda v: ProposeForm({"title": v}), "title", True),
    (
        "member portal: agenda item detail",
        lambda v: ProposeForm({"title": "Buses", "detail": v}),
        "detail",
        False,
    ),
    ("member sign-in: email", lambda v: _sign_in_form({"email": v}), "email", True),
]
IDS = [name for name, *_ in PUBLIC_TEXT_FIELDS]

# Every form a member of the public (or a member) fills in, with the fields that are not
# text typed by a person (hidden tokens, the honeypot people never see).
PUBLIC_FORMS = [
    (forms_public.ContactForm, {}),
    (forms_public.SafeContactForm, {}),
    (forms_public.AccessNeedsForm, {}),
    (forms_public.SubmitForm, {"token", "website"}),
    (StartForm, {}),
    (ServiceFeedbackForm, {}),
    (ProposeForm, {}),
    (RequestLoginCodeForm, {}),
]


def _cleaned_value(form, name):
    form.is_valid()
    return form.cleaned_data.get(name)


@pytest.mark.parametrize(("name", "build", "field", "required"), PUBLIC_TEXT_FIELDS, ids=IDS)
def test_a_public_field_of_invisible_characters_only_is_empty(name, build, field, required):
    form = build(INVISIBLE)
    form.is_valid()
    if required:
        assert field in form.errors, f"{name}: an invisible-only value was accepted"
    else:
        assert field not in form.errors
        assert _cleaned_value(form, field) == ""


@pytest.mark.parametrize(("name", "build", "field", "required"), PUBLIC_TEXT_FIELDS, ids=IDS)
def test_a_public_field_loses_its_direction_and_zero_width_characters(name, build, field, required):
    value = {
        "member sign-in: email": f"\u200bmember{RLO}@example.org\ufeff",
        "application: email": f"\u200bsam{RLO}@example.org\ufeff",
        "application: phone": f"07700{RLO} 900\u200b982",
        "feedback form: borough": f"camden{RLO}",
    }.get(name, f"  Ali{RLO}ecirp\u200b  Jones\u2066 ")
    form = build(value)
    assert form.is_valid() or field not in form.errors, (name, form.errors)
    cleaned = form.cleaned_data[field]
    assert not set(cleaned) & (BIDI_CONTROLS | ZERO_WIDTH), name
    assert "  " not in cleaned


@pytest.mark.parametrize(
    ("form_class", "exempt"), PUBLIC_FORMS, ids=lambda x: getattr(x, "__name__", "")
)
def test_every_public_text_field_cleans_its_text(form_class, exempt):
    kwargs = {}
    if form_class is forms_public.SafeContactForm:
        kwargs["answers"] = {}
    if form_class is RequestLoginCodeForm:
        from allauth.core import context

        with context.request_context(RequestFactory().get("/")):
            form = form_class(**kwargs)
    else:
        form = form_class(**kwargs)
    for name, field in form.fields.items():
        if name in exempt or not isinstance(field, forms.CharField):
            continue
        assert isinstance(field, CleanCharField | CleanEmailField), (
            f"{form_class.__name__}.{name} is a text field that does not use lib.text"
        )


def test_the_feedback_forms_free_text_questions_clean_their_text():
    form = QuestionsForm(questions=_feedback_questions(), words=_feedback_words())
    assert isinstance(form.fields["comment"], CleanCharField)


def test_the_support_search_cleans_what_is_typed():
    filters = SearchFilters.from_query({"q": f"{INVISIBLE}", "postcode": f"E1{RLO}\u200b"})
    assert filters.q == ""
    assert filters.postcode == "E1"
    assert not filters.active or filters.postcode


def test_text_clean_normalises_and_keeps_paragraphs():
    assert text_clean("Zoe\u0301") == "Zoé"
    assert text_clean("a\u00a0\u00a0b") == "a b"
    assert text_clean(" one \u200b line\r\n\r\n\r\n\r\ntwo ", multiline=True) == "one line\n\ntwo"
    assert text_clean("\x00bell\x07") == "bell"


# The application, end to end ------------------------------------------------------------


@pytest.fixture
def no_minimum_time(settings):
    settings.RECRUITMENT_MIN_SECONDS_TO_APPLY = 0


def test_an_application_with_an_invisible_name_is_refused(client, no_minimum_time):
    answer_until(client, stop="contact")
    response = answer(
        client, "contact", {"full_name": "\u200b\ufeff\u200d", "email": "a@example.org"}
    )
    assert response.status_code == 200
    assert "Enter your full name" in response.content.decode()


def test_an_application_stores_a_name_without_a_direction_override(client, no_minimum_time):
    answer_until(
        client,
        contact={"full_name": f"Ali{RLO}ecirp  Jones", "email": "a@example.org", "phone": ""},
        safe_contact={"channels": ["email"], "times_to_avoid": ""},
    )
    assert send(client).status_code == 302
    application = Application.objects.order_by("-pk").first()
    assert application.full_name == "Aliecirp Jones"


def test_the_service_refuses_an_invisible_name_whatever_calls_it():
    from django.utils import timezone

    now = timezone.now()
    with pytest.raises(RuleBroken):
        application_submit(
            answers=ApplicationAnswers(
                cohort_slugs=["general"],
                full_name="\u200b\u202e\ufeff",
                email="a@example.org",
                lives_in_area=True,
                pnc_check_consent_at=now,
                terms_agreed_at=now,
                privacy_notice_seen_at=now,
            )
        )
