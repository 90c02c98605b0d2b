"""Every email and text message a victim, applicant, forum member or register participant
receives is in plain English: each measures Flesch-Kincaid grade 5 or less (reading age
about 10), as their pages do (docs/content-style.md).

A message is measured as a person reads it: its subject and each line of its body taken as
a sentence of its own (a line with no full stop, such as "Your code is:" or a date, is still
one idea), with the sample personalisation the catalogue keeps for its tests. A web address
is read as a link, not spelt out, so it counts as the one word "link"; a long address would
otherwise count as dozens of syllables and measure nothing about the words around it.

Staff-only messages are left out; so is "generic", whose words are written elsewhere."""

from __future__ import annotations

import re

import pytest
import textstat

from notify.messages import CATALOGUE, ENGLISH, message_render

TARGET = 5.0
# Sent to staff and partner organisations, never to a victim, applicant, member or
# participant.
STAFF_ONLY = {
    "staff_invitation",
    "recommendations_overdue_summary",
    "desk_referral",
    "engagement_request_decided",
    "engagement_results_released",
    "engagement_what_changed_reminder",
}
PASS_THROUGH = {"generic"}  # text written elsewhere, sent as it is
FOR_PEOPLE = sorted(set(CATALOGUE) - STAFF_ONLY - PASS_THROUGH)

WEB_ADDRESS = re.compile(r"https?://\S+")
ENDS_A_SENTENCE = re.compile(r"[.!?:;]$")


def plain_text(*parts: str) -> str:
    """The message as sentences: every non-empty line one sentence, web addresses as links."""
    sentences = []
    for part in parts:
        for line in part.splitlines():
            line = " ".join(WEB_ADDRESS.sub("link", line).split())
            if re.search(r"[^\W\d_]", line):  # some letters, not only a number or a code
                sentences.append(line if ENDS_A_SENTENCE.search(line) else f"{line}.")
    return " ".join(sentences)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def test_the_messages_left_out_are_in_the_catalogue() -> None:
    """A staff message renamed or removed must not leave a stale name here."""
    assert (STAFF_ONLY | PASS_THROUGH).issubset(CATALOGUE)
    assert len(FOR_PEOPLE) >= 25


def test_a_long_sentence_measures_over_the_target() -> None:
    """The measure can fail: a sentence written the old way grades well over 5."""
    text = plain_text(
        "Applicants must consent to a Police National Computer check, which may take up to "
        "six weeks to complete, prior to their application being considered by the panel."
    )
    assert grade(text) > TARGET
    assert plain_text("Open this link:\nhttps://example.org/a/very/long/path") == (
        "Open this link: link."
    )


@pytest.mark.parametrize("template", FOR_PEOPLE)
def test_every_message_to_people_is_plain_english(template: str) -> None:
    entry = CATALOGUE[template]
    email = message_render(template=template, personalisation=entry.sample, language=ENGLISH)
    sms = message_render(
        template=template, personalisation=entry.sample, language=ENGLISH, sms=True
    )
    measured = {
        "email": grade(plain_text(email.subject, email.body)),
        "text message": grade(plain_text(sms.body)),
    }
    over = {kind: round(value, 1) for kind, value in measured.items() if value > TARGET}
    assert not over, f"{template}: harder to read than grade {TARGET:.0f}: {over}"
