"""The programme team's work: the queue, each move with its rules, messages and audit,
partner facilitators' reach, identity views, retention and subject requests."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent, RetentionReceipt
from privacy.purge import purge_expired
from recruitment import services as s
from recruitment.access import get_application_for_user
from recruitment.models import (
    Application,
    Cohort,
    Membership,
    OnboardingConversation,
    Outcome,
    PncCheck,
    Stage,
)
from recruitment.selectors import queue_counts
from tests.recruitment.journey import new, only_new_rows  # noqa: F401 (a fixture)
from tests.recruitment.staff import make_application, to_vetting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


@pytest.fixture
def partner_cohort(personas):
    Cohort.objects.filter(slug="disabled-victims").update(
        is_partner_facilitated=True,
        facilitating_organisation=personas["facilitator_partner"].organisation,
    )
    return Cohort.objects.get(slug="disabled-victims")


def _events(application, action=None):
    events = AuditEvent.objects.filter(
        object_type="recruitment.application", object_id=str(application.pk)
    )
    return events.filter(action=action) if action else events


def _last_message():
    return new(Message).order_by("-pk").first()


# The queue ---------------------------------------------------------------------------------


def test_the_queue_counts_applications_by_stage_and_outcome(admin):
    make_application()
    screening = make_application()
    s.application_screening_start(actor=admin, application=screening)
    withdrawn = make_application()
    s.application_withdraw(actor=admin, application=withdrawn)
    counts = queue_counts(viewer=admin)
    assert counts["screening"] == 1
    assert counts["withdrawn"] == 1
    assert counts["received"] == new(Application).filter(stage="received", outcome="").count()


def test_the_queue_shows_days_in_the_stage_in_a_fixed_number_of_queries(client_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as("programme_admin")
    url = reverse("recruitment_staff:queue") + "?stage=received"
    client.get(url)
    counts = []
    for _ in range(2):
        for _ in range(3):
            make_application(cohorts=("general", "young-people"))
        # Nine calendar days ago in London (the queue counts days by the calendar; 9 x 24
        # hours back is ten calendar days when the clocks went forward in between).
        nine_days_ago = timezone.localdate() - timedelta(days=9)
        new(Application).update(
            stage_changed_at=timezone.make_aware(datetime.combine(nine_days_ago, time(12, 0)))
        )
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 13
    assert "9 days" in page.content.decode()
    assert "Robin Example" not in page.content.decode()  # references only, no identities


def test_an_unknown_queue_group_is_not_found(client_as):
    assert (
        client_as("programme_admin")
        .get(reverse("recruitment_staff:queue") + "?stage=x")
        .status_code
        == 404
    )


# Moves, their rules, messages and audit -----------------------------------------------------


def test_screening_then_invitation_tells_the_applicant_by_their_safe_channel(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    assert s.application_onboarding_invite(actor=admin, application=application) is True
    application.refresh_from_db()
    assert application.stage == Stage.ONBOARDING
    message = _last_message()
    assert message.template == "application_onboarding_invitation"
    assert message.channel == "email" and message.recipient == "robin.example@example.org"
    assert [e.action for e in _events(application).order_by("id")] == [
        "recruitment.screening_started",
        "recruitment.onboarding_invited",
    ]


def test_a_text_is_sent_when_only_texts_are_safe_and_in_their_language(admin):
    application = make_application(may_email=False, may_text=True, language="cy")
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    message = _last_message()
    assert message.channel == "sms" and message.language == "cy"


def test_nothing_is_sent_when_only_a_phone_call_is_safe(admin):
    application = make_application(may_email=False, may_text=False)
    before = new(Message).count()
    s.application_screening_start(actor=admin, application=application)
    assert s.application_onboarding_invite(actor=admin, application=application) is False
    assert new(Message).count() == before


def test_moves_are_refused_out_of_order_and_to_anyone_but_programme_admins(admin, personas):
    application = make_application()
    with pytest.raises(RuleBroken):
        s.application_onboarding_invite(actor=admin, application=application)
    with pytest.raises(RuleBroken):
        s.application_screening_start(
            actor=personas["facilitator_partner"], application=application
        )
    s.application_screening_start(actor=admin, application=application)
    with pytest.raises(RuleBroken):
        s.application_screening_start(actor=admin, application=application)


def test_ready_after_onboarding_goes_to_vetting_with_support_needs_encrypted(admin):
    application = to_vetting(make_application(), admin)
    assert application.stage == Stage.VETTING
    conversation = OnboardingConversation.objects.get(application=application)
    assert conversation.support_needs == "A quiet room"
    raw = OnboardingConversation.objects.filter(pk=conversation.pk).values_list(
        "support_needs", flat=True
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT support_needs FROM recruitment_onboardingconversation")
        assert "quiet" not in cursor.fetchone()[0]
    assert list(raw)
    assert _last_message().template == "application_vetting_started"


def test_onboarding_needs_a_trained_professional(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    with pytest.raises(RuleBroken):
        s.onboarding_record(
            actor=admin,
            application=application,
            held_on=timezone.localdate(),
            assessed_by_trained_professional=False,
            outcome="ready",
        )


def test_too_soon_defers_with_a_date_and_is_not_a_rejection(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    later = timezone.localdate() + timedelta(days=120)
    with pytest.raises(RuleBroken):
        s.onboarding_record(
            actor=admin,
            application=application,
            held_on=timezone.localdate(),
            assessed_by_trained_professional=True,
            outcome="defer",
        )
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="defer",
        get_back_in_touch_on=later,
    )
    application.refresh_from_db()
    assert application.outcome == Outcome.DEFERRED
    assert application.get_back_in_touch_on == later
    assert application.decided_at is None
    message = _last_message()
    assert message.template == "application_deferred" and "not a rejection" in message.body
    s.application_reopen(actor=admin, application=application)
    application.refresh_from_db()
    assert (application.stage, application.outcome) == (Stage.ONBOARDING, "")


def test_not_suitable_now_ends_the_application(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="not_suitable_now",
    )
    application.refresh_from_db()
    assert application.outcome == Outcome.NOT_ACCEPTED and application.decided_at
    assert _last_message().template == "application_not_suitable_now"


def test_no_trace_accepts_at_once_and_deletes_the_check(admin):
    application = to_vetting(make_application(), admin)
    today = timezone.localdate()
    s.pnc_check_request(
        actor=admin, application=application, requested_on=today - timedelta(days=20)
    )
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    application.refresh_from_db()
    assert (application.stage, application.outcome) == (Stage.DECIDED, Outcome.ACCEPTED)
    assert not PncCheck.objects.filter(application=application).exists()
    assert application.vetting_result.completed_on == today
    assert new(RetentionReceipt).filter(rule="pnc_deleted_at_decision").count() == 1
    assert _last_message().template == "application_accepted"


def test_a_result_before_its_request_or_in_the_future_is_refused(admin):
    application = to_vetting(make_application(), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    for when in (today - timedelta(days=1), today + timedelta(days=1)):
        with pytest.raises(RuleBroken):
            s.pnc_result_record(
                actor=admin, application=application, result="no_trace", received_on=when
            )
    with pytest.raises(RuleBroken):
        s.pnc_result_record(
            actor=admin, application=application, result="disclosure", received_on=today
        )


def test_withdrawing_deletes_a_pending_check_at_once(admin):
    application = to_vetting(make_application(), admin)
    s.pnc_check_request(actor=admin, application=application, requested_on=timezone.localdate())
    s.application_withdraw(actor=admin, application=application)
    application.refresh_from_db()
    assert application.outcome == Outcome.WITHDRAWN and application.decided_at
    assert not PncCheck.objects.filter(application=application).exists()
    assert _events(application, "recruitment.pnc_check_deleted").count() == 1
    assert _last_message().template == "application_withdrawn"


def test_onboarding_makes_a_member_account_and_a_two_year_tenure(admin):
    application = to_vetting(make_application(email="new.member@example.org"), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    membership = s.application_onboard(actor=admin, application=application)
    application.refresh_from_db()
    assert application.stage == Stage.ONBOARDED
    assert application.user.email == "new.member@example.org"
    assert application.user.has_role(Role.MEMBER)
    assert (membership.tenure_ends_on - today).days in (730, 731)
    assert _last_message().template == "membership_welcome"


def test_only_accepted_applications_are_onboarded(admin):
    with pytest.raises(RuleBroken):
        s.application_onboard(actor=admin, application=make_application())


# Who sees what -------------------------------------------------------------------------------


def test_partner_facilitators_see_their_forums_applications_and_no_one_elses(
    personas, partner_cohort
):
    ours = make_application(cohorts=("disabled-victims",))
    other = make_application(cohorts=("general",))
    partner, forum_a = personas["facilitator_partner"], personas["facilitator_forum_a"]
    assert get_application_for_user(partner, ours.pk) == ours
    for user, application in ((partner, other), (forum_a, ours), (personas["police_lead"], ours)):
        with pytest.raises(Http404):
            get_application_for_user(user, application.pk)
    assert queue_counts(viewer=forum_a)["received"] == 0
    assert queue_counts(viewer=partner)["received"] == 1


def test_a_cohort_not_run_by_a_partner_is_not_shared_even_with_its_organisation(personas):
    Cohort.objects.filter(slug="general").update(
        is_partner_facilitated=False,
        facilitating_organisation=personas["facilitator_partner"].organisation,
    )
    application = make_application(cohorts=("general",))
    with pytest.raises(Http404):
        get_application_for_user(personas["facilitator_partner"], application.pk)


def test_partner_facilitators_cannot_move_applications(client_as, partner_cohort):
    application = make_application(cohorts=("disabled-victims",))
    url = reverse("recruitment_staff:screening_start", args=[application.pk])
    assert client_as("facilitator_partner").post(url).status_code == 403
    application.refresh_from_db()
    assert application.stage == Stage.RECEIVED


def test_every_view_of_an_applicants_identity_is_audited(client_as, personas, partner_cohort):
    application = make_application(cohorts=("disabled-victims",))
    url = reverse("recruitment_staff:application", args=[application.pk])
    for key in ("programme_admin", "facilitator_partner"):
        page = client_as(key).get(url)
        assert "Robin Example" in page.content.decode()
        assert _events(application, "view_identity").filter(actor=personas[key]).count() == 1


# The pages -------------------------------------------------------------------------------------


def test_a_programme_admin_moves_an_application_through_the_pages(client_as, admin):
    client = client_as("programme_admin")
    application = make_application()
    pk = application.pk
    # Each move lands back on the application's page, with its success message.
    start = client.post(reverse("recruitment_staff:screening_start", args=[pk]), follow=True)
    assert "Screening has started" in start.content.decode()
    invite = client.post(reverse("recruitment_staff:onboarding_invite", args=[pk]), follow=True)
    assert "We have sent them a message" in invite.content.decode()
    url = reverse("recruitment_staff:onboarding_record", args=[pk])
    empty = client.post(url, {})
    assert empty.status_code == 200
    text = empty.content.decode()
    assert "Enter the date of the conversation" in text and "Select the outcome" in text
    today = timezone.localdate()
    date = {"held_on-day": today.day, "held_on-month": today.month, "held_on-year": today.year}
    ok = client.post(url, {**date, "trained_professional": "yes", "outcome": "ready"}, follow=True)
    assert ok.status_code == 200
    req = {
        "requested_on-day": today.day,
        "requested_on-month": today.month,
        "requested_on-year": today.year,
    }
    assert (
        client.post(
            reverse("recruitment_staff:pnc_request", args=[pk]), req, follow=True
        ).status_code
        == 200
    )
    url = reverse("recruitment_staff:pnc_result", args=[pk])
    rec = {
        "received_on-day": today.day,
        "received_on-month": today.month,
        "received_on-year": today.year,
    }
    missing = client.post(url, {**rec, "result": "disclosure"})
    assert "Enter what the check disclosed" in missing.content.decode()
    assert client.post(url, {**rec, "result": "no_trace"}, follow=True).status_code == 200
    done = client.post(reverse("recruitment_staff:onboard", args=[pk]), {}, follow=True)
    assert "They are now a member" in done.content.decode()
    application.refresh_from_db()
    assert application.stage == Stage.ONBOARDED
    assert Membership.objects.filter(application=application).exists()


def test_a_move_in_the_wrong_stage_sends_the_admin_back_with_the_reason(client_as):
    application = make_application()
    response = client_as("programme_admin").get(
        reverse("recruitment_staff:pnc_result", args=[application.pk])
    )
    assert response.status_code == 302


# Retention and subject requests -----------------------------------------------------------


def test_unsuccessful_applications_go_six_months_after_the_decision(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="not_suitable_now",
    )
    now = timezone.now()
    purge_expired(now=now + timedelta(days=182), rules=["recruitment.unsuccessful_applications"])
    assert new(Application).filter(pk=application.pk).exists()
    purge_expired(now=now + timedelta(days=184), rules=["recruitment.unsuccessful_applications"])
    assert not new(Application).filter(pk=application.pk).exists()


def test_members_applications_go_six_months_after_their_tenure_ends(admin):
    application = to_vetting(make_application(email="tenure@example.org"), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    membership = s.application_onboard(
        actor=admin, application=application, tenure_ends_on=today + timedelta(days=30)
    )
    now = timezone.now()
    rule = ["recruitment.members_applications"]
    purge_expired(now=now + timedelta(days=30 + 180), rules=rule)
    assert new(Application).filter(pk=application.pk).exists()
    s.membership_tenure_set(
        actor=admin, membership=membership, tenure_ends_on=today + timedelta(days=400)
    )
    purge_expired(now=now + timedelta(days=30 + 190), rules=rule)
    assert new(Application).filter(pk=application.pk).exists()
    purge_expired(now=now + timedelta(days=400 + 190), rules=rule)
    assert not new(Application).filter(pk=application.pk).exists()


def test_deferred_applications_go_six_months_after_the_date_to_get_back_in_touch(admin):
    application = make_application()
    s.application_screening_start(actor=admin, application=application)
    s.application_onboarding_invite(actor=admin, application=application)
    s.onboarding_record(
        actor=admin,
        application=application,
        held_on=timezone.localdate(),
        assessed_by_trained_professional=True,
        outcome="defer",
        get_back_in_touch_on=timezone.localdate() + timedelta(days=60),
    )
    now = timezone.now()
    rule = ["recruitment.deferred_applications"]
    purge_expired(now=now + timedelta(days=60 + 170), rules=rule)
    assert new(Application).filter(pk=application.pk).exists()
    purge_expired(now=now + timedelta(days=60 + 200), rules=rule)
    assert not new(Application).filter(pk=application.pk).exists()


def test_a_subject_export_includes_the_programme_teams_records(admin):
    from privacy.subjects import SubjectQuery, registry

    application = to_vetting(make_application(email="export.me@example.org"), admin)
    provider = registry.provider("recruitment")
    [match] = provider.find(SubjectQuery(email="export.me@example.org"))
    section = provider.export(match)
    values = dict(section.fields)
    assert any("quiet room" in str(v).lower() for v in values.values())
    assert match.pk == application.pk


@pytest.mark.parametrize(
    ("persona", "dashboard", "link"),
    [
        ("programme_admin", "accounts:dashboard_programme_admin", "recruitment_staff:queue"),
        (
            "programme_admin",
            "accounts:dashboard_programme_admin",
            "recruitment_staff:representativeness",
        ),
        ("panel_police", "accounts:dashboard_vetting_panel", "recruitment_staff:panel_list"),
        ("facilitator_partner", "accounts:dashboard_facilitator", "recruitment_staff:queue"),
    ],
)
def test_dashboards_link_to_the_recruitment_pages(client_as, persona, dashboard, link):
    page = client_as(persona).get(reverse(dashboard))
    assert f'href="{reverse(link)}"' in page.content.decode()
