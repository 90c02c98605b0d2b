"""Demo data for the engagement register (seed_demo step): a register of a few hundred
fictional people, opportunities at every stage and a partner agency's requests.

- ENGAGEMENT_DEMO_PARTICIPANTS (300; 60 in tests) people on the register, with varied
  optional answers (some "Prefer not to say", some not answered), areas of the force's
  Census figures, languages (some Welsh speakers, some reading in Welsh) and a safe contact
  each: most allow email, some only texts, a few with safe times. Morgan Member (the member
  persona, a forum member) joins from the portal in one click.
- A survey OPEN now (questions of every kind, one shown only after a certain answer):
  invitations sent, some said yes and answered, some said no, Morgan invited.
- A call testing session OPEN now: slots, a fair selection among those who said yes,
  bookings (confirmed places and one on a waiting list).
- A survey CLOSED last month, asked for by the Crown Prosecution Service (demo): its free
  text reviewed and released, its results released and the partner's "what we changed"
  recorded. Morgan took part, so "you said, we did" in the portal has an entry.
- An interview for a training film, internal only, still being prepared (a draft).
- The partner's requests: one waiting for a decision (inside its timeframe), one overdue,
  and the approved one the closed survey came from.

Everything goes through the register's services with the programme admin and partner
personas, except where noted: people are put on the register in bulk (joining through the
service sends each a code to confirm), and the past is written as the demo's history (the
closed survey's request, invitations and answers are dated last month, the overdue request
as if sent three weeks ago). Names come from Faker with a fixed seed, email addresses are at
example.org and phone numbers in Ofcom's drama range. Dates are relative to today and to
month boundaries. Safe to run again: it does nothing once the demo's opportunities exist.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from engagement import census, rules
from engagement.access import participant_of
from engagement.areas import DYFED_POWYS, areas
from engagement.models import (
    BookingStatus,
    Format,
    Invitation,
    InvitationStatus,
    JoinedBy,
    Kind,
    Opportunity,
    Participant,
    ParticipantStatus,
    PartnerRequest,
    QuestionKind,
    Sensitivity,
    SlotMode,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)
from engagement.reference import (
    CONSENT_VERSION,
    CRIME_KINDS,
    LIST_FIELDS,
    OPTIONAL_FIELDS,
    PREFER_NOT_TO_SAY,
)
from lib.rules import RuleBroken
from lib.workdays import add_working_days, working_day_on_or_after

LONDON = ZoneInfo("Europe/London")
SEED = 14
FORCE_NAMES = {"london": "Metropolitan Police (demo)", DYFED_POWYS: "Dyfed-Powys Police (demo)"}

OPEN_SURVEY: dict[str, Any] = {
    "title": "How we keep you updated about your case",
    "title_cy": "Sut rydyn ni'n rhoi gwybod i chi am eich achos",
    "purpose": (
        "To find out whether our updates reach you in time and make sense, so that we can "
        "improve them."
    ),
    "purpose_cy": (
        "Darganfod a yw ein diweddariadau yn eich cyrraedd mewn pryd ac yn gwneud synnwyr, "
        "er mwyn i ni eu gwella."
    ),
    "involves": "An online survey of 5 questions. It takes about 10 minutes.",
    "involves_cy": "Arolwg ar-lein o 5 cwestiwn. Mae'n cymryd tua 10 munud.",
    "recognition": "A £10 shopping voucher",
}
CALL_TESTING: dict[str, Any] = {
    "title": "Try our new way of answering non-emergency calls",
    "title_cy": "Rhowch gynnig ar ein ffordd newydd o ateb galwadau nad ydynt yn rhai brys",
    "purpose": (
        "To test a new way of taking reports of crime by phone before we use it with real "
        "callers, and to hear whether it would serve victims better."
    ),
    "purpose_cy": (
        "Profi ffordd newydd o gymryd adroddiadau am drosedd dros y ffôn cyn i ni ei "
        "defnyddio gyda galwyr go iawn, a chlywed a fyddai'n well i ddioddefwyr."
    ),
    "involves": (
        "A call handler takes you through a made-up report, as if you were calling us. You "
        "do not talk about anything that happened to you. Afterwards we ask what worked and "
        "what did not."
    ),
    "involves_cy": (
        "Bydd un o'n staff yn eich tywys drwy adroddiad ffug, fel petaech chi'n ein ffonio. "
        "Fyddwch chi ddim yn siarad am unrhyw beth a ddigwyddodd i chi. Wedyn byddwn ni'n "
        "gofyn beth weithiodd a beth na weithiodd."
    ),
    "content_notes": "The made-up report is about a burglary. Nobody is hurt in it.",
    "content_notes_cy": "Mae'r adroddiad ffug am fyrgleriaeth. Does neb yn cael ei anafu.",
    "recognition": "£20 for your time",
}
CLOSED_SURVEY: dict[str, Any] = {
    "title": "Letters that explain a decision not to charge",
    "title_cy": "Llythyrau sy'n esbonio penderfyniad i beidio â chyhuddo",
    "what_to_learn": (
        "Whether our letters explaining a decision not to charge are clear, arrive at the "
        "right time, and say how to ask for a review."
    ),
    "purpose_cy": (
        "A yw ein llythyrau sy'n esbonio penderfyniad i beidio â chyhuddo yn glir, yn "
        "cyrraedd ar yr adeg iawn, ac yn dweud sut i ofyn am adolygiad."
    ),
    "involves": "An online survey of 5 questions about our letters. It takes about 10 minutes.",
    "involves_cy": "Arolwg ar-lein o 5 cwestiwn am ein llythyrau. Mae'n cymryd tua 10 munud.",
    "what_changed": (
        "We have rewritten the letter in plain English and Welsh. It now names a person to "
        "contact and says, near the top, how to ask for the decision to be reviewed. Where "
        "someone has said a call is safe, a prosecutor now rings before the letter is sent."
    ),
    "what_changed_cy": (
        "Rydyn ni wedi ailysgrifennu'r llythyr mewn Cymraeg a Saesneg clir. Mae bellach yn "
        "enwi person i gysylltu ag ef, ac yn dweud ar y dechrau sut i ofyn i'r penderfyniad "
        "gael ei adolygu. Lle mae rhywun wedi dweud bod galwad yn ddiogel, bydd erlynydd yn "
        "ffonio cyn anfon y llythyr."
    ),
}
WAITING_REQUEST: dict[str, Any] = {
    "title": "Support for witnesses on the day of a trial",
    "what_to_learn": (
        "What would make the day of a trial easier for victims who are witnesses: arriving, "
        "waiting, giving evidence and leaving."
    ),
    "kind": Kind.GROUP_DISCUSSION,
    "people_wanted": 8,
    "material_description": "A group discussion of about 90 minutes, online or in person.",
}
OVERDUE_REQUEST: dict[str, Any] = {
    "title": "Our new victim personal statement leaflet",
    "what_to_learn": "Whether the leaflet explains a victim personal statement clearly.",
    "kind": Kind.DOCUMENT_REVIEW,
    "people_wanted": 12,
    "material_description": "A 4-page leaflet (PDF), with comments on each section.",
}
DRAFT_INTERVIEW: dict[str, Any] = {
    "title": "Interview for a training film for call handlers",
    "title_cy": "Cyfweliad ar gyfer ffilm hyfforddi i'r rhai sy'n ateb galwadau",
    "purpose": "To show new call handlers what it is like to report a crime, in your words.",
    "involves": (
        "A recorded interview of about an hour with a member of the programme team. The film "
        "is shown only inside the force, to train call handlers."
    ),
    "content_notes": "You would be asked about calling the police after a crime.",
    "recording_used_for": "A training film for new call handlers about reporting a crime.",
    "recording_seen_by": (
        "Call handlers and their trainers inside the force. It is never shared outside."
    ),
}

# Answers to the surveys' questions.
UPDATE_CHANNELS = [
    ("Phone call", "Galwad ffôn"),
    ("Text message", "Neges destun"),
    ("Email", "E-bost"),
    ("Letter", "Llythyr"),
]
YES_NO = [("Yes", "Ie"), ("No", "Na"), ("Not sure", "Ddim yn siŵr")]
HELPED = [
    ("A phone call before the letter", "Galwad ffôn cyn y llythyr"),
    ("Plainer words", "Geiriau symlach"),
    ("Knowing how to ask for a review", "Gwybod sut i ofyn am adolygiad"),
    ("The letter in Welsh", "Y llythyr yn Gymraeg"),
    ("A named person to contact", "Enw person i gysylltu ag ef"),
]
OPEN_COMMENTS = (
    "Tell me before the news does. I found out about the arrest from a neighbour.",
    "A text saying an update is waiting, then a call at a time I choose.",
    "The officer, PC 4471, was kind but I had to chase every update myself.",
    "Please use plain words. I did not know what 'released under investigation' meant.",
    "Updates in Welsh please, as I asked at the start.",
    "Just keep to the dates you give. Waiting without hearing anything is the worst part.",
)
CLOSED_COMMENTS = (
    "The letter used words I did not understand. My neighbour Sian Evans had to explain it.",
    "Nobody rang first. I read it alone before work. Please call 07700 900123 before a "
    "letter like that.",
    "It would have helped to know I could ask for a review, and by when.",
    "Clear enough, but it came three weeks after I had been told on the phone.",
    "I would like the letter in Welsh as well as English.",
    "Say who to contact. I emailed jo.demo@example.org at the hub and heard nothing back.",
)
# What the people asked do, in turn: say yes and answer the survey ("answer"), say yes
# ("yes"), say no ("no"), or not answer ("").
CLOSED_ANSWERS = ("answer", "answer", "no", "answer", "", "answer", "no", "answer", "", "")
OPEN_ANSWERS = ("answer", "", "no", "answer", "yes", "", "answer", "no", "", "")
CALL_ANSWERS = ("yes", "yes", "no", "yes", "", "yes")
# Words the reviewer redacts by hand when the automatic pass missed them.
REVIEW_PHRASES = ("Sian Evans",)

ACCESS_NEEDS = (
    "Large print, please",
    "Step-free access",
    "A quiet room and breaks",
    "British Sign Language interpreter",
    "Easy read versions of documents",
)
EQUALITY_FIELDS = ("sex", "gender_identity", "ethnic_group", "sexual_orientation", "disability")
OTHER_LANGUAGES = ("pl", "ur", "bn", "ar", "ro", "pa", "so", "tr")
DISABILITY = [("limited_a_lot", 8), ("limited_a_little", 11), ("no", 81)]
SAFE_TIMES = (
    [{"days": [0, 1, 2, 3, 4], "from": "10:00", "to": "15:00"}],
    [{"days": [0, 2, 4], "from": "18:00", "to": "21:00"}],
    [{"days": [5, 6], "from": "09:00", "to": "12:00"}],
)


# Dates --------------------------------------------------------------------------------------


def _month_start(day: date, months: int = 0) -> date:
    """The first day of `day`'s month, moved by `months`."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


