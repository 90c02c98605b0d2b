"""You said, we did: the members' portal view, the public page per force, and the
"You said, we did" agenda item (insights/services/yousaid.py, insights/selectors/yousaid.py,
docs/you-said-we-did.md)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from forums.models import AgendaItem, AgendaItemStatus, Forum, ProposerKind
from forums.services import membership_leave
from insights import services as insights_services
from insights.models import PolicePosition, ProgressUpdate, Recommendation, Theme
from insights.selectors import AGENDA_TITLE, member_you_said_we_did, public_you_said_we_did
from insights.services import you_said_we_did_agenda_refresh
from tests.portal.fixtures import forum_a, forum_b, join, meeting, member_place

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

# Queries of each page, however many recommendations and updates there are.
PORTAL_QUERIES = 11
PUBLIC_QUERIES = 5

ASK = "Tell every victim, in the first call, who will keep them informed and how."
WHY = "Members said they did not know who to call after reporting."
REASON_NO = "Call handlers already give a reference number; a named officer is not always known."


# Helpers (also used by tests/insights/test_you_said_we_did_digests.py) ----------------


def head_of_profession(p: dict[str, Any]) -> Any:
    insights_services.police_lead_profile_set(
        actor=None, user=p["police_lead"], position=PolicePosition.HEAD_OF_PROFESSION
    )
    return p["police_lead"]


def raise_recommendation(
    p: dict[str, Any],
    *,
    forum: Forum | None = None,
    title: str = "Say who will keep victims informed",
    themes: tuple[str, ...] = ("kept-informed",),
) -> Recommendation:
    """A recommendation of `forum` (forum A) raised from one confirmed point of a past
    meeting, by the programme team."""
    admin = p["programme_admin"]
    forum = forum or forum_a(p)
    past = meeting(p, days=-10, forum=forum)
    point = insights_services.point_record(
        actor=admin,
        meeting=past,
        agenda_item=None,
        kind="request",
        text="Nobody told us who would keep us informed after we reported.",
        themes=Theme.objects.filter(slug__in=themes),
    )
    point = insights_services.point_confirm(actor=admin, point=point)
    return insights_services.recommendation_raise(
        actor=admin, forum=forum, title=title, ask=ASK, why=WHY, points=[point]
    )


def respond(
    p: dict[str, Any],
    recommendation: Recommendation,
    *,
    decision: str = "accepted",
    reason: str = "",
    actions: str = "New call scripts from March.",
) -> Recommendation:
    insights_services.recommendation_respond(
        actor=head_of_profession(p),
        recommendation=recommendation,
        decision=decision,
        reason=reason,
        owner="Head of Contact Centre",
        actions=actions,
        target_date=None,
    )
    recommendation.refresh_from_db()
    return recommendation


def update(
    p: dict[str, Any], recommendation: Recommendation, *, kind: str = "update", text: str = ""
) -> ProgressUpdate:
    return insights_services.recommendation_update(
        actor=head_of_profession(p),
        recommendation=recommendation,
        kind=kind,
        text=text or "The new call script is being tested in two contact centres.",
    )


# The members' portal -------------------------------------------------------------------


def test_a_member_sees_each_recommendation_of_their_forum_with_the_answer_and_history(
    client_as, personas
) -> None:
    member_place(personas)
    yes = respond(personas, raise_recommendation(personas))
    update(personas, yes)
    update(personas, yes, kind="evidence", text="Victims surveyed in May knew who to call.")
    no = respond(
        personas,
        raise_recommendation(personas, title="Name an officer in every letter"),
        decision="not_accepted",
        reason=REASON_NO,
    )
    raise_recommendation(personas, title="Explain court dates in plain words")
    body = client_as("member").get(reverse("portal:what_happened")).content.decode()
    assert "Say who will keep victims informed" in body
    assert "The police said yes" in body and "govuk-tag--turquoise" in body
    assert ASK in body and WHY in body
    assert "New call scripts from March." in body
    assert "Head of Contact Centre" in body
    assert "The new call script is being tested in two contact centres." in body
    assert "Victims surveyed in May knew who to call." in body
    assert "What has changed" in body  # evidence of change, in words
    assert no.title in body and "The police said no" in body
    assert "Call handlers already give a reference number" in body  # the reason, as written
    assert "Waiting for the police" in body
    assert "Nothing to show yet" not in body


def test_a_member_sees_only_their_own_forums(client_as, personas) -> None:
    member_place(personas)
    respond(personas, raise_recommendation(personas, forum=forum_b(personas), title="Other one"))
    body = client_as("member").get(reverse("portal:what_happened")).content.decode()
    assert "Other one" not in body
    assert "Nothing to show yet" in body


def test_a_member_who_left_sees_nothing_of_the_forum(client_as, personas) -> None:
    fm = member_place(personas)
    respond(personas, raise_recommendation(personas))
    membership_leave(actor=personas["member"], forum_membership=fm)
    body = client_as("member").get(reverse("portal:what_happened")).content.decode()
    assert "Say who will keep victims informed" not in body
    assert member_you_said_we_did(user=personas["member"]) == []


def test_a_late_police_answer_is_shown_as_late(client_as, personas) -> None:
    member_place(personas)
    recommendation = raise_recommendation(personas)
    Recommendation.objects.filter(pk=recommendation.pk).update(
        response_due=recommendation.response_due.replace(year=2000)
    )
    body = client_as("member").get(reverse("portal:what_happened")).content.decode()
    assert "Police answer is late" in body and "govuk-tag--orange" in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("police_lead", 403),
        ("facilitator_forum_a", 403),
        ("programme_admin", 403),
        ("analyst", 403),
        ("anonymous", 302),
    ],
)
def test_only_members_open_what_happened(client_as, persona: str, status: int) -> None:
    assert client_as(persona).get(reverse("portal:what_happened")).status_code == status


def test_the_portal_view_makes_the_same_number_of_queries_with_more_recommendations(
    client_as, personas, django_assert_num_queries
) -> None:
    member_place(personas)
    respond(personas, raise_recommendation(personas))
    client = client_as("member")
    client.get(reverse("portal:what_happened"))
    with django_assert_num_queries(PORTAL_QUERIES):
        client.get(reverse("portal:what_happened"))
    for n in range(3):
        rec = respond(personas, raise_recommendation(personas, title=f"More {n}"))
        update(personas, rec)
        update(personas, rec, kind="done", text="Done everywhere.")
    with django_assert_num_queries(PORTAL_QUERIES):
        body = client.get(reverse("portal:what_happened")).content.decode()
    assert "More 2" in body and "Done everywhere." in body


# The public page ----------------------------------------------------------------------


@override_settings(SUPPRESSION_K=1)
def test_the_public_page_shows_answered_recommendations_by_theme(client, personas) -> None:
    member_place(personas)  # forum A has one active member: named when k is 1
    respond(personas, raise_recommendation(personas))
    respond(
        personas,
        raise_recommendation(personas, title="Name an officer", themes=("first-contact",)),
        decision="not_accepted",
        reason=REASON_NO,
    )
    raise_recommendation(personas, title="Still waiting for an answer")
    body = client.get(reverse("yousaid:public")).content.decode()
    assert "Say who will keep victims informed" in body
    assert "Name an officer" in body and "Call handlers already give a reference number" in body
    assert "Still waiting for an answer" not in body
    assert "Being kept informed" in body and "First contact" in body
    assert body.index("First contact") < body.index("Being kept informed")  # managed order
    assert f"From the {forum_a(personas).name}" in body
    assert "Exit this page" in body


def test_the_public_page_does_not_name_a_forum_with_fewer_than_k_active_members(
    client, personas
) -> None:
    member_place(personas)  # one active member, k is 5
    respond(personas, raise_recommendation(personas))
    body = client.get(reverse("yousaid:public")).content.decode()
    assert "Say who will keep victims informed" in body
    assert forum_a(personas).name not in body
    assert "From a forum" in body


@override_settings(SUPPRESSION_K=2)
def test_a_forum_is_named_once_it_has_k_active_members(client, personas) -> None:
    member_place(personas)
    join(personas, email="second.member@example.org")
    respond(personas, raise_recommendation(personas))
    body = client.get(reverse("yousaid:public")).content.decode()
    assert f"From the {forum_a(personas).name}" in body


def test_the_public_page_shows_no_member_data_and_redacts_free_text(client, personas) -> None:
    fm = member_place(personas)
    respond(
        personas,
        raise_recommendation(personas),
        decision="partly_accepted",
        reason="Ask Gary Oakes on 07700 900123 about the pilot.",
    )
    body = client.get(reverse("yousaid:public")).content.decode()
    assert "07700 900123" not in body and "Gary Oakes" not in body
    assert "about the pilot" in body
    application = fm.membership.application
    for personal in (application.full_name, application.email, personas["member"].email):
        assert personal not in body


def test_the_public_page_is_empty_before_any_answer(client, personas) -> None:
    raise_recommendation(personas)
    body = client.get(reverse("yousaid:public")).content.decode()
    assert "have not answered any recommendations yet" in body


def test_the_home_page_links_to_the_public_page(client) -> None:
    assert reverse("yousaid:public") in client.get(reverse("pages:home")).content.decode()


def test_the_public_page_makes_the_same_number_of_queries_with_more_recommendations(
    client, personas, django_assert_num_queries
) -> None:
    respond(personas, raise_recommendation(personas))
    with django_assert_num_queries(PUBLIC_QUERIES):
        client.get(reverse("yousaid:public"))
    for n in range(3):
        rec = respond(
            personas,
            raise_recommendation(personas, title=f"More {n}", themes=("training", "empathy-tone")),
        )
        update(personas, rec)
    respond(personas, raise_recommendation(personas, forum=forum_b(personas), title="B one"))
    with django_assert_num_queries(PUBLIC_QUERIES):
        body = client.get(reverse("yousaid:public")).content.decode()
    assert "More 2" in body and "B one" in body
    groups = [group.name for group in public_you_said_we_did()]
    assert groups == ["Being kept informed", "Empathy and tone"]  # each under its first theme


# The agenda item ----------------------------------------------------------------------


def _agenda_url(meeting_id: int) -> str:
    return reverse("insights:yousaid_agenda", args=[meeting_id])


def test_the_facilitator_puts_you_said_we_did_on_the_next_meeting(client_as, personas) -> None:
    yes = respond(personas, raise_recommendation(personas))
    update(personas, yes)
    respond(
        personas,
        raise_recommendation(personas, title="Name an officer"),
        decision="not_accepted",
        reason=REASON_NO,
    )
    past = meeting(personas, days=-3)
    later = meeting(personas, days=30)
    upcoming = meeting(personas, days=12)
    client = client_as("facilitator_forum_a")
    response = client.post(_agenda_url(past.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:meeting", args=[upcoming.pk])
    items = list(upcoming.agenda_items.filter(title=AGENDA_TITLE))
    assert len(items) == 1 and not later.agenda_items.exists()
    item = items[0]
    assert item.status == AgendaItemStatus.ACCEPTED
    assert "Say who will keep victims informed: The police said yes." in item.detail
    assert "Name an officer: The police said no." in item.detail
    assert "Call handlers already give a reference number" in item.detail
    assert "What has happened since:" in item.detail
    assert "Update: The new call script is being tested" in item.detail
    page = client.get(reverse("forums:meeting", args=[upcoming.pk])).content.decode()
    assert "Name an officer: The police said no." in page

    # Pressing again after a change refreshes the same item: never a second one.
    update(personas, yes, kind="done", text="Every call handler uses the new script.")
    client.post(_agenda_url(upcoming.pk))
    item.refresh_from_db()
    assert upcoming.agenda_items.filter(title=AGENDA_TITLE).count() == 1
    assert "Every call handler uses the new script." in item.detail
    assert "Say who will keep victims informed: Done." in item.detail


def test_an_existing_you_said_we_did_item_is_refreshed_not_duplicated(personas) -> None:
    respond(personas, raise_recommendation(personas))
    upcoming = meeting(personas, days=12)
    from forums.services import agenda_item_propose

    existing = agenda_item_propose(
        actor=personas["programme_admin"],
        meeting=upcoming,
        title=AGENDA_TITLE,
        detail="Updates from the police.",
    )
    item = you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas))
    assert item is not None and item.pk == existing.pk
    assert "Say who will keep victims informed" in item.detail
    assert upcoming.agenda_items.count() == 1


def test_the_daily_job_adds_the_item_as_the_oversight_body(personas) -> None:
    respond(personas, raise_recommendation(personas))
    upcoming = meeting(personas, days=12)
    item = you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas))
    assert item is not None and item.meeting_id == upcoming.pk
    assert item.proposer_kind == ProposerKind.OVERSIGHT
    assert item.status == AgendaItemStatus.ACCEPTED


def test_no_item_without_a_meeting_to_come_or_without_recommendations(personas) -> None:
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas)) is None
    meeting(personas, days=12, forum=forum_b(personas))
    assert you_said_we_did_agenda_refresh(actor=None, forum=forum_b(personas)) is None
    assert not AgendaItem.objects.filter(title=AGENDA_TITLE).exists()


def test_the_agenda_item_redacts_personal_details(personas) -> None:
    respond(
        personas,
        raise_recommendation(personas),
        decision="not_accepted",
        reason="Ask Gary Oakes on 07700 900123.",
    )
    meeting(personas, days=12)
    item = you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas))
    assert item is not None
    assert "07700 900123" not in item.detail and "Gary Oakes" not in item.detail


def test_the_button_tells_the_facilitator_when_there_is_no_meeting_to_come(
    client_as, personas
) -> None:
    respond(personas, raise_recommendation(personas))
    past = meeting(personas, days=-3)
    client = client_as("facilitator_forum_a")
    response = client.post(_agenda_url(past.pk), follow=True)
    assert "This forum has no meeting to come" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("facilitator_partner", 404),  # another forum's meeting
        ("member", 403),
        ("police_lead", 403),
        ("analyst", 403),
        ("anonymous", 302),
    ],
)
def test_the_agenda_button_refuses_everyone_else(
    client_as, personas, persona: str, status: int
) -> None:
    respond(personas, raise_recommendation(personas))
    upcoming = meeting(personas, days=12)
    response = client_as(persona).post(_agenda_url(upcoming.pk))
    assert response.status_code == status
    assert not upcoming.agenda_items.filter(title=AGENDA_TITLE).exists()


def test_the_agenda_button_only_takes_a_post(client_as, personas) -> None:
    upcoming = meeting(personas, days=12)
    assert client_as("facilitator_forum_a").get(_agenda_url(upcoming.pk)).status_code == 405


def test_the_meeting_page_shows_the_button_to_the_forum_team_only(client_as, personas) -> None:
    upcoming = meeting(personas, days=12)
    url = reverse("forums:meeting", args=[upcoming.pk])
    assert _agenda_url(upcoming.pk) in client_as("facilitator_forum_a").get(url).content.decode()
    forum = forum_a(personas)
    forum.police_representative = personas["police_lead"]
    forum.save(update_fields=["police_representative"])
    assert _agenda_url(upcoming.pk) not in client_as("police_lead").get(url).content.decode()


# Welsh --------------------------------------------------------------------------------


@pytest.fixture
def welsh_catalogue() -> Any:
    """The Welsh catalogue compiled, as `make test` does (and
    tests/project/test_language_switch.py)."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from django.utils.translation import trans_real

    folder = Path(__file__).resolve().parents[2] / "locale" / "cy" / "LC_MESSAGES"
    po_file, mo_file = folder / "django.po", folder / "django.mo"
    if not mo_file.exists() or mo_file.stat().st_mtime < po_file.stat().st_mtime:
        with po_file.open("rb") as fh:
            catalog = read_po(fh, locale="cy")
        with mo_file.open("wb") as fh:
            write_mo(fh, catalog)
        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]
    yield


