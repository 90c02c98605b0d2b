"""Police review: who sees which recommendation, the response (a reason for anything short of
accepted: form, service and database), progress to done, overdue flags, the Head of
Profession's overview and the daily overdue summary."""

from datetime import datetime, time, timedelta
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from insights import selectors, services
from insights.models import (
    PoliceLeadProfile,
    PolicePosition,
    PoliceResponse,
    Recommendation,
    RecommendationStatus,
)
from lib.rules import RuleBroken
from lib.scheduler import job_names, job_task
from notify.models import Message
from privacy.models import AuditEvent
from tests.conftest import CheckedClient, sign_in
from tests.insights.access import POINT_WORDS, make_area, make_recommendation

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def police_lead(email: str, position: str | None = None) -> User:
    """Another police lead (not a persona): a professional lead unless `position` says."""
    user = User.objects.create_user(email, "not-used-1234", full_name="Inspector Pat Lead")
    RoleAssignment.objects.create(user=user, role=Role.POLICE_LEAD)
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    if position:
        PoliceLeadProfile.objects.create(user=user, position=position)
    return user


def as_user(user: User) -> CheckedClient:
    return sign_in(CheckedClient(), user)  # type: ignore[return-value]


def respond(user: User, recommendation: Recommendation, decision: str, reason: str = "") -> Any:
    return services.recommendation_respond(
        actor=user,
        recommendation=recommendation,
        decision=decision,
        reason=reason,
        owner="Head of Contact Centre",
        actions="Change the first letter.",
        target_date=timezone.localdate() + timedelta(days=30),
    )


def days_ago_at_noon(days: int) -> datetime:
    """Noon (London time) `days` days ago: ages in days do not depend on the hour."""
    day = timezone.localdate() - timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


def overdue(recommendation: Recommendation, days: int = 3) -> Recommendation:
    Recommendation.objects.filter(pk=recommendation.pk).update(
        raised_at=days_ago_at_noon(42 + days),
        response_due=timezone.localdate() - timedelta(days=days),
    )
    recommendation.refresh_from_db()
    return recommendation


# Who sees what ----------------------------------------------------------------------------


def test_the_police_lead_persona_is_head_of_profession(personas: dict[str, Any]) -> None:
    assert personas["police_lead"].police_lead_profile.position == PolicePosition.HEAD_OF_PROFESSION


def test_a_professional_lead_sees_only_the_recommendations_of_their_areas(
    personas: dict[str, Any],
) -> None:
    lead = police_lead("pro.lead@example.org")
    theirs = make_recommendation(personas, area=make_area(personas, leads=[lead]))
    other = make_recommendation(personas)
    lro = police_lead("lro@example.org", PolicePosition.LEAD_RESPONSIBLE_OFFICER)
    no_profile = police_lead("new.lead@example.org")
    assert list(selectors.recommendation_list(viewer=lead)) == [theirs]
    assert set(selectors.recommendation_list(viewer=lro)) == {theirs, other}
    assert set(selectors.recommendation_list(viewer=personas["police_lead"])) == {theirs, other}
    assert list(selectors.recommendation_list(viewer=no_profile)) == []
    client = as_user(lead)
    assert client.get(reverse("insights:recommendation", args=[theirs.pk])).status_code == 200
    assert client.get(reverse("insights:recommendation", args=[other.pk])).status_code == 404
    assert (
        client.get(reverse("insights:recommendation_respond", args=[other.pk])).status_code == 404
    )
    listing = client.get(reverse("insights:recommendations")).content.decode()
    assert reverse("insights:recommendation", args=[theirs.pk]) in listing
    assert reverse("insights:recommendation", args=[other.pk]) not in listing
    # The overview is for those who see everything.
    assert client.get(reverse("insights:overview")).status_code == 403
    assert as_user(lro).get(reverse("insights:overview")).status_code == 200
    with pytest.raises(PermissionDenied):
        respond(lead, other, "accepted")


