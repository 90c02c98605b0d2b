"""Who may open each URL of the insights app, "you said, we did" included (collected by
tests/project/access_all.py).

Capture pages: forum A's facilitator and programme admins (the partner facilitator of forum
B gets 404 for forum A's meetings and points). Recommendations: programme admins and police
leads (the police_lead persona is Head of Profession, so sees all). The police response and
progress pages are the police's only. Themes and owner areas: programme admins.

The builders below are also used by tests/insights/test_*.py and
tests/project/test_police_lead_identity.py.
"""

from datetime import timedelta
from typing import Any

from tests.access import only, public

POINT_WORDS = "We were never told who our officer was or how to reach them."


def forum_a(p: dict[str, Any]) -> Any:
    return p["facilitator_forum_a"].role_assignments.current().get().forums.get()


def past_meeting(p: dict[str, Any], *, days_ago: int = 7, forum: Any = None) -> Any:
    """A meeting of forum A (or `forum`) that took place `days_ago` days ago, with one
    agenda item."""
    from django.utils import timezone

    from forums import services as forum_services
    from forums.models import Meeting

    admin = p["programme_admin"]
    forum = forum or forum_a(p)
    meeting = forum_services.meeting_schedule(
        actor=admin, forum=forum, starts_at=timezone.now() + timedelta(days=3)
    )
    forum_services.agenda_item_propose(
        actor=admin, meeting=meeting, title="Being kept informed", detail="Updates on cases."
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(days=days_ago)
    )
    meeting.refresh_from_db()
    return meeting


def make_point(
    p: dict[str, Any],
    *,
    meeting: Any = None,
    text: str = POINT_WORDS,
    confirm: bool = False,
    kind: str = "concern",
) -> Any:
    """A feedback point recorded by forum A's facilitator (confirmed if asked)."""
    from insights import services
    from insights.models import Theme

    meeting = meeting or past_meeting(p)
    point = services.point_record(
        actor=p["facilitator_forum_a"],
        meeting=meeting,
        agenda_item=meeting.agenda_items.first(),
        kind=kind,
        text=text,
        themes=list(Theme.objects.filter(slug__in=["kept-informed", "first-contact"])),
    )
    if confirm:
        point = services.point_confirm(actor=p["facilitator_forum_a"], point=point)
    return point


def make_recommendation(p: dict[str, Any], *, points: Any = None, area: Any = None) -> Any:
    """A recommendation raised by the programme admin from a confirmed point of forum A."""
    from insights import services

    points = points or [make_point(p, confirm=True)]
    return services.recommendation_raise(
        actor=p["programme_admin"],
        forum=points[0].forum,
        title="Tell victims who their officer is",
        ask="Give every victim the name of a contact role and a way to reach them.",
        why="Members did not know whom to call for updates.",
        points=points,
        owner_area=area,
    )


def make_area(p: dict[str, Any], *, leads: Any = ()) -> Any:
    from insights import services

    return services.owner_area_create(
        actor=p["programme_admin"], name="Contact and call handling", leads=list(leads)
    )


def _meeting(p: dict[str, Any]) -> dict[str, Any]:
    return {"meeting_id": past_meeting(p).pk}


def _point(p: dict[str, Any]) -> dict[str, Any]:
    return {"point_id": make_point(p).pk}


def _forum(p: dict[str, Any]) -> dict[str, Any]:
    return {"forum_id": forum_a(p).pk}


def _recommendation(p: dict[str, Any]) -> dict[str, Any]:
    return {"recommendation_id": make_recommendation(p).pk}


def _accepted_recommendation(p: dict[str, Any]) -> dict[str, Any]:
    from insights import services

    recommendation = make_recommendation(p)
    services.recommendation_respond(
        actor=p["police_lead"],
        recommendation=recommendation,
        decision="accepted",
        reason="",
        owner="Head of Contact Centre",
        actions="Name a contact role in every first letter.",
        target_date=None,
    )
    return {"recommendation_id": recommendation.pk}


def _theme(p: dict[str, Any]) -> dict[str, Any]:
    from insights.models import Theme

    return {"theme_id": Theme.objects.order_by("pk").first().pk}  # type: ignore[union-attr]


def _area(p: dict[str, Any]) -> dict[str, Any]:
    return {"area_id": make_area(p).pk}


_TEAM = ("programme_admin", "facilitator_forum_a")
_NOT_PARTNER = {"facilitator_partner": 404}
_POLICE_REVIEW = ("programme_admin", "police_lead")


# "You said, we did" -----------------------------------------------------------------------
def _meeting_of_forum_a(p: dict[str, Any]) -> dict[str, Any]:
    from tests.portal.fixtures import meeting

    return {"meeting_id": meeting(p, days=12).pk}


DECLARATIONS: dict[str, Any] = {
    "insights:meeting_points": only(*_TEAM, kwargs=_meeting, overrides=_NOT_PARTNER),
    "insights:point_new": only(*_TEAM, kwargs=_meeting, overrides=_NOT_PARTNER),
    "insights:point": only(*_TEAM, kwargs=_point, overrides=_NOT_PARTNER),
    "insights:point_undo": only(
        *_TEAM, ok=405, kwargs=_point, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in insights/test_capture
    "insights:point_confirm": only(*_TEAM, kwargs=_point, overrides=_NOT_PARTNER),
    "insights:recommendations": only(*_POLICE_REVIEW),
    "insights:overview": only(*_POLICE_REVIEW),
    "insights:recommendation_new": only("programme_admin", kwargs=_forum),
    "insights:recommendation": only(*_POLICE_REVIEW, kwargs=_recommendation),
    "insights:recommendation_area": only("programme_admin", kwargs=_recommendation),
    "insights:recommendation_respond": only("police_lead", kwargs=_recommendation),
    "insights:recommendation_progress": only("police_lead", kwargs=_accepted_recommendation),
    "insights:themes": only("programme_admin"),
    "insights:theme_new": only("programme_admin"),
    "insights:theme_edit": only("programme_admin", kwargs=_theme),
    "insights:areas": only("programme_admin"),
    "insights:area_new": only("programme_admin"),
    "insights:area_edit": only("programme_admin", kwargs=_area),
    "insights:police_leads": only("programme_admin"),
    "insights:police_lead_edit": only(
        "programme_admin", kwargs=lambda p: {"user_id": p["police_lead"].pk}
    ),
    # The public "you said, we did" page: anyone, signed in or not.
    "yousaid:public": public(overrides={"staff_without_mfa": "mfa"}),
    # The forum team's button on a meeting page (POST only: a GET is refused with 405 once
    # the role is checked; tests/insights/test_you_said_we_did.py posts as every persona).
    "insights:yousaid_agenda": only(
        "programme_admin",
        "facilitator_forum_a",
        ok=405,
        kwargs=_meeting_of_forum_a,
        overrides={"facilitator_partner": 405},
    ),
}