def test_the_pages_are_in_welsh_for_a_welsh_reader(client, client_as, personas, welsh_catalogue):
    from django.conf import settings

    member_place(personas)
    respond(personas, raise_recommendation(personas), decision="not_accepted", reason=REASON_NO)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    body = client.get(reverse("yousaid:public")).content.decode()
    assert "Dywedoch chi, gwnaethom ni" in body and "Gan fforwm" in body
    assert "Dywedodd yr heddlu na" in body
    member = client_as("member")
    member.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    body = member.get(reverse("portal:what_happened")).content.decode()
    assert "Beth ddigwyddodd i&#39;r hyn a ddywedon ni" in body or "Beth ddigwyddodd i'r" in body
    assert "Rhesymau&#39;r heddlu" in body or "Rhesymau'r heddlu" in body


def test_refreshing_with_nothing_new_changes_nothing_and_audits_nothing(personas) -> None:
    from privacy.models import AuditEvent

    respond(personas, raise_recommendation(personas))
    meeting(personas, days=12)
    first = you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas))
    assert first is not None
    before = AuditEvent.objects.count()
    again = you_said_we_did_agenda_refresh(actor=None, forum=forum_a(personas))
    assert again is not None and again.pk == first.pk and again.detail == first.detail
    assert AuditEvent.objects.count() == before