@pytest.mark.parametrize("key", ["facilitator_forum_a", "member", "analyst", "panel_police"])
def test_other_roles_cannot_see_recommendations(
    client_as: Any, personas: dict[str, Any], key: str
) -> None:
    recommendation = make_recommendation(personas)
    client = client_as(key)
    assert (
        client.get(reverse("insights:recommendation", args=[recommendation.pk])).status_code == 403
    )
    assert client.get(reverse("insights:recommendations")).status_code == 403


def test_the_recommendation_page_shows_released_words_and_no_names(
    client_as: Any, personas: dict[str, Any]
) -> None:
    recommendation = make_recommendation(personas)
    html = (
        client_as("police_lead")
        .get(reverse("insights:recommendation", args=[recommendation.pk]))
        .content.decode()
    )
    assert POINT_WORDS.replace("'", "&#39;") in html
    for person in ("facilitator_forum_a", "programme_admin"):
        assert personas[person].full_name not in html
        assert personas[person].email not in html


# The response ------------------------------------------------------------------------------


def test_a_response_short_of_accepted_needs_a_reason_on_the_form(
    client_as: Any, personas: dict[str, Any]
) -> None:
    recommendation = make_recommendation(personas)
    client = client_as("police_lead")
    url = reverse("insights:recommendation_respond", args=[recommendation.pk])
    assert client.get(url).status_code == 200
    for decision in ("partly_accepted", "not_accepted"):
        page = client.post(url, {"decision": decision, "reason": "  ", "owner": "Head of Unit"})
        assert page.status_code == 200
        assert "Give the reason the recommendation is not fully accepted" in page.content.decode()
    assert not PoliceResponse.objects.exists()
    done = client.post(
        url,
        {
            "decision": "partly_accepted",
            "reason": "Officers work shifts.",
            "owner": "Head of Contact Centre",
            "actions": "Give the team's number.",
            "target_date-day": "1",
            "target_date-month": "3",
            "target_date-year": "2027",
        },
    )
    assert done["Location"] == reverse("insights:recommendation", args=[recommendation.pk])
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.PARTLY_ACCEPTED
    assert recommendation.response.reason == "Officers work shifts."
    assert recommendation.response.target_date.isoformat() == "2027-03-01"
    assert recommendation.response.responded_by == personas["police_lead"]


def test_the_service_refuses_a_missing_reason_and_a_second_response(
    personas: dict[str, Any],
) -> None:
    recommendation = make_recommendation(personas)
    with pytest.raises(RuleBroken, match="reason"):
        respond(personas["police_lead"], recommendation, "not_accepted", reason=" ")
    respond(personas["police_lead"], recommendation, "accepted")
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.ACCEPTED
    with pytest.raises(RuleBroken):
        respond(personas["police_lead"], recommendation, "accepted")
    with pytest.raises(PermissionDenied):
        respond(personas["programme_admin"], make_recommendation(personas), "accepted")