# Picking ------------------------------------------------------------------------------------


def _pick(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _census_pairs(field: str) -> list[tuple[str, float]]:
    """The category's answers weighted by the force area's Census shares."""
    return [(v.code, v.share) for v in census.values_for(field) if v.share]


def _optional(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    """An optional answer: some prefer not to say, some did not answer."""
    roll = rng.random()
    if roll < 0.05:
        return PREFER_NOT_TO_SAY
    if roll < 0.13 or not pairs:
        return ""
    return _pick(rng, pairs)


def _phone(n: int) -> str:
    # Ofcom's numbers for drama: 07700 900000 to 07700 900998 (900999 is Morgan Member's).
    return f"07700 900{n % 999:03d}"


def _email(first: str, last: str, n: int) -> str:
    local = ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (first, last))
    return f"{local}.{n}@example.org"


# The register -------------------------------------------------------------------------------


def _person(
    rng: random.Random, fake: Any, n: int, *, now: datetime, welsh_share: float
) -> dict[str, dict[str, Any]]:
    """One fictional person's Participant fields and safe contact fields."""
    first, last = fake.first_name(), fake.last_name()
    # Most gave an email address (and many a phone number too); some only a mobile number,
    # to be texted.
    text_only = n % 12 == 5
    email = "" if text_only else _email(first, last, n)
    phone = _phone(n) if text_only or rng.random() < 0.8 else ""
    # When they joined: in one of the last 18 months, never after now.
    month = _month_start(timezone.localdate(now), -rng.randrange(18))
    day = month + timedelta(days=rng.randrange(28))
    joined = min(_at(day, rng.randrange(8, 22), rng.randrange(60)), now - timedelta(hours=1))
    active = joined + (now - joined) * rng.random() * 0.5

    roll = rng.random()
    crime_kinds: list[str] = (
        [PREFER_NOT_TO_SAY]
        if roll < 0.05
        else []
        if roll < 0.12
        else sorted(set(rng.sample([code for code, _label in CRIME_KINDS], rng.randint(1, 3))))
    )
    languages = ["en"] if rng.random() < 0.95 else []
    welsh = n % 10 == 2 or rng.random() < welsh_share
    if welsh:
        languages.append("cy")
    if rng.random() < 0.08:
        languages.append(rng.choice(OTHER_LANGUAGES))
    if not welsh and rng.random() < 0.06:
        languages = []  # not answered
    formats = (
        []
        if rng.random() < 0.08
        else sorted(rng.sample(list(Format.values), rng.randint(1, len(Format.values))))
    )
    access_roll = rng.random()
    access = (
        rng.choice(ACCESS_NEEDS)
        if access_roll < 0.1
        else PREFER_NOT_TO_SAY
        if access_roll < 0.13
        else ""
    )
    may_email = bool(email)
    # A few agreed safe times; a few are taking a break.
    safe_times = SAFE_TIMES[n % len(SAFE_TIMES)] if may_email and n % 15 == 4 else None
    paused = n % 25 == 9
    fields: dict[str, Any] = {
        "status": ParticipantStatus.PAUSED if paused else ParticipantStatus.ACTIVE,
        "joined_by": JoinedBy.PUBLIC,
        "language": "cy" if welsh and (n % 20 == 2 or rng.random() < 0.5) else "en",
        "full_name": f"{first} {last}",
        "email": email,
        "phone": phone,
        "consent_version": CONSENT_VERSION,
        "consented_at": joined,
        "created_at": joined,
        "verified_at": joined,
        "joined_at": joined,
        "paused_at": active if paused else None,
        "last_active_at": active,
        "area": _optional(rng, _census_pairs("area") or [(c, 1) for c, _n in areas()]),
        "age_band": _optional(rng, _census_pairs("age_band")),
        "sex": _optional(rng, _census_pairs("sex")),
        "gender_identity": _optional(rng, _census_pairs("gender_identity")),
        "ethnic_group": _optional(rng, _census_pairs("ethnic_group")),
        "sexual_orientation": _optional(rng, _census_pairs("sexual_orientation")),
        "disability": _optional(rng, DISABILITY),
        "crime_kinds": crime_kinds,
        "languages": languages,
        "formats": formats,
        "access_needs": access,
    }
    if n % 20 == 7:
        # Some prefer not to say who they are; some answered none of the optional questions.
        fields.update(dict.fromkeys(EQUALITY_FIELDS, PREFER_NOT_TO_SAY))
    elif n % 20 == 13:
        fields.update({name: [] if name in LIST_FIELDS else "" for name in OPTIONAL_FIELDS})
    return {
        "participant": fields,
        "safe": {
            "may_email": may_email,
            "may_text": bool(phone) and (not email or rng.random() < 0.4),
            "may_phone": bool(phone) and rng.random() < 0.5,
            "may_voicemail": False,
            "may_letter": False,
            "safe_times": json.dumps(safe_times) if safe_times else "",
            "updated_at": joined,
        },
    }


def _register(*, rng: random.Random, count: int, now: datetime) -> list[Participant]:
    """Put `count` fictional people on the register, confirmed, each with a safe contact.

    Made in bulk, not through `participant_join`: that service sends each person a code to
    confirm their email address or phone number, which nobody would read here. The keyed
    hashes Participant.save and SafeContact.save would set are set here instead."""
    from faker import Faker

    from recruitment.models import contact_digest
    from safecontact.models import SafeContact, dump_windows, parse_windows

    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    welsh_share = 0.25 if settings.ENGAGEMENT_AREA == DYFED_POWYS else 0.03
    people = [_person(rng, fake, n, now=now, welsh_share=welsh_share) for n in range(count)]
    made = Participant.objects.bulk_create(
        Participant(
            **p["participant"],
            email_digest=contact_digest("email", p["participant"]["email"]),
            phone_digest=contact_digest("phone", p["participant"]["phone"]),
        )
        for p in people
    )
    SafeContact.objects.bulk_create(
        SafeContact(
            participant=participant,
            **{
                **p["safe"],
                "safe_times": dump_windows(parse_windows(p["safe"]["safe_times"])),
            },
        )
        for participant, p in zip(made, people, strict=True)
    )
    return made


# Surveys ------------------------------------------------------------------------------------


def _choices(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": en, "label_cy": cy} for en, cy in pairs]


def _open_survey_questions(*, admin: Any, opportunity: Opportunity) -> None:
    from engagement.services import question_create
    from engagement.services.questions import QuestionIn

    last = question_create(
        actor=admin,
        opportunity=opportunity,
        data=QuestionIn(
            kind=QuestionKind.SINGLE,
            text="How did we last give you an update about your case?",
            text_cy="Sut wnaethon ni roi'r wybodaeth ddiweddaraf i chi am eich achos y tro diwethaf?",
            choices=_choices(
                [*UPDATE_CHANNELS, ("I did not get an update", "Chefais i ddim diweddariad")]
            ),
            required=True,
        ),
    )
    question_create(
        actor=admin,
        opportunity=opportunity,
        data=QuestionIn(
            kind=QuestionKind.RATING,
            text="How useful was that update?",
            text_cy="Pa mor ddefnyddiol oedd y diweddariad hwnnw?",
            choices=_choices(
                [("Not useful", "Ddim yn ddefnyddiol"), ("Very useful", "Defnyddiol iawn")]
            ),
            scale=5,
            show_if=last,
            show_if_values=[
                c["value"] for c in last.choices if c["value"] != "i-did-not-get-an-update"
            ],
        ),
    )
    for data in (
        QuestionIn(
            kind=QuestionKind.MULTIPLE,
            text="How would you like us to update you?",
            text_cy="Sut hoffech chi i ni roi'r wybodaeth ddiweddaraf i chi?",
            hint="Select all that apply.",
            hint_cy="Dewiswch bob un sy'n berthnasol.",
            choices=_choices([*UPDATE_CHANNELS, ("In the online portal", "Yn y porth ar-lein")]),
        ),
        QuestionIn(
            kind=QuestionKind.SINGLE,
            text="Did the update come when we said it would?",
            text_cy="A ddaeth y diweddariad pan ddywedon ni y byddai'n dod?",
            choices=_choices(YES_NO),
        ),
        QuestionIn(
            kind=QuestionKind.TEXT,
            text="What would make our updates better?",
            text_cy="Beth fyddai'n gwneud ein diweddariadau yn well?",
        ),
    ):
        question_create(actor=admin, opportunity=opportunity, data=data)


def _closed_survey_questions(*, admin: Any, opportunity: Opportunity) -> None:
    from engagement.services import question_create
    from engagement.services.questions import QuestionIn

    first = question_create(
        actor=admin,
        opportunity=opportunity,
        data=QuestionIn(
            kind=QuestionKind.SINGLE,
            text="Have you had a letter from us explaining a decision not to charge someone?",
            text_cy=(
                "Ydych chi wedi cael llythyr gennym yn esbonio penderfyniad i beidio â "
                "chyhuddo rhywun?"
            ),
            choices=_choices(YES_NO),
            required=True,
        ),
    )
    question_create(
        actor=admin,
        opportunity=opportunity,
        data=QuestionIn(
            kind=QuestionKind.RATING,
            text="How clear was the letter?",
            text_cy="Pa mor glir oedd y llythyr?",
            choices=_choices(
                [("Not clear at all", "Ddim yn glir o gwbl"), ("Very clear", "Clir iawn")]
            ),
            scale=5,
            show_if=first,
            show_if_values=["yes"],
        ),
    )
    for data in (
        QuestionIn(
            kind=QuestionKind.MULTIPLE,
            text="What would have helped?",
            text_cy="Beth fyddai wedi helpu?",
            hint="Select all that apply.",
            hint_cy="Dewiswch bob un sy'n berthnasol.",
            choices=_choices(HELPED),
        ),
        QuestionIn(
            kind=QuestionKind.SINGLE,
            text="Would you know how to ask for the decision to be reviewed?",
            text_cy="Fyddech chi'n gwybod sut i ofyn i'r penderfyniad gael ei adolygu?",
            choices=_choices(YES_NO),
        ),
        QuestionIn(
            kind=QuestionKind.TEXT,
            text="Is there anything else you want to tell us about the letter?",
            text_cy="Oes unrhyw beth arall yr hoffech chi ei ddweud wrthym am y llythyr?",
        ),
    ):
        question_create(actor=admin, opportunity=opportunity, data=data)


def _answers(
    rng: random.Random, questions: list[SurveyQuestion], comments: tuple[str, ...]
) -> dict[str, Any]:
    """Someone's answers to a survey: a choice for each choice question (some skipped), a
    rating, and now and then a comment."""
    answers: dict[str, Any] = {}
    for question in questions:
        codes = [c["value"] for c in question.choices]
        if question.kind == QuestionKind.SINGLE:
            answers[question.key] = rng.choice(codes)
        elif question.kind == QuestionKind.MULTIPLE:
            if rng.random() < 0.85:
                answers[question.key] = rng.sample(codes, rng.randint(1, min(3, len(codes))))
        elif question.kind == QuestionKind.RATING:
            answers[question.key] = str(_pick(rng, [(1, 1), (2, 2), (3, 3), (4, 3), (5, 2)]))
        elif rng.random() < 0.5:
            answers[question.key] = rng.choice(comments)
    return answers


def _say(
    invitation: Invitation,
    *,
    yes: bool,
    at: datetime | None,
    actor: Any = None,
) -> Invitation:
    from engagement.services import invitation_accept, invitation_decline

    if yes:
        return invitation_accept(actor=actor, invitation=invitation, now=at)
    return invitation_decline(actor=actor, invitation=invitation, now=at)


def _answer(
    rng: random.Random,
    invitation: Invitation,
    questions: list[SurveyQuestion],
    comments: tuple[str, ...],
    *,
    answered_at: datetime | None = None,
) -> SurveyResponse:
    """Answer the survey through its service; `answered_at` writes it as the demo's history
    (the service dates an answer today)."""
    from engagement.services import survey_submit

    response = survey_submit(
        invitation=invitation,
        answers=_answers(rng, questions, comments),
        linked=rng.random() < 0.2,
        language=invitation.participant.language,
    )
    if answered_at is not None:
        day = timezone.localtime(answered_at).replace(hour=0, minute=0, second=0, microsecond=0)
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=day)
        Invitation.objects.filter(pk=invitation.pk).update(
            answered_at=answered_at, took_part_at=answered_at
        )
    return response


def _chosen(rng: random.Random, people: list[Participant], share: float) -> list[Participant]:
    return [p for p in people if rng.random() < share]


# The partner's requests ---------------------------------------------------------------------


def _requests(*, admin: Any, partner: Any, today: date, terms: Any) -> PartnerRequest:
    """A request waiting for a decision, one overdue, and one approved (returned)."""
    from engagement.services import request_decide, request_submit
    from engagement.services.requests import Decision

    earliest = rules.earliest_start(today, terms)
    request_submit(
        actor=partner,
        starts_on=earliest + timedelta(days=7),
        ends_on=earliest + timedelta(days=21),
        **WAITING_REQUEST,
    )
    overdue = request_submit(
        actor=partner,
        starts_on=earliest + timedelta(days=14),
        ends_on=earliest + timedelta(days=35),
        **OVERDUE_REQUEST,
    )
    # As if sent three weeks ago: its decision was due before today (the demo's history).
    sent_on = today - timedelta(days=21)
    PartnerRequest.objects.filter(pk=overdue.pk).update(
        submitted_at=_at(sent_on, 10, 15), decide_by=rules.decision_due(sent_on, terms)
    )

    approved = request_submit(
        actor=partner,
        title=CLOSED_SURVEY["title"],
        what_to_learn=CLOSED_SURVEY["what_to_learn"],
        kind=Kind.SURVEY,
        people_wanted=40,
        starts_on=earliest,
        ends_on=earliest + timedelta(days=28),
        material_description=CLOSED_SURVEY["involves"],
    )
    request_decide(actor=admin, request=approved, decision=Decision.APPROVE)
    # Its survey ran last month: the request was sent six weeks before, and approved two
    # working days after (the demo's history).
    starts_on = _month_start(today, -1)
    sent_on = starts_on - timedelta(days=42)
    PartnerRequest.objects.filter(pk=approved.pk).update(
        submitted_at=_at(sent_on, 9, 40),
        decide_by=rules.decision_due(sent_on, terms),
        decided_at=_at(add_working_days(sent_on, 2), 11, 5),
        starts_on=starts_on,
        ends_on=_month_start(today) - timedelta(days=1),
    )
    approved.refresh_from_db()
    return approved


# Opportunities ------------------------------------------------------------------------------


def _closed_survey(
    *,
    rng: random.Random,
    admin: Any,
    partner: Any,
    member: Any,
    morgan: Participant,
    request: PartnerRequest,
    people: list[Participant],
    now: datetime,
) -> Opportunity:
    """Last month's survey for the partner: asked, answered, closed, free text reviewed,
    results released, and what the partner changed."""
    from engagement.services import (
        OpportunityIn,
        invitation_send,
        opportunity_answers_anonymise,
        opportunity_close,
        opportunity_open,
        opportunity_update,
        results_release,
        what_changed_record,
    )
    from redaction.services import redaction_add, redaction_release

    today = timezone.localdate(now)
    opens_at = _at(_month_start(today, -1))
    closes_at = _at(_month_start(today))
    opportunity = Opportunity.objects.get(request=request)
    # Open until tomorrow while people answer (the answers service takes today's date);
    # closed at the start of this month once they have.
    data = replace(
        OpportunityIn.of(opportunity),
        title_cy=CLOSED_SURVEY["title_cy"],
        purpose_cy=CLOSED_SURVEY["purpose_cy"],
        involves_cy=CLOSED_SURVEY["involves_cy"],
        duration_minutes=10,
        opens_at=opens_at,
        closes_at=now + timedelta(days=1),
    )
    opportunity_update(actor=admin, opportunity=opportunity, data=data)
    _closed_survey_questions(admin=admin, opportunity=opportunity)
    opportunity_open(actor=admin, opportunity=opportunity)
    invited_at = opens_at + timedelta(days=2, hours=10)
    asked = [p for p in _chosen(rng, people, 0.3) if p.joined_at and p.joined_at < invited_at]
    invitation_send(
        actor=admin, opportunity=opportunity, participants=[*asked, morgan], now=invited_at
    )
    questions = list(SurveyQuestion.objects.filter(opportunity=opportunity).order_by("order"))
    for n, invitation in enumerate(
        Invitation.objects.filter(opportunity=opportunity)
        .select_related("participant", "opportunity")
        .order_by("pk")
    ):
        said_at = invited_at + timedelta(days=rng.randrange(1, 10), hours=rng.randrange(10))
        mine = invitation.participant_id == morgan.pk
        what = "answer" if mine else CLOSED_ANSWERS[n % len(CLOSED_ANSWERS)]
        if not what:
            continue  # no answer: never held against them
        _say(invitation, yes=what != "no", at=said_at, actor=member if mine else None)
        if what != "answer":
            continue
        invitation.refresh_from_db()
        _answer(
            rng,
            invitation,
            questions,
            CLOSED_COMMENTS,
            answered_at=said_at + timedelta(hours=rng.randrange(1, 30)),
        )
    opportunity_close(actor=admin, opportunity=opportunity, now=closes_at)
    opportunity.refresh_from_db()
    opportunity_update(
        actor=admin,
        opportunity=opportunity,
        data=replace(OpportunityIn.of(opportunity), closes_at=closes_at),
    )
    # The night it closed, its retention rule unlinked the answers people had linked.
    opportunity_answers_anonymise(opportunity=opportunity, now=closes_at)

    # A person reviewed every comment before release.
    for answer in SurveyAnswer.objects.filter(
        response__opportunity=opportunity, text__isnull=False
    ).select_related("text"):
        item = answer.text
        assert item is not None
        for phrase in REVIEW_PHRASES:
            if phrase in item.original:
                # Already redacted when the automatic pass found it.
                with suppress(ValidationError):
                    redaction_add(actor=admin, item=item, type="NAME", phrase=phrase)
        redaction_release(actor=admin, item=item)
    results_release(actor=admin, opportunity=opportunity)
    what_changed_record(
        actor=partner,
        opportunity=opportunity,
        what_changed=CLOSED_SURVEY["what_changed"],
        what_changed_cy=CLOSED_SURVEY["what_changed_cy"],
    )
    return opportunity


def _open_survey(
    *,
    rng: random.Random,
    admin: Any,
    force: str,
    morgan: Participant,
    people: list[Participant],
    now: datetime,
) -> Opportunity:
    """This month's survey, open: asked, some yes and answered, some no, Morgan invited."""
    from engagement.services import (
        OpportunityIn,
        invitation_send,
        opportunity_create,
        opportunity_open,
    )

    today = timezone.localdate(now)
    opportunity = opportunity_create(
        actor=admin,
        data=OpportunityIn(
            kind=Kind.SURVEY,
            asked_by=force,
            duration_minutes=10,
            places=100,
            payment_pence=1000,
            opens_at=_at(_month_start(today)),
            closes_at=_at(_month_start(today, 2)),
            **OPEN_SURVEY,
        ),
    )
    _open_survey_questions(admin=admin, opportunity=opportunity)
    opportunity_open(actor=admin, opportunity=opportunity)
    invitation_send(
        actor=admin,
        opportunity=opportunity,
        participants=[*_chosen(rng, people, 0.3), morgan],
    )
    questions = list(SurveyQuestion.objects.filter(opportunity=opportunity).order_by("order"))
    for n, invitation in enumerate(
        Invitation.objects.filter(opportunity=opportunity)
        .exclude(participant=morgan)
        .select_related("participant", "opportunity")
        .order_by("pk")
    ):
        what = OPEN_ANSWERS[n % len(OPEN_ANSWERS)]
        if not what:
            continue  # not answered yet
        _say(invitation, yes=what != "no", at=None)
        if what == "answer":
            invitation.refresh_from_db()
            _answer(rng, invitation, questions, OPEN_COMMENTS)
    return opportunity


def _call_testing(
    *, rng: random.Random, admin: Any, force: str, people: list[Participant], now: datetime
) -> Opportunity:
    """A call testing session, open: slots next month, a fair selection among those who said
    yes, confirmed places and one on a waiting list."""
    from engagement.selectors.eligibility import eligible_participants
    from engagement.services import (
        OpportunityIn,
        booking_details_record,
        booking_make,
        invitation_send,
        opportunity_create,
        opportunity_open,
        selection_run,
        slot_add,
    )

    today = timezone.localdate(now)
    opportunity = opportunity_create(
        actor=admin,
        data=OpportunityIn(
            kind=Kind.CALL_TESTING,
            asked_by=force,
            duration_minutes=45,
            places=6,
            reserves=2,
            payment_pence=2000,
            formats=[Format.PHONE, Format.ONLINE],
            sensitivity=Sensitivity.SENSITIVE,
            opens_at=_at(_month_start(today)),
            closes_at=_at(_month_start(today, 2)),
            **CALL_TESTING,
        ),
    )
    first = working_day_on_or_after(_month_start(today, 1) + timedelta(days=2))
    second = working_day_on_or_after(first + timedelta(days=2))
    slots = [
        slot_add(
            actor=admin,
            opportunity=opportunity,
            starts_at=_at(first, 10),
            ends_at=_at(first, 11),
            mode=SlotMode.PHONE,
            capacity=2,
        ),
        slot_add(
            actor=admin,
            opportunity=opportunity,
            starts_at=_at(first, 14),
            ends_at=_at(first, 15),
            mode=SlotMode.ONLINE,
            capacity=4,
            where="https://meet.example.org/call-testing-demo",
        ),
        slot_add(
            actor=admin,
            opportunity=opportunity,
            starts_at=_at(second, 18),
            ends_at=_at(second, 19),
            mode=SlotMode.PHONE,
            capacity=3,
        ),
    ]
    opportunity_open(actor=admin, opportunity=opportunity)
    eligible = set(eligible_participants(opportunity).values_list("pk", flat=True))
    candidates = [p for p in people if p.pk in eligible]
    asked = rng.sample(candidates, min(len(candidates), 24))
    invitation_send(actor=admin, opportunity=opportunity, participants=asked)
    for n, invitation in enumerate(
        Invitation.objects.filter(opportunity=opportunity)
        .select_related("participant", "opportunity")
        .order_by("pk")
    ):
        what = CALL_ANSWERS[n % len(CALL_ANSWERS)]
        if what:
            _say(invitation, yes=what != "no", at=None)

    # More said yes than there are places: a fair draw, its seed recorded.
    for categories in (["sex", "age_band"], ["sex"], []):
        try:
            selection_run(
                actor=admin, opportunity=opportunity, categories=categories, seed=SEED * 1000
            )
            break
        except RuleBroken:
            continue
    places = list(
        Invitation.objects.filter(
            opportunity=opportunity,
            status__in=(InvitationStatus.SELECTED, InvitationStatus.ACCEPTED),
        )
        .select_related("participant", "opportunity")
        .order_by("pk")
    )
    # The first phone slot fills up, and one more person waits for a place in it.
    plan = [slots[0]] * 3 + [slots[1]] * 2 + [slots[2]]
    for invitation, slot in zip(places, plan, strict=False):
        booking = booking_make(invitation=invitation, slot=slot)
        if booking.status == BookingStatus.CONFIRMED and slot.mode == SlotMode.PHONE:
            booking_details_record(
                invitation=invitation,
                booking=booking,
                phone=invitation.participant.phone or _phone(900 + invitation.pk),
            )
    return opportunity


def _draft_interview(*, admin: Any, force: str, now: datetime) -> Opportunity:
    """An interview for a training film, internal only, still being prepared."""
    from engagement.services import OpportunityIn, opportunity_create

    today = timezone.localdate(now)
    return opportunity_create(
        actor=admin,
        data=OpportunityIn(
            kind=Kind.INTERVIEW,
            asked_by=force,
            duration_minutes=60,
            places=3,
            payment_pence=5000,
            recognition="£50 for your time",
            sensitivity=Sensitivity.INTERNAL_ONLY,
            formats=[Format.IN_PERSON, Format.ONLINE],
            opens_at=_at(_month_start(today, 1)),
            closes_at=_at(_month_start(today, 2)),
            withdraw_until=_month_start(today, 3),
            **DRAFT_INTERVIEW,
        ),
    )


# The step -----------------------------------------------------------------------------------


def seed_engagement() -> str:
    from accounts.models import User
    from engagement.services import participant_join_from_forum, terms_on
    from victimvoice.personas import PERSONAS

    if Opportunity.objects.filter(title=OPEN_SURVEY["title"]).exists():
        return _summary()
    people_by_key = {p.key: User.objects.get(email=p.email) for p in PERSONAS}
    admin = people_by_key["programme_admin"]
    partner = people_by_key["partner_agency"]
    member = people_by_key["member"]
    force = FORCE_NAMES.get(settings.ENGAGEMENT_AREA, FORCE_NAMES["london"])
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    now = timezone.now()
    today = timezone.localdate(now)

    with transaction.atomic():
        people = _register(rng=rng, count=settings.ENGAGEMENT_DEMO_PARTICIPANTS, now=now)
        morgan = participant_of(member)
        if morgan is None:
            morgan = participant_join_from_forum(actor=member, user=member)
            # As if they joined two months ago, before last month's survey (the demo's history).
            joined = _at(_month_start(today, -2) + timedelta(days=3), 19, 20)
            Participant.objects.filter(pk=morgan.pk).update(
                created_at=joined, joined_at=joined, verified_at=joined, consented_at=joined
            )
            morgan.refresh_from_db()
        active = [p for p in people if p.status == ParticipantStatus.ACTIVE]
        approved = _requests(admin=admin, partner=partner, today=today, terms=terms_on(today))
        _closed_survey(
            rng=rng,
            admin=admin,
            partner=partner,
            member=member,
            morgan=morgan,
            request=approved,
            people=active,
            now=now,
        )
        _call_testing(rng=rng, admin=admin, force=force, people=active, now=now)
        _open_survey(rng=rng, admin=admin, force=force, morgan=morgan, people=active, now=now)
        _draft_interview(admin=admin, force=force, now=now)
    return _summary()


def _summary() -> str:
    on_register = Participant.objects.exclude(status=ParticipantStatus.LEFT).count()
    return (
        f"{on_register} people on the engagement register "
        f"({Opportunity.objects.count()} opportunities, "
        f"{PartnerRequest.objects.count()} partner requests)"
    )
