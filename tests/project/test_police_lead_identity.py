"""No police, analyst, officer, partner or desk persona reaches a member's or an
applicant's identity by any URL.

The cast is the demo's (victimvoice/cast.py): the police lead represents the police in every
forum, the member persona is a member and co-chair of forum A. With demo data present (the
demo forums with named members who have email addresses and phone numbers, applications at
every stage, the feedback loop demo, and feedback points whose ORIGINAL words name a member
and give their phone number), every URL the persona matrix declares that each of these
personas may open (tests/project/access_all.DECLARATIONS, with the same kwargs builders) is
fetched, plus every recommendation page and every meeting of the forums the police lead
represents. No page may contain a member's or applicant's name, email address or phone
number, or the original words of any point.
"""

import re
from io import BytesIO
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from forums.demo import seed_forums
from forums.models import ForumMembership, Meeting
from insights.demo import seed_insights
from insights.models import FeedbackPoint, Recommendation
from portal.demo import seed_member_portal
from recruitment.demo import seed_applications, seed_applications_at_every_stage
from recruitment.models import Application
from tests.access import expected_outcome
from tests.insights.access import forum_a, make_point, make_recommendation, past_meeting
from tests.project.access_all import DECLARATIONS

pytestmark = pytest.mark.django_db

# The personas that must never see who a member, an applicant or a victim is.
NEVER_SEE_IDENTITIES = [
    "police_lead",
    "analyst",
    "officer",
    "partner_agency",
    "desk_agent",
    "desk_supervisor",
]


def _urls_for(persona: str) -> list[str]:
    return sorted(
        key
        for key, declared in DECLARATIONS.items()
        if not declared.not_a_page
        and not key.startswith("route:")
        and expected_outcome(declared, persona) == 200
    )


def _identities() -> list[str]:
    """Every applicant's and member's name, email address and phone number (as given and
    without spaces)."""
    found: set[str] = set()
    for application in Application.objects.all():
        for value in (application.full_name, application.email, application.phone):
            if value and len(value.strip()) > 4:
                found.add(value.strip())
                found.add("".join(value.split()))
    for fm in ForumMembership.objects.select_related("user"):
        if fm.user is not None:
            found.update({fm.user.full_name, fm.user.email})
    return sorted(v for v in found if v)


def _text_of(response: Any) -> str:
    """The words of a response: a PDF's extracted text, or the page itself."""
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
    else:
        body = response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(BytesIO(body))
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        except PyPdfError:  # a placeholder file made by a test builder, not a real PDF
            return body.decode(errors="ignore")
    return body.decode(errors="ignore")


def _unreleased_originals() -> list[str]:
    """The original words of every point that differ from what was released (all of them
    for a point never confirmed)."""
    return [
        _unescape(p.text.original)
        for p in FeedbackPoint.objects.select_related("text")
        if not p.text.is_released or p.text.released != p.text.original
    ]


def _unescape(html: str) -> str:
    import html as html_lib

    return html_lib.unescape(re.sub(r"\s+", " ", html))


def test_no_url_a_police_analyst_officer_partner_or_desk_persona_may_open_shows_an_identity(
    client_as: Any, personas: dict[str, Any]
) -> None:
    seed_applications()
    seed_applications_at_every_stage()
    seed_forums()
    seed_member_portal()
    seed_insights()
    forum = forum_a(personas)
    assert forum.police_representative == personas["police_lead"], "the demo's cast"
    assert forum.co_chairs.filter(pk=personas["member"].pk).exists(), "the demo's cast"
    members = list(
        ForumMembership.objects.filter(forum=forum).select_related("membership__application")
    )
    assert len(members) >= 3
    named = [m.membership.application for m in members if m.membership.application.phone][:2]
    assert named, "the demo members need phone numbers for this test to mean something"
    # Points whose original words name a member and give their phone number: one confirmed
    # (the redacted words are shown), one never confirmed (nothing may be shown).
    meeting = past_meeting(personas)
    confirmed = make_point(
        personas,
        meeting=meeting,
        text=f"{named[0].full_name} said to ring her on {named[0].phone} about the case.",
        confirm=True,
    )
    make_recommendation(personas, points=[confirmed])
    unconfirmed = make_point(
        personas,
        meeting=meeting,
        text=f"Unconfirmed words: {named[-1].full_name} on {named[-1].phone} was upset.",
    )
    assert any(unconfirmed.text.original == o for o in _unreleased_originals())
    identities = _identities()
    assert named[0].full_name in identities and any("@" in v for v in identities)
    assert Application.objects.count() > ForumMembership.objects.count(), "applicants too"

    leaks: list[str] = []
    reached: dict[str, int] = {}
    for persona in NEVER_SEE_IDENTITIES:
        client = client_as(persona)
        targets: list[tuple[str, Any]] = [
            (key, DECLARATIONS[key].kwargs) for key in _urls_for(persona)
        ]
        if persona == "police_lead":
            assert {"insights:overview", "insights:recommendation"} <= {k for k, _ in targets}
            targets += [
                ("insights:recommendation", lambda p, pk=pk: {"recommendation_id": pk})
                for pk in Recommendation.objects.values_list("pk", flat=True)
            ]
            # Every meeting of every forum the police lead represents, past and to come.
            represented = Meeting.objects.filter(
                forum__police_representative=personas["police_lead"]
            ).values_list("pk", flat=True)
            targets += [
                (key, lambda p, pk=pk: {"meeting_id": pk})
                for pk in represented
                for key in ("forums:meeting", "forums:meeting_ics")
            ]
        reached[persona] = len(targets)
        for key, build in targets:
            savepoint = transaction.savepoint()
            try:
                url = reverse(key, kwargs=build(personas) if build else None)
                response = client.get(url)
                assert response.status_code == 200, f"{url} as {persona}"
                text = _unescape(_text_of(response))
                originals = _unreleased_originals()
            finally:
                transaction.savepoint_rollback(savepoint)
            leaks += [f"{url} as {persona} shows {v!r}" for v in identities if v in text]
            leaks += [
                f"{url} as {persona} shows a point's original words" for o in originals if o in text
            ]
    assert all(reached.values()), reached
    assert not leaks, "\n".join(leaks)
