"""The engagement register end to end, in real Chromium with axe-core on every page visited
(issue 14's "done when"):

someone joins the register in Welsh on a phone (the public pages, the Welsh switch, a code
read from the product's outbox) → a partner agency submits a request inside the timeframe
(the first date read from the page) → the programme team approves it → the draft survey is
completed (eligibility that matches the people below, opening today), given three questions
(one free text) and opened, and the eligible participants are invited; nobody was sent an
invitation before the approval → the Welsh participant says yes and answers (a fictional
name and phone number in the free text), a second participant says no and is told that
saying no never counts against them → the team closes the survey, reviews the redacted free
text on the redaction pages and releases it, then releases the results → the partner reads
the results (counts, and the free text with the name and phone number hidden) and says what
they will change → the Welsh participant reads it in the portal's "you said, we did".

The second participant (who says no) and six more who say yes and answer are put on the
register through the product's services in `manage.py shell` (joining with the code from
the outbox), so that the results' counts reach the small-number threshold and show. No page
the partner sees holds a participant's name or email address.

Welsh: the pages are checked for `lang="cy"`, and their words against the Welsh catalogue
(`welsh(...)` reads locale/cy: an English string not yet translated is expected in English).
"""

from __future__ import annotations

import gettext
import json
import re
import uuid
from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import ROOT, Product
from tests.browser.test_desk_done_when import checked, new_page, sign_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Where the participants live, and what they said, so that only they are eligible.
AREA = "E09000001"  # City of London
CRIME = "criminal_damage"
EXTRAS = 6  # people who say yes and answer through the services, so that counts show
# The redaction engine finds the name and the phone number; the reviewer hides the farm.
FREE_TEXT = (
    "The letter was clear. My neighbour Rhiannon Bevan-Pritchard read it with me at "
    "Pengwern Farm. Call her on 07700 900123 if you need to."
)
PERSONAL = ("Rhiannon", "Bevan-Pritchard", "07700 900123", "Pengwern")
WHAT_CHANGED = "We will send the letter in plainer words, and in Welsh to everyone who asks."


def welsh(english: str) -> str:
    """The Welsh catalogue's words for `english` (the English until it is translated)."""
    catalogue = gettext.translation(
        "django", localedir=str(ROOT / "locale"), languages=["cy"], fallback=True
    )
    return catalogue.gettext(english)


def shell(product: Product, code: str) -> Any:
    """Run `code` in the product's `manage.py shell`; it prints one JSON value last."""
    lines = [line for line in product.manage("shell", "-c", code).splitlines() if line.strip()]
    return json.loads(lines[-1])


LATEST_MESSAGE = """
import json
from notify.models import Message, recipient_digest
found = Message.objects.filter(
    template={template!r}, recipient_digest=recipient_digest({recipient!r})
).order_by("-created_at", "-id").first()
print(json.dumps(None if found is None else {{"body": found.body, "language": found.language}}))
"""


def latest_message(product: Product, template: str, recipient: str) -> dict[str, str] | None:
    """The latest message of `template` to `recipient`, decrypted (found by the recipient's
    keyed hash, never by filtering on the encrypted address)."""
    found = shell(product, LATEST_MESSAGE.format(template=template, recipient=recipient))
    return dict(found) if found else None


def invitation_link(product: Product, email: str) -> str:
    message = latest_message(product, "engagement_invitation", email)
    assert message is not None, "no invitation was sent"
    match = re.search(r"https?://\S+/register/invitations/[^/\s]+/", message["body"])
    assert match, message["body"]
    return "/" + match.group(0).split("/", 3)[3]


# The second participant and the extras join through the services, each with the code
# the outbox holds for them, as the website's code page does.
JOIN = """
import json, re
from django.utils import timezone
from engagement.models import Participant
from engagement.services.participants import JoinAnswers, participant_join, participant_verify
from notify.models import Message, recipient_digest
people = {people!r}
for name, email, language in people:
    joined = participant_join(
        answers=JoinAnswers(
            full_name=name,
            email=email,
            safe={{"may_email": True}},
            answers={{"area": {area!r}, "crime_kinds": [{crime!r}], "languages": ["en"]}},
            consented_at=timezone.now(),
        ),
        language=language,
    )
    body = Message.objects.filter(
        template="engagement_join_code", recipient_digest=recipient_digest(email)
    ).latest("created_at", "id").body
    participant_verify(participant=joined, code=re.search(r"\\b\\d{{6}}\\b", body).group(0))
print(json.dumps(Participant.objects.filter(status="active").count()))
"""