def test_the_database_refuses_a_response_short_of_accepted_without_a_reason(
    personas: dict[str, Any],
) -> None:
    recommendation = make_recommendation(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        PoliceResponse.objects.create(
            recommendation=recommendation, decision="not_accepted", reason=""
        )
    PoliceResponse.objects.create(recommendation=recommendation, decision="accepted", reason="")


def test_progress_updates_evidence_and_done(client_as: Any, personas: dict[str, Any]) -> None:
    recommendation = make_recommendation(personas)
    client = client_as("police_lead")
    url = reverse("insights:recommendation_progress", args=[recommendation.pk])
    # No progress before a response.
    assert client.get(url).status_code == 302
    with pytest.raises(RuleBroken):
        services.recommendation_update(
            actor=personas["police_lead"], recommendation=recommendation, kind="update", text="x"
        )
    respond(personas["police_lead"], recommendation, "accepted")
    assert client.get(url).status_code == 200
    assert "Enter what has happened" in client.post(url, {"kind": "update"}).content.decode()
    client.post(url, {"kind": "update", "text": "Letters changed."})
    client.post(url, {"kind": "evidence", "text": "188 of 200 letters checked."})
    client.post(url, {"kind": "done", "text": "Done everywhere."})
    recommendation.refresh_from_db()
    assert recommendation.status == RecommendationStatus.DONE
    assert [u.kind for u in selectors.recommendation_history(recommendation)] == [
        "update",
        "evidence",
        "done",
    ]
    page = client.get(reverse("insights:recommendation", args=[recommendation.pk])).content
    assert "188 of 200 letters checked." in page.decode()
    assert client.get(url).status_code == 302  # nothing more once done
    notes = list(
        AuditEvent.objects.filter(
            object_type="insights.recommendation", object_id=str(recommendation.pk)
        ).values_list("note", flat=True)
    )
    assert "police response: accepted" in notes
    assert {"progress: update", "progress: evidence", "progress: done"} <= set(notes)


def test_a_not_accepted_recommendation_has_no_progress(personas: dict[str, Any]) -> None:
    recommendation = make_recommendation(personas)
    respond(personas["police_lead"], recommendation, "not_accepted", reason="Not lawful.")
    recommendation.refresh_from_db()
    with pytest.raises(RuleBroken):
        services.recommendation_update(
            actor=personas["police_lead"], recommendation=recommendation, kind="update", text="x"
        )


def test_updated_at_moves_with_each_response_and_update(personas: dict[str, Any]) -> None:
    recommendation = make_recommendation(personas)
    Recommendation.objects.filter(pk=recommendation.pk).update(
        updated_at=timezone.now() - timedelta(days=5)
    )
    before = Recommendation.objects.get(pk=recommendation.pk).updated_at
    respond(personas["police_lead"], recommendation, "accepted")
    assert Recommendation.objects.get(pk=recommendation.pk).updated_at > before


# Overdue -----------------------------------------------------------------------------------


def test_overdue_recommendations_are_flagged_on_every_list(
    client_as: Any, personas: dict[str, Any]
) -> None:
    late = overdue(make_recommendation(personas))
    fresh = make_recommendation(personas)
    answered = overdue(make_recommendation(personas))
    respond(personas["police_lead"], answered, "accepted")
    answered.refresh_from_db()
    assert late.is_overdue and not fresh.is_overdue and not answered.is_overdue
    assert list(selectors.overdue_recommendations()) == [late]
    for key in ("police_lead", "programme_admin"):
        for name in ("insights:recommendations", "insights:overview"):
            html = client_as(key).get(reverse(name)).content.decode()
            assert html.count("govuk-tag--red") == 1, (key, name)
    detail = client_as("police_lead").get(reverse("insights:recommendation", args=[late.pk]))
    assert "govuk-tag--red" in detail.content.decode()


def test_the_overview_puts_overdue_first_shows_age_and_filters(
    client_as: Any, personas: dict[str, Any]
) -> None:
    from forums.models import Forum

    area = make_area(personas)
    old = make_recommendation(personas, area=area)
    Recommendation.objects.filter(pk=old.pk).update(raised_at=days_ago_at_noon(30))
    late = overdue(make_recommendation(personas))
    newest = make_recommendation(personas)
    rows = selectors.recommendation_overview(viewer=personas["police_lead"])
    assert [r.pk for r in rows] == [late.pk, old.pk, newest.pk]
    assert rows[0].age_days == 45 and rows[1].age_days == 30
    client = client_as("police_lead")
    html = client.get(reverse("insights:overview")).content.decode()
    assert html.index(reverse("insights:recommendation", args=[late.pk])) < html.index(
        reverse("insights:recommendation", args=[old.pk])
    )
    filtered = client.get(reverse("insights:overview") + f"?area={area.pk}").content.decode()
    assert reverse("insights:recommendation", args=[old.pk]) in filtered
    assert reverse("insights:recommendation", args=[late.pk]) not in filtered
    only_late = client.get(reverse("insights:overview") + "?status=overdue").content.decode()
    assert reverse("insights:recommendation", args=[late.pk]) in only_late
    assert reverse("insights:recommendation", args=[newest.pk]) not in only_late
    other_forum = Forum.objects.exclude(pk=old.forum_id).first()
    assert other_forum is not None
    none = client.get(reverse("insights:overview") + f"?forum={other_forum.pk}").content.decode()
    assert "No recommendations here." in none
    # Unknown filter values are ignored rather than failing.
    assert client.get(reverse("insights:overview") + "?status=nonsense&forum=x").status_code == 200


def test_the_overview_and_list_make_the_same_number_of_queries_with_more_recommendations(
    client_as: Any, personas: dict[str, Any], django_assert_num_queries: Any
) -> None:
    make_recommendation(personas)
    client = client_as("police_lead")
    for name, count in (
        ("insights:overview", OVERVIEW_QUERIES),
        ("insights:recommendations", LIST_QUERIES),
    ):
        client.get(reverse(name))
        with django_assert_num_queries(count):
            client.get(reverse(name))
    for _ in range(3):
        recommendation = overdue(make_recommendation(personas, area=make_area(personas)))
    respond(personas["police_lead"], recommendation, "accepted")
    for name, count in (
        ("insights:overview", OVERVIEW_QUERIES),
        ("insights:recommendations", LIST_QUERIES),
    ):
        with django_assert_num_queries(count):
            assert client.get(reverse(name)).status_code == 200


# Session, user (with the session record update), roles, MFA and the police lead's position;
# the recommendations with forum, area and response; the forums and areas to filter by.
OVERVIEW_QUERIES = 14
LIST_QUERIES = 14


# The daily summary to the Head of Profession ----------------------------------------------


def test_the_daily_job_emails_the_head_of_profession_counts_and_a_link_only(
    personas: dict[str, Any],
) -> None:
    assert "daily_overdue_recommendations" in job_names()
    task = job_task("daily_overdue_recommendations")
    assert services.overdue_summary_send() == 0  # nothing overdue: no email
    recommendation = overdue(make_recommendation(personas), days=1)
    overdue(make_recommendation(personas), days=9)
    police_lead("pro.lead@example.org")  # a professional lead gets no summary
    before = Message.objects.count()
    assert task.call() == 1
    messages = list(Message.objects.order_by("pk")[before:])
    assert len(messages) == 1
    message = messages[0]
    assert message.template == "recommendations_overdue_summary"
    assert message.recipient == personas["police_lead"].email
    assert "2 recommendations" in message.body and "(1 became overdue" in message.body
    assert recommendation.forum.name in message.body
    assert "/insights/overview/?status=overdue" in message.body
    assert POINT_WORDS not in message.body and recommendation.title not in message.body
    assert recommendation.ask not in message.body


# Positions (programme admins) -------------------------------------------------------------


def test_programme_admins_set_a_police_leads_position(
    client_as: Any, personas: dict[str, Any]
) -> None:
    lead = police_lead("pro.lead@example.org")
    other = make_recommendation(personas)
    assert list(selectors.recommendation_list(viewer=lead)) == []
    client = client_as("programme_admin")
    listing = client.get(reverse("insights:police_leads")).content.decode()
    assert "Inspector Pat Lead" in listing and "Head of Profession for Victim Care" in listing
    url = reverse("insights:police_lead_edit", args=[lead.pk])
    assert "Select the position" in client.post(url, {}).content.decode()
    client.post(url, {"position": "lead_responsible_officer"})
    lead = User.objects.get(pk=lead.pk)
    position = PoliceLeadProfile.objects.get(user=lead).position
    assert position == PolicePosition.LEAD_RESPONSIBLE_OFFICER
    assert list(selectors.recommendation_list(viewer=lead)) == [other]
    assert AuditEvent.objects.filter(
        object_type="insights.policeleadprofile", note="police position"
    ).exists()
    # Only police leads have a position; only programme admins set them.
    assert (
        client.get(reverse("insights:police_lead_edit", args=[personas["analyst"].pk])).status_code
        == 404
    )
    assert client_as("police_lead").get(url).status_code == 403
