"""The feedback dashboard rollups: the counts they give are the raw counts, for any filters,
and running the job again (or rebuilding) never counts anything twice."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone

from dashboards import services
from dashboards.filters import Filters
from dashboards.measures import RESPONSE_MEASURES
from dashboards.models import (
    RESPONSES,
    BoroughRollup,
    ClassifiedComment,
    ResponseRollup,
    ThemeRollup,
)
from dashboards.selectors import dashboard_counts
from feedback.models import Borough, Invitation, Response, Team

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

MONTHS = (date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1))
LATER = datetime(2026, 11, 20, tzinfo=UTC)  # "now" for the job: every response is old enough


def make_teams() -> dict[str, Team]:
    camden = Borough.objects.get(slug="camden")
    hackney = Borough.objects.get(slug="hackney")
    return {
        "camden-a": Team.objects.create(name="Camden team A", slug="t-camden-a", borough=camden),
        "camden-b": Team.objects.create(name="Camden team B", slug="t-camden-b", borough=camden),
        "hackney-a": Team.objects.create(
            name="Hackney team A", slug="t-hackney-a", borough=hackney
        ),
    }


def make_response(team: Team, *, month: date = MONTHS[0], **fields: Any) -> Response:
    submitted = datetime(month.year, month.month, 10, 12, 0, tzinfo=UTC)
    values: dict[str, Any] = {"channel": "qr", "overall": 4, "submitted_at": submitted} | fields
    return Response.objects.create(team=team, borough=team.borough, month=month, **values)


def make_invitation(team: Team, *, channel: str = "sms", month: date = MONTHS[0]) -> Invitation:
    created = datetime(month.year, month.month, 9, 12, 0, tzinfo=UTC)
    return Invitation.objects.create(
        token_hash=f"{random.getrandbits(128):064x}",
        channel=channel,
        team=team,
        created_at=created,
        expires_at=created + timedelta(days=7),
        sent_at=created + timedelta(minutes=1),
    )


def random_responses(teams: dict[str, Team], n: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    answers = ["yes", "partly", "no", "not_sure", ""]
    ages = ["under_18", "18_24", "25_34", "35_44", "45_54", "55_64", "65_plus", "prefer_not", ""]
    groups = ["asian", "black", "mixed", "white", "other", "prefer_not", ""]
    for _ in range(n):
        team = rng.choice(list(teams.values()))
        month = rng.choice(MONTHS)
        channel = rng.choice(["qr", "qr", "sms", "email", "web"])
        invitation = None
        if channel in ("sms", "email") and rng.random() < 0.7:
            invitation = make_invitation(team, channel=channel, month=month)
        make_response(
            team,
            month=month,
            channel=channel,
            invitation=invitation,
            overall=rng.randint(1, 5),
            respect=rng.choice(answers),
            listened=rng.choice(answers),
            kept_informed=rng.choice(answers),
            told_support=rng.choice(answers),
            age_band=rng.choice(ages),
            ethnic_group=rng.choice(groups),
        )
    for _ in range(n // 5):  # invitations nobody answered
        team = rng.choice(list(teams.values()))
        make_invitation(team, channel=rng.choice(["sms", "email"]), month=rng.choice(MONTHS))


def filter_sets(teams: dict[str, Team]) -> list[Filters]:
    camden = teams["camden-a"].borough_id
    return [
        Filters(),
        Filters(month_from=MONTHS[1]),
        Filters(month_from=MONTHS[0], month_to=MONTHS[1], channel="sms"),
        Filters(borough_id=camden),
        Filters(borough_id=camden, compare_id=teams["hackney-a"].borough_id),
        Filters(team_id=teams["camden-b"].pk, month_to=MONTHS[0]),
        Filters(channel="email", borough_id=teams["hackney-a"].borough_id),
    ]


def assert_same_counts(filters: Filters) -> None:
    fast = dashboard_counts(filters=filters)
    slow = dashboard_counts(filters=filters, source="raw")
    assert fast.totals == slow.totals
    assert fast.by_month == slow.by_month
    assert fast.by_channel == slow.by_channel
    assert fast.by_borough == slow.by_borough
    assert fast.by_team == slow.by_team
    assert fast.london == slow.london
    assert fast.compare == slow.compare
    assert fast.invitations == slow.invitations


def rollup_totals() -> dict[str, int]:
    totals = {
        name: sum(getattr(r, name) for r in ResponseRollup.objects.all())
        for name in RESPONSE_MEASURES
    }
    by_borough = {
        name: sum(getattr(r, name) for r in BoroughRollup.objects.all())
        for name in RESPONSE_MEASURES
    }
    assert by_borough == totals  # the two levels always agree
    return totals


def test_the_rollup_gives_the_raw_counts_for_every_filter() -> None:
    teams = make_teams()
    random_responses(teams, 240)
    result = services.rollup_refresh(now=LATER)
    assert result.responses == 240
    assert result.invitations == Invitation.objects.count()
    assert ResponseRollup.objects.count() < 240  # it does add up
    for filters in filter_sets(teams):
        assert_same_counts(filters)
    assert dashboard_counts(filters=Filters()).totals["responses"] == 240


def test_running_the_job_again_counts_nothing_twice() -> None:
    teams = make_teams()
    random_responses(teams, 60)
    services.rollup_refresh(now=LATER)
    before = rollup_totals()
    again = services.rollup_refresh(now=LATER)
    assert (again.responses, again.invitations) == (0, 0)
    assert rollup_totals() == before
    # New responses are added to the same rows, once.
    random_responses(teams, 30, seed=11)
    assert services.rollup_refresh(now=LATER).responses == 30
    services.rollup_refresh(now=LATER)
    assert rollup_totals()["responses"] == 90
    for filters in filter_sets(teams):
        assert_same_counts(filters)


def test_small_batches_and_a_rebuild_give_the_same_rollup() -> None:
    teams = make_teams()
    random_responses(teams, 80)
    assert services.rollup_responses(now=LATER, batch_size=7) == 80
    by_batches = rollup_totals()
    rebuilt = services.rollup_rebuild(now=LATER)
    assert rebuilt.responses == 80
    assert rollup_totals() == by_batches
    for filters in filter_sets(teams):
        assert_same_counts(filters)


def test_a_run_that_lost_the_race_writes_nothing() -> None:
    teams = make_teams()
    random_responses(teams, 20)
    mark = services.watermark(RESPONSES)
    # Another run has moved the watermark on: compare-and-set fails, nothing is written.
    assert services._advance(RESPONSES, mark, mark + 5, LATER)
    assert not services._advance(RESPONSES, mark, mark + 5, LATER)


def test_recent_responses_wait_for_the_next_run_but_the_dashboard_counts_them() -> None:
    teams = make_teams()
    make_response(teams["camden-a"], month=MONTHS[2])
    now = timezone.now()
    month = timezone.localdate(now).replace(day=1)
    make_response(teams["camden-a"], month=month, submitted_at=now)
    assert services.rollup_responses(now=now) == 1  # the one submitted just now waits
    assert ResponseRollup.objects.count() == 1
    assert dashboard_counts(filters=Filters()).totals["responses"] == 2  # rollup + tail
    assert_same_counts(Filters())
    assert services.rollup_responses(now=now + timedelta(minutes=3)) == 1


def test_unsent_invitations_wait_a_day_to_be_counted() -> None:
    teams = make_teams()
    now = timezone.now()
    waiting = Invitation.objects.create(
        token_hash="a" * 64,
        channel="sms",
        team=teams["camden-a"],
        created_at=now - timedelta(hours=1),
        expires_at=now + timedelta(days=7),
    )
    assert services.rollup_invitations(now=now) == 0
    assert dashboard_counts(filters=Filters()).invitations["sms"] == {"invitations": 1, "sent": 0}
    waiting.sent_at = now
    waiting.save()
    assert services.rollup_invitations(now=now + timedelta(minutes=5)) == 1
    assert dashboard_counts(filters=Filters()).invitations["sms"] == {"invitations": 1, "sent": 1}


def released_comment(text: str, personas: dict[str, Any]) -> Any:
    from redaction.services import redaction_prepare, redaction_release

    item = redaction_prepare(text=text, purpose="feedback_comment")
    redaction_release(actor=personas["programme_admin"], item=item)
    return item


def test_released_comments_are_counted_by_theme_once(personas: dict[str, Any]) -> None:
    from redaction.services import redaction_prepare

    teams = make_teams()
    team = teams["camden-a"]
    make_response(
        team,
        comment=released_comment("Nobody gave me an update for weeks. No news at all.", personas),
    )
    make_response(
        team,
        comment=released_comment("The officer was kind and listened. Court was scary.", personas),
    )
    make_response(
        team, comment=redaction_prepare(text="Updates were slow.", purpose="feedback_comment")
    )
    assert services.rollup_comments() == 2
    assert services.rollup_comments() == 0  # re-run: nothing twice
    counts = dashboard_counts(filters=Filters()).themes
    assert counts[""] == 2  # released comments read; the pending one is not
    assert counts["kept-informed"] == 1
    assert counts["empathy-tone"] == 1
    assert counts["court-justice"] == 1
    assert "first-contact" not in counts
    assert ClassifiedComment.objects.count() == 2
    # Only counts are kept: no text anywhere in the theme rollup.
    assert set(ThemeRollup.objects.values_list("theme", flat=True)) == {
        "",
        "kept-informed",
        "empathy-tone",
        "court-justice",
    }


def test_the_command_rebuilds_and_the_scheduled_task_refreshes() -> None:
    from io import StringIO

    from django.core.management import call_command

    from dashboards.tasks import refresh_rollups
    from lib.scheduler import job_task

    teams = make_teams()
    random_responses(teams, 25)
    out = StringIO()
    call_command("rebuild_dashboard_rollups", stdout=out)
    assert "25 responses" in out.getvalue()
    assert rollup_totals()["responses"] == 25
    random_responses(teams, 5, seed=3)
    assert job_task("dashboard_rollups") is refresh_rollups
    assert refresh_rollups.call()["responses"] == 5
    call_command("rebuild_dashboard_rollups", "--refresh", stdout=StringIO())
    assert rollup_totals()["responses"] == 30


def test_a_response_saved_without_a_month_counts_in_its_month_in_london() -> None:
    """Half past midnight on 1 August is still 31 July in UTC: the response is August's,
    as the dashboards and reports count months."""
    team = make_teams()["camden-a"]
    submitted = datetime(2027, 7, 31, 23, 30, tzinfo=UTC)
    response = Response.objects.create(
        team=team, borough=team.borough, channel="qr", overall=4, submitted_at=submitted
    )
    assert response.month == date(2027, 8, 1)