# The extras say yes and answer: the choice questions with their first answer, the rating
# with 4, the free text left empty (it is optional).
EXTRAS_ANSWER = """
import json
from engagement.models import Invitation
from engagement.services.invitations import invitation_accept
from engagement.services.surveys import choice_options, survey_questions, survey_submit
from recruitment.models import contact_digest
answered = 0
for email in {emails!r}:
    invitation = Invitation.objects.select_related("opportunity").get(
        opportunity_id={opportunity},
        participant__email_digest=contact_digest("email", email),
    )
    invitation_accept(actor=None, invitation=invitation)
    answers = {{}}
    for question in survey_questions(invitation.opportunity):
        if question.kind == "rating":
            answers[question.key] = "4"
        elif question.kind in ("single", "multiple"):
            code = choice_options(question, "en")[0][0]
            answers[question.key] = [code] if question.kind == "multiple" else code
    survey_submit(invitation=invitation, answers=answers, linked=False)
    answered += 1
print(json.dumps(answered))
"""

INVITATIONS_SENT = """
import json
from notify.models import Message
print(json.dumps(Message.objects.filter(template="engagement_invitation").count()))
"""

FREE_TEXT_ITEM = """
import json
from engagement.models import SurveyAnswer
answer = SurveyAnswer.objects.filter(
    response__opportunity_id={opportunity}, text__isnull=False
).select_related("text").get()
print(json.dumps(answer.text_id))
"""


def continue_(page: Any) -> None:
    page.locator("main form button.govuk-button:not(.govuk-button--secondary)").first.click()
    page.wait_for_load_state()


def in_welsh(page: Any) -> None:
    checked(page, PHONE)
    assert page.locator("html").get_attribute("lang") == "cy", page.url


def join_in_welsh_on_a_phone(browser: Any, product: Product, name: str, email: str) -> Any:
    """Steps 1: the public sign-up in Welsh, one question per page; signed in afterwards."""
    page = new_page(browser, product, PHONE)
    page.goto("/register/")
    checked(page, PHONE)
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_load_state()
    in_welsh(page)
    assert page.locator("h1").inner_text() == welsh("Join the Victim Voice engagement register")
    page.locator("a.govuk-button--start").click()

    def step(slug: str, fill: Any, *, skip: bool = False) -> None:
        page.wait_for_url(re.compile(rf"/register/join/{slug}/$"))
        in_welsh(page)
        fill()
        if skip:
            page.locator("button[name=skip]").click()
            page.wait_for_load_state()
        else:
            continue_(page)

    def radio(value: str) -> Any:
        return lambda: page.locator(f"input[name=answer][value='{value}']").check()

    def boxes(*values: str) -> Any:
        def fill() -> None:
            for value in values:
                page.locator(f"input[name=answer][value='{value}']").check()

        return fill

    step("name", lambda: page.locator("input[name=full_name]").fill(name))
    # Nothing entered: the error summary, in Welsh, checked by axe too.
    page.wait_for_url(re.compile(r"/register/join/contact/$"))
    continue_(page)
    assert page.locator(".govuk-error-summary").is_visible()
    step("contact", lambda: page.locator("input[name=email]").fill(email))
    step("safe-contact", lambda: page.locator("input[name=channels][value=email]").check())
    step("age-band", radio("prefer_not_to_say"))
    step("sex", lambda: None, skip=True)
    step("gender-identity", lambda: None, skip=True)
    step("ethnic-group", radio("prefer_not_to_say"))
    step("sexual-orientation", lambda: None, skip=True)
    step("disability", lambda: None, skip=True)
    step("area", lambda: page.locator("select[name=answer]").select_option(AREA))
    step("crime-kinds", boxes(CRIME))
    step("languages", boxes("cy", "en"))
    step("formats", lambda: None, skip=True)
    step("access-needs", lambda: page.locator("textarea[name=access_needs]").fill("Print mawr"))
    step("consent", lambda: page.locator("input[name=agree]").check())

    page.wait_for_url(re.compile(r"/register/join/check-your-answers/$"))
    in_welsh(page)
    summary = page.locator("main").inner_text()
    assert name in summary and email in summary and "Print mawr" in summary
    continue_(page)

    page.wait_for_url(re.compile(r"/register/join/confirm-your-code/$"))
    in_welsh(page)
    assert page.locator("h1").inner_text() == welsh("Check your email")
    message = latest_message(product, "engagement_join_code", email)
    assert message is not None and message["language"] == "cy"
    code = re.search(r"\b\d{6}\b", message["body"])
    assert code, "no six-digit code in the message"
    page.locator("input[name=code]").fill(code.group(0))
    continue_(page)

    page.wait_for_url(re.compile(r"/register/join/joined/$"))
    in_welsh(page)
    assert welsh("You have joined the engagement register") in page.locator("main").inner_text()
    page.locator("main a.govuk-button[href='/portal/register/']").click()
    page.wait_for_url(re.compile(r"/portal/register/$"))
    in_welsh(page)
    assert name in page.locator("main").inner_text()
    return page


