"""Every page a victim, applicant, member or register participant reads is in plain
English: its main text measures Flesch-Kincaid grade 5 or less (reading age about 10), and
the rights and feedback pages grade 4 or less (docs/content-style.md; how the text is
measured: tests/content/readability.py).

Each test walks a journey as its person would, with the demo's cast, and measures every
page on the way; a failure lists every page over its target, with its grade."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from engagement.journey import STEPS as JOIN_STEPS
from notify.models import Message
from recruitment.journey import STEPS as APPLY_STEPS
from tests.content.readability import grade, main_text
from tests.engagement.test_invitations import invitation_with_token
from tests.engagement.test_joining import ANSWERS as JOIN_ANSWERS
from tests.feedback.form_helpers import _answers, _open_form, _token
from tests.recruitment.journey import ANSWERS as APPLY_ANSWERS
from tests.recruitment.journey import CHECK_URL as APPLY_CHECK_URL
from tests.recruitment.journey import answer_until as apply_answer_until
from tests.recruitment.journey import step_url as apply_step_url
from tests.recruitment.staff import make_application

pytestmark = pytest.mark.django_db

PAGE = 5.0  # every victim-facing page
RIGHTS_AND_FEEDBACK = 4.0  # the rights pages and the feedback form


class Pages:
    """The pages met on a journey, each with its grade target."""

    def __init__(self) -> None:
        self.measured: list[tuple[str, float, float, int]] = []

    def read(self, name: str, response: Any, target: float = PAGE) -> Any:
        assert response.status_code == 200, (name, response.status_code)
        text = main_text(response.content)
        assert len(text.split()) >= 3, (name, "no main text")
        self.measured.append((name, grade(response.content), target, len(text.split())))
        return response

    def check(self) -> None:
        over = [
            f"{name}: grade {measured:.1f} (target {target:.0f}, {count} words)"
            for name, measured, target, count in self.measured
            if measured > target
        ]
        assert not over, "Pages harder to read than their target:\n" + "\n".join(over)


@pytest.fixture
def pages() -> Any:
    found = Pages()
    yield found
    found.check()


def test_the_public_pages(client: Any, pages: Pages) -> None:
    for url in ("/", "/feedback-on-this-service"):
        pages.read(url, client.get(url))
    pages.read("/you-said-we-did/", client.get(reverse("yousaid:public")))


def test_the_privacy_pages(client: Any, pages: Pages) -> None:
    """The privacy notice, the accessibility statement and the cookies page (every page
    links to them)."""
    for url in ("/privacy", "/accessibility", "/cookies"):
        pages.read(url, client.get(url))


def test_the_rights_pages(client: Any, pages: Pages) -> None:
    index = pages.read("rights", client.get(reverse("directory:rights")), RIGHTS_AND_FEEDBACK)
    links = sorted(set(re.findall(r'href="(/your-rights/[a-z0-9-]+/)"', index.content.decode())))
    assert len(links) >= 12  # the Victims' Code's twelve rights
    for url in links:
        pages.read(url, client.get(url), RIGHTS_AND_FEEDBACK)


def test_the_support_directory(client: Any, pages: Pages) -> None:
    from directory.demo import seed_directory

    seed_directory()  # the demo's services: their descriptions are read on these pages
    index = pages.read("support", client.get(reverse("directory:services")))
    links = sorted(set(re.findall(r'href="(/support/[a-z0-9-]+/)"', index.content.decode())))
    assert len(links) >= 20
    for url in links:
        if url != "/support/leaflets/":  # the officers' page that prints leaflets
            pages.read(url, client.get(url))
    search = reverse("directory:services")
    pages.read("support: a search", client.get(search + "?q=court&borough=lambeth"))
    pages.read("support: no results", client.get(search + "?q=zzzz"))


def test_the_feedback_form(client: Any, pages: Pages, personas: Any) -> None:
    from tests.feedback.access import officer_code  # the officer persona's own QR code

    pages.read("give feedback", client.get(reverse("feedback:start")), RIGHTS_AND_FEEDBACK)
    code = officer_code(personas["officer"])
    page = pages.read("questions", _open_form(client, code), RIGHTS_AND_FEEDBACK)
    sent = client.post(reverse("feedback:questions"), _answers(_token(page)))
    pages.read("about you", client.get(sent["Location"]), RIGHTS_AND_FEEDBACK)
    pages.read("thanks", client.get(reverse("feedback:thanks")), RIGHTS_AND_FEEDBACK)


@override_settings(RECRUITMENT_MIN_SECONDS_TO_APPLY=0)
def test_applying_to_join_a_forum(client: Any, pages: Pages) -> None:
    pages.read("apply start", client.get(reverse("recruitment_public:start")))
    for step in APPLY_STEPS:
        page = client.get(apply_step_url(step.slug))
        if page.status_code == 302:  # a step these answers skip
            continue
        pages.read(f"apply {step.slug}", page)
        sent = client.post(apply_step_url(step.slug), APPLY_ANSWERS[step.slug])
        assert sent.status_code == 302, step.slug
    check = pages.read("apply check", client.get(APPLY_CHECK_URL))
    token = check.content.decode().split('name="token" value="')[1].split('"')[0]
    sent = client.post(APPLY_CHECK_URL, {"token": token, "website": ""})
    pages.read("apply sent", client.get(sent["Location"]))


@override_settings(RECRUITMENT_MIN_SECONDS_TO_APPLY=0)
def test_stopping_or_withdrawing_an_application(client: Any, pages: Pages) -> None:
    """The pages met when an application ends: not eligible (for each reason), the question
    asked before answers are deleted, and the link to withdraw sent with the receipt."""
    for slug, answer in (
        ("age", {"answer": "no"}),
        ("area", {"area": ["none"]}),
        ("victim", {"answer": "no"}),
        ("pnc-check", {"answer": "no"}),
        ("agreement", {"answer": "no"}),
    ):
        apply_answer_until(client, stop=slug)
        sent = client.post(apply_step_url(slug), answer)
        if sent["Location"] == reverse("recruitment_public:stop"):  # late: asked first
            pages.read(f"apply stop ({slug})", client.get(sent["Location"]))
            sent = client.post(sent["Location"], {"answer": "stop"})
        pages.read(f"apply not eligible ({slug})", client.get(sent["Location"]))

    make_application(email="robin.plain@example.org")
    receipt = Message.objects.filter(template="application_received").latest("pk")
    found = re.search(r"/apply/withdraw/(\S+)", receipt.body)
    assert found is not None
    token = found.group(1)
    link = reverse("recruitment_public:withdraw", args=[token])
    pages.read("apply withdraw", client.get(link))
    withdrawn = client.post(link)
    pages.read("apply withdrawn", client.get(withdrawn["Location"]))
    assert client.get(link).status_code == 404  # the link works once


def test_joining_the_engagement_register(client: Any, pages: Pages) -> None:
    from tests.engagement.test_joining import send, sent_code

    pages.read("register start", client.get(reverse("engagement:join_start")))
    for step in JOIN_STEPS:
        url = reverse("engagement:join_step", args=[step.slug])
        pages.read(f"join {step.slug}", client.get(url))
        sent = client.post(url, JOIN_ANSWERS[step.slug])
        assert sent.status_code == 302, step.slug
    pages.read("join check", client.get(reverse("engagement:join_check")))
    code_page = send(client)["Location"]
    pages.read("join code", client.get(code_page))
    done = client.post(reverse("engagement:join_code"), {"code": sent_code()})
    pages.read("joined", client.get(done["Location"]))


def test_the_member_portal(client_as: Any, pages: Pages, personas: Any) -> None:
    from tests.portal.fixtures import claim, meeting
    from tests.portal.test_portal_pages import _published_meeting

    member = client_as("member")
    pages.read("portal before a forum", member.get(reverse("portal:home")))
    coming = _published_meeting(personas)  # makes them a member of forum A
    past = meeting(personas, days=-2)
    claim(personas)
    for name in (
        "portal:home",
        "portal:your_data",
        "portal:erasure",
        "portal:what_happened",
        "portal:step_back",
        "expenses:mine",
        "expenses:claim_new",
    ):
        pages.read(name, member.get(reverse(name)))
    pages.read("a meeting to come", member.get(reverse("portal:meeting", args=[coming.pk])))
    pages.read("propose an item", member.get(reverse("portal:propose", args=[coming.pk])))
    pages.read("a past meeting", member.get(reverse("portal:meeting", args=[past.pk])))
    member.post(reverse("portal:check_in", args=[past.pk]))
    pages.read("a call asked for", member.get(reverse("portal:meeting", args=[past.pk])))


def test_a_participants_place_on_the_register(client_as: Any, pages: Pages, personas: Any) -> None:
    from tests.engagement.test_portal_register import on_register

    member = client_as("member")
    pages.read("join from the portal", member.get(reverse("engagement:portal_join")))
    person = on_register(personas["member"], email="morgan@example.org")
    invitation_with_token(person)
    pages.read("portal on the register", member.get(reverse("portal:home")))
    pages.read("register page", member.get(reverse("engagement:portal_home")))
    for field in ("name", "contact", "safe-contact", "age-band", "crime-kinds", "languages"):
        url = reverse("engagement:portal_change", args=[field])
        pages.read(f"change {field}", member.get(url))
    for name in ("portal_erase_answers", "portal_pause", "portal_leave", "my_invitations"):
        pages.read(name, member.get(reverse(f"engagement:{name}")))
    pages.read("you said, we did", member.get(reverse("engagement:you_said")))


def test_a_register_participants_invitation(client: Any, pages: Pages) -> None:
    _, token = invitation_with_token()
    url = reverse("engagement:invitation", args=[token])
    pages.read("invitation", client.get(url))
    client.post(url, {"answer": "yes"})
    pages.read("invitation: said yes", client.get(url))
    _, token = invitation_with_token()
    url = reverse("engagement:invitation", args=[token])
    client.post(url, {"answer": "no"})
    pages.read("invitation: said no", client.get(url))


def test_a_survey(client: Any, pages: Pages) -> None:
    from tests.engagement.test_surveys import survey_invitation, survey_with_questions

    _, token = survey_invitation(survey_with_questions())
    start = reverse("engagement:survey_answer", args=[token])
    pages.read("survey start", client.get(start))
    client.post(start, {"linked": "no"})
    first = reverse("engagement:survey_step", args=[token, 1])
    pages.read("survey page 1", client.get(first))
    pages.read("survey page 1, not answered", client.post(first, {}))
    client.post(first, {"q1": "no"})
    second = reverse("engagement:survey_step", args=[token, 2])
    pages.read("survey page 2", client.get(second))
    client.post(second, {"q2": "A phone call", "q3": "4", "q4": ["letter"]})
    pages.read("survey done", client.get(reverse("engagement:survey_done", args=[token])))


def test_booking_a_time_and_consent_to_be_recorded(client: Any, pages: Pages) -> None:
    from tests.engagement.test_booking import add_slot, invite, session
    from tests.engagement.test_interview_consent import consent_link

    opportunity = session()
    slot = add_slot(opportunity)
    _, token = invite(opportunity)
    pages.read("book a time", client.get(reverse("engagement:book", args=[token])))
    client.post(reverse("engagement:book", args=[token]), {"slot": slot.pk})
    pages.read("booked", client.get(reverse("engagement:invitation", args=[token])))
    pages.read("booking details", client.get(reverse("engagement:booking_details", args=[token])))
    pages.read("cancel a booking", client.get(reverse("engagement:booking_cancel", args=[token])))

    token = consent_link()["token"]
    url = reverse("engagement:interview_consent", args=[token])
    pages.read("consent to be recorded", client.get(url))
    token = consent_link(agreed=True)["token"]
    url = reverse("engagement:interview_consent_withdraw", args=[token])
    pages.read("take back consent", client.get(url))


def test_material_to_review(client: Any, pages: Pages) -> None:
    from tests.engagement.test_material import material_link

    link = material_link()
    pages.read("a video to review", client.get(reverse("engagement:material_view", kwargs=link)))


def test_the_question_whether_to_stay(client: Any, pages: Pages) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from engagement.models import Participant
    from engagement.services.housekeeping import participant_stay_ask_due
    from notify.models import Message
    from tests.engagement.factories import participant

    person = participant()
    long_ago = timezone.now() - timedelta(days=800)
    Participant.objects.filter(pk=person.pk).update(last_active_at=long_ago)
    with override_settings(ENGAGEMENT_INACTIVE_DAYS=730):
        participant_stay_ask_due()
    body = Message.objects.get(template="engagement_stay_question").body
    token = body.split("/register/stay/", 1)[1].split("/", 1)[0]
    url = reverse("engagement:stay", args=[token])
    pages.read("stay or leave", client.get(url))
    pages.read("staying", client.post(url, {"stay": "yes"}))
