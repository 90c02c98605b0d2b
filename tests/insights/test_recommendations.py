"""Recommendations: the programme team raises them from confirmed points (of one or more
meetings of a forum), chooses the owner area, and manages themes and owner areas."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from insights import services
from insights.models import OwnerArea, Recommendation, RecommendationStatus, Theme
from lib.rules import RuleBroken
from privacy.models import AuditEvent
from tests.insights.access import forum_a, make_area, make_point, make_recommendation, past_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _raise_form(points: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "points": [str(p.pk) for p in points],
        "title": "Tell victims who their officer is",
        "ask": "Name a contact role for every case.",
        "why": "Members did not know whom to call.",
        "owner_area": "",
        **extra,
    }


def test_an_admin_raises_a_recommendation_from_points_of_two_meetings(
    client_as: Any, personas: dict[str, Any]
) -> None:
    first = make_point(personas, meeting=past_meeting(personas, days_ago=50), confirm=True)
    second = make_point(personas, meeting=past_meeting(personas, days_ago=8), confirm=True)
    area = make_area(personas)
    client = client_as("programme_admin")
    url = reverse("insights:recommendation_new", args=[first.forum_id])
    page = client.get(url).content.decode()
    assert first.reference in page and second.reference in page
    response = client.post(url, _raise_form([first, second], owner_area=str(area.pk)))
    recommendation = Recommendation.objects.get()
    assert response["Location"] == reverse("insights:recommendation", args=[recommendation.pk])
    assert set(recommendation.points.all()) == {first, second}
    assert recommendation.owner_area == area
    assert recommendation.status == RecommendationStatus.AWAITING_RESPONSE
    assert recommendation.raised_by == personas["programme_admin"]
    assert recommendation.response_due == timezone.localdate() + timedelta(days=42)
    assert AuditEvent.objects.filter(
        object_type="insights.recommendation",
        object_id=str(recommendation.pk),
        note="recommendation raised from 2 points",
    ).exists()


@override_settings(RECOMMENDATION_RESPONSE_DAYS=10)
def test_the_response_is_due_after_the_days_in_the_setting(personas: dict[str, Any]) -> None:
    recommendation = make_recommendation(personas)
    assert recommendation.response_due == timezone.localdate() + timedelta(days=10)


def test_unconfirmed_points_and_points_of_another_forum_are_refused(
    personas: dict[str, Any],
) -> None:
    from forums.models import Forum

    unconfirmed = make_point(personas)
    with pytest.raises(RuleBroken, match="confirmed"):
        make_recommendation(personas, points=[unconfirmed])
    confirmed = make_point(personas, confirm=True)
    other = Forum.objects.exclude(pk=confirmed.forum_id).first()
    assert other is not None
    with pytest.raises(RuleBroken, match="this forum"):
        services.recommendation_raise(
            actor=personas["programme_admin"],
            forum=other,
            title="t",
            ask="a",
            why="w",
            points=[confirmed],
        )
    with pytest.raises(RuleBroken, match="at least one"):
        services.recommendation_raise(
            actor=personas["programme_admin"],
            forum=confirmed.forum,
            title="t",
            ask="a",
            why="w",
            points=[],
        )


def test_the_raise_form_shows_errors_and_offers_only_confirmed_points(
    client_as: Any, personas: dict[str, Any]
) -> None:
    unconfirmed = make_point(personas)
    confirmed = make_point(personas, confirm=True)
    client = client_as("programme_admin")
    url = reverse("insights:recommendation_new", args=[confirmed.forum_id])
    page = client.get(url).content.decode()
    assert confirmed.reference in page and unconfirmed.reference not in page
    bad = client.post(url, _raise_form([], title="", ask="", why=""))
    assert bad.status_code == 200
    html = bad.content.decode()
    for message in ("Select at least one feedback point", "Enter a title", "Enter why"):
        assert message in html
    forged = client.post(url, _raise_form([unconfirmed]))
    assert forged.status_code == 200
    assert not Recommendation.objects.exists()


def test_only_programme_admins_raise_and_choose_areas(
    client_as: Any, personas: dict[str, Any]
) -> None:
    recommendation = make_recommendation(personas)
    for key in ("facilitator_forum_a", "police_lead", "member"):
        client = client_as(key)
        assert (
            client.get(reverse("insights:recommendation_new", args=[forum_a(personas).pk]))
        ).status_code == 403
        assert (
            client.get(reverse("insights:recommendation_area", args=[recommendation.pk]))
        ).status_code == 403
    with pytest.raises(PermissionDenied):
        services.recommendation_raise(
            actor=personas["facilitator_forum_a"],
            forum=recommendation.forum,
            title="t",
            ask="a",
            why="w",
            points=list(recommendation.points.all()),
        )


def test_the_programme_team_chooses_the_owner_area(
    client_as: Any, personas: dict[str, Any]
) -> None:
    recommendation = make_recommendation(personas)
    area = make_area(personas)
    client = client_as("programme_admin")
    url = reverse("insights:recommendation_area", args=[recommendation.pk])
    assert client.post(url, {"owner_area": ""}).status_code == 200
    client.post(url, {"owner_area": str(area.pk)})
    recommendation.refresh_from_db()
    assert recommendation.owner_area == area
    assert AuditEvent.objects.filter(
        object_id=str(recommendation.pk), note="owner area chosen"
    ).exists()


def test_programme_admins_add_rename_and_retire_themes(
    client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("programme_admin")
    assert client.get(reverse("insights:themes")).status_code == 200
    client.post(reverse("insights:theme_new"), {"name": "Online harms", "name_cy": "Niwed ar-lein"})
    theme = Theme.objects.get(name="Online harms")
    assert theme.slug == "online-harms" and theme.active
    client.post(
        reverse("insights:theme_edit", args=[theme.pk]),
        {"name": "Online abuse", "name_cy": "Camdriniaeth ar-lein"},
    )
    theme.refresh_from_db()
    assert theme.name == "Online abuse" and not theme.active  # the box was not ticked
    meeting = past_meeting(personas)
    form = client_as("facilitator_forum_a").get(reverse("insights:point_new", args=[meeting.pk]))
    assert "Online abuse" not in form.content.decode()
    assert (
        AuditEvent.objects.filter(object_type="insights.theme", object_id=str(theme.pk)).count()
        == 2
    )
    empty = client.post(reverse("insights:theme_new"), {"name": ""})
    assert "Enter the name" in empty.content.decode()


def test_programme_admins_manage_owner_areas_and_their_leads(
    client_as: Any, personas: dict[str, Any]
) -> None:
    client = client_as("programme_admin")
    client.post(
        reverse("insights:area_new"),
        {"name": "Investigation standards", "leads": [str(personas["police_lead"].pk)]},
    )
    area = OwnerArea.objects.get(name="Investigation standards")
    assert list(area.leads.all()) == [personas["police_lead"]]
    page = client.get(reverse("insights:areas")).content.decode()
    assert "Investigation standards" in page
    client.post(
        reverse("insights:area_edit", args=[area.pk]),
        {"name": "Investigations", "description": "Cases", "active": "on", "leads": []},
    )
    area.refresh_from_db()
    assert area.name == "Investigations" and not area.leads.exists()
    # Only police leads can lead an area.
    with pytest.raises(RuleBroken):
        services.owner_area_create(
            actor=personas["programme_admin"], name="x", leads=[personas["analyst"]]
        )
    for key in ("facilitator_forum_a", "police_lead"):
        assert client_as(key).get(reverse("insights:areas")).status_code == 403
        assert client_as(key).get(reverse("insights:themes")).status_code == 403