def test_the_engagement_register_done_when(browser: Any, product: Product) -> None:
    """On the session's product (today's clock: the first date is read from the page)."""
    run_the_journey(browser, product)


def run_the_journey(browser: Any, product: Product) -> None:
    suffix = uuid.uuid4().hex[:8]
    joiner = ("Gwenllian Prawf", f"gwenllian.{suffix}@example.org")
    decliner = ("Dafydd Enghraifft", f"dafydd.{suffix}@example.org")
    extras = [(f"Extra Person {n}", f"extra{n}.{suffix}@example.org") for n in range(EXTRAS)]

    # 1. Someone joins the register in Welsh on a phone; the others through the services.
    participant = join_in_welsh_on_a_phone(browser, product, *joiner)
    shell(
        product,
        JOIN.format(
            people=[(*decliner, "en"), *[(*extra, "en") for extra in extras]],
            area=AREA,
            crime=CRIME,
        ),
    )
    invitations_before = shell(product, INVITATIONS_SENT)

    # 2. A partner agency submits a request inside the timeframe.
    partner_pages: list[str] = []

    def partner_checked() -> None:
        checked(partner, DESKTOP)
        partner_pages.append(partner.content())

    partner = new_page(browser, product, DESKTOP)
    sign_in(partner, product, "partner_agency")
    partner_checked()
    assert "Coming soon" not in partner.content()
    partner.goto("/engagement/requests/new/")
    partner_checked()
    hint = partner.locator("#starts_on-hint").inner_text()
    day, month, year = re.search(r"(\d{1,2}) (\d{1,2}) (\d{4})", hint).groups()  # type: ignore[union-attr]
    first = date(int(year), int(month), int(day))
    title = f"How clear is our letter to victims? ({suffix})"
    partner.get_by_label("Title").fill(title)
    partner.get_by_label("What do you want to learn?").fill(
        "Whether victims understand the letter we send when a case is charged."
    )
    partner.locator("input[name=kind][value=survey]").check()
    partner.get_by_label("How many people do you want to hear from?").fill("12")
    for prefix, when in (("starts_on", first), ("ends_on", first)):
        partner.locator(f"input[name={prefix}-day]").fill(str(when.day))
        partner.locator(f"input[name={prefix}-month]").fill(str(when.month))
        partner.locator(f"input[name={prefix}-year]").fill(str(when.year))
    partner.get_by_label("What would people be asked to read, watch or do?").fill(
        "A short survey about our charging letter."
    )
    partner.get_by_role("button", name="Send the request").click()
    partner.wait_for_url(re.compile(r"/engagement/requests/\d+/$"))
    partner_checked()
    request_url = partner.url.split(product.url, 1)[1]
    request_page = partner.locator("main").inner_text()
    assert "Your request was sent" in request_page
    decide_by = re.search(r"will decide by (\d{1,2} \w+ \d{4})", request_page)
    assert decide_by, request_page
    assert "Status\tWaiting for a decision" in request_page, request_page
    assert f"Decision due by\t{decide_by.group(1)}" in request_page, request_page
    partner.goto("/dashboard/")
    partner_checked()
    row = partner.locator("main tr", has_text=title).inner_text()
    assert "Waiting for a decision" in row and f"Decision due by {decide_by.group(1)}" in row
    dashboard = partner.locator("main").inner_text()
    assert "Coming soon" not in dashboard

    # 3. The programme team approves it: nobody was invited before.
    assert shell(product, INVITATIONS_SENT) == invitations_before
    team = new_page(browser, product, DESKTOP)
    sign_in(team, product, "programme_admin")
    team.goto("/engagement/requests/")
    checked(team, DESKTOP)
    team.get_by_role("link", name=title).click()
    team.wait_for_url(re.compile(re.escape(request_url) + "$"))
    checked(team, DESKTOP)
    team.get_by_role("button", name="Decide on this request").click()
    checked(team, DESKTOP)
    team.locator("input[name=decision][value=approve]").check()
    team.get_by_role("button", name="Save the decision").click()
    team.wait_for_url(re.compile(re.escape(request_url) + "$"))
    checked(team, DESKTOP)
    assert "Approved" in team.locator("main").inner_text()
    team.get_by_role("link", name="Complete and open the opportunity").click()
    team.wait_for_url(re.compile(r"/engagement/opportunities/\d+/$"))
    checked(team, DESKTOP)
    opportunity_url = team.url.split(product.url, 1)[1]
    opportunity = int(re.search(r"/(\d+)/$", opportunity_url).group(1))  # type: ignore[union-attr]
    assert "Being prepared" in team.locator("main").inner_text()

    # 4. The team completes the survey, adds its questions, opens it and invites.
    today = date.fromisoformat(shell(product, LOCAL_TODAY))
    team.goto(f"{opportunity_url}edit/")
    checked(team, DESKTOP)
    team.locator(f"input[name=areas][value='{AREA}']").check()
    team.locator(f"input[name=crime_kinds][value={CRIME}]").check()
    team.locator("input[name=opens_on-day]").fill(str(today.day))
    team.locator("input[name=opens_on-month]").fill(str(today.month))
    team.locator("input[name=opens_on-year]").fill(str(today.year))
    team.get_by_label("Title in Welsh (optional)").fill("Pa mor glir yw ein llythyr?")
    team.get_by_role("button", name="Save the changes").click()
    team.wait_for_url(re.compile(re.escape(opportunity_url) + "$"))
    checked(team, DESKTOP)

    team.goto(f"{opportunity_url}questions/")
    checked(team, DESKTOP)
    for kind, text, extra in (
        ("single", "Was the letter clear?", {"choices": "Yes | Oedd\nNo | Nac oedd"}),
        ("rating", "How easy was it to read?", {"scale": "5"}),
        ("text", "What would make the letter better?", {}),
    ):
        team.goto(f"{opportunity_url}questions/new/")
        checked(team, DESKTOP)
        team.locator(f"input[name=kind][value={kind}]").check()
        team.locator("textarea[name=text]").fill(text)
        if "choices" in extra:
            team.locator("textarea[name=choices]").fill(extra["choices"])
        if "scale" in extra:
            team.locator("input[name=scale]").fill(extra["scale"])
        if kind != "text":
            team.locator("input[name=required][value=yes]").check()
        team.get_by_role("button", name="Save the question").click()
        team.wait_for_url(re.compile(re.escape(opportunity_url) + "questions/$"))
        checked(team, DESKTOP)
        assert text in team.locator("main").inner_text()

    team.goto(f"{opportunity_url}open/")
    checked(team, DESKTOP)
    team.get_by_role("button", name="Open it").click()
    team.wait_for_url(re.compile(re.escape(opportunity_url) + "$"))
    checked(team, DESKTOP)
    assert "The opportunity is open" in team.locator("main").inner_text()

    team.goto(f"{opportunity_url}invite/")
    checked(team, DESKTOP)
    # Ours, and any of the demo's register who happen to match.
    eligible = int(team.locator("main .govuk-\\!-font-size-36").inner_text())
    assert eligible >= 2 + EXTRAS
    team.get_by_role("button", name="Send the invitations").click()
    team.wait_for_url(re.compile(re.escape(opportunity_url) + "$"))
    checked(team, DESKTOP)
    assert f"{eligible} people invited" in team.locator("main").inner_text()
    assert shell(product, INVITATIONS_SENT) == invitations_before + eligible
    invitation = latest_message(product, "engagement_invitation", joiner[1])
    assert invitation is not None and invitation["language"] == "cy"

    # 5. The Welsh participant says yes and answers; the second says no.
    participant.goto(invitation_link(product, joiner[1]))
    in_welsh(participant)
    participant.locator("button[name=answer][value=yes]").click()
    participant.wait_for_load_state()
    in_welsh(participant)
    assert welsh("Thank you. You said yes.") in participant.locator("main").inner_text()
    participant.locator("main a[href$='/survey/']").click()
    participant.wait_for_url(re.compile(r"/survey/$"))
    in_welsh(participant)
    participant.locator("input[name=linked][value=no]").check()
    continue_(participant)
    for _page in range(5):
        participant.wait_for_load_state()
        if "/survey/done/" in participant.url:
            break
        in_welsh(participant)
        # The choice's first answer ("Yes", in Welsh), 4 on the scale, and the free text.
        form = participant.locator("main form")
        groups = form.locator("input[type=radio]").evaluate_all("els => els.map(e => e.name)")
        for group in dict.fromkeys(groups):
            scale = form.locator(f"input[name='{group}'][value='4']")
            (scale if scale.count() else form.locator(f"input[name='{group}']").first).check()
        if form.locator("textarea").count():
            form.locator("textarea").fill(FREE_TEXT)
        continue_(participant)
    participant.wait_for_url(re.compile(r"/survey/done/$"))
    in_welsh(participant)

    decline = new_page(browser, product, PHONE)
    decline.goto(invitation_link(product, decliner[1]))
    checked(decline, PHONE)
    decline.locator("button[name=answer][value=no]").click()
    decline.wait_for_load_state()
    checked(decline, PHONE)
    assert "Saying no never counts against you" in decline.locator("main").inner_text()

    assert (
        shell(
            product, EXTRAS_ANSWER.format(emails=[e for _n, e in extras], opportunity=opportunity)
        )
        == EXTRAS
    )

    # 6. The team closes it, reviews the free text and releases it, then the results.
    team.goto(f"{opportunity_url}close/")
    checked(team, DESKTOP)
    team.get_by_role("button", name="Close it").click()
    team.wait_for_url(re.compile(re.escape(opportunity_url) + "$"))
    checked(team, DESKTOP)
    item = shell(product, FREE_TEXT_ITEM.format(opportunity=opportunity))
    team.goto("/redaction/")
    checked(team, DESKTOP)
    team.locator(f"a[href='/redaction/{item}/']").click()
    team.wait_for_url(re.compile(rf"/redaction/{item}/$"))
    checked(team, DESKTOP)
    # The engine found the name and the number; the reviewer hides the farm too.
    found = team.locator("main table").last.inner_text()
    assert "Rhiannon Bevan-Pritchard" in found and "07700 900123" in found
    team.get_by_label("Words to redact").fill("Pengwern Farm")
    team.get_by_label("What they are").select_option("ADDRESS")
    team.get_by_role("button", name="Add redaction").click()
    team.wait_for_load_state()
    checked(team, DESKTOP)
    assert team.locator(".govuk-error-summary").count() == 0
    team.get_by_role("button", name="Continue to release").click()
    team.wait_for_url(re.compile(rf"/redaction/{item}/release/$"))
    checked(team, DESKTOP)
    released = team.locator("main").inner_text()
    assert "3 redactions" in released
    assert not any(words in released for words in PERSONAL)
    team.get_by_role("button", name="Release text").click()
    team.wait_for_url(re.compile(r"/redaction/$"))
    checked(team, DESKTOP)

    team.goto(f"{opportunity_url}results/release/")
    checked(team, DESKTOP)
    team.get_by_role("button", name="Release the results").click()
    team.wait_for_url(re.compile(re.escape(opportunity_url) + "results/$"))
    checked(team, DESKTOP)
    assert "The results are released" in team.locator("main").inner_text()

    partner.goto(f"{opportunity_url}results/")
    partner_checked()
    results = partner.locator("main").inner_text()
    # Counts at or over the threshold show: seven said "Yes" and gave 4.
    yes_row = partner.locator(
        "table tr", has=partner.locator("th, td", has_text=re.compile("^Yes$"))
    )
    assert re.search(r"\b7\b", yes_row.first.inner_text()), yes_row.first.inner_text()
    assert "People who took part\t7" in results or "People who took part 7" in results, results
    # The free text as reviewed: the sentence is there, the personal details are not.
    assert "The letter was clear. My neighbour [NAME] read it with me at" in results
    assert not any(words in results for words in PERSONAL)
    partner.goto(f"{opportunity_url}what-changed/")
    partner_checked()
    partner.locator("textarea[name=what_changed]").fill(WHAT_CHANGED)
    partner.get_by_role("button", name="Save", exact=True).click()
    partner.wait_for_url(re.compile(re.escape(opportunity_url) + "results/$"))
    partner_checked()
    people = [joiner, decliner, *extras]
    for content in partner_pages:
        for secret in [*(name for name, _email in people), *(email for _name, email in people)]:
            assert secret not in content

    # 7. The participant reads it in the portal, in Welsh.
    participant.goto("/portal/register/you-said-we-did/")
    in_welsh(participant)
    said = participant.locator("main").inner_text()
    assert WHAT_CHANGED in said
    assert "Pa mor glir yw ein llythyr?" in said


LOCAL_TODAY = """
import json
from django.utils import timezone
print(json.dumps(timezone.localdate().isoformat()))
"""
