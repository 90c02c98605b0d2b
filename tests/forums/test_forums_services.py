"""Forums and memberships: joining from an accepted application, stepping back, leaving,
and the retention clock (recruitment.Membership.tenure_ends_on) following the forum's
tenure. Also the helpers other forum tests use to make members and meetings."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from forums import rules, services
from forums.models import Forum, ForumMembership, Meeting, MembershipStatus
from lib.rules import RuleBroken
from notify.models import Message
from privacy.models import AuditEvent
from recruitment import services as s
from tests.recruitment.staff import make_application, to_vetting

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


# Helpers (imported by the other forum and meeting tests) -------------------------------


def forum_a(personas: dict[str, Any]) -> Forum:
    return personas["facilitator_forum_a"].role_assignments.current().get().forums.get()


def forum_b(personas: dict[str, Any]) -> Forum:
    return personas["facilitator_partner"].role_assignments.current().get().forums.get()


def onboard(admin: Any, *, email: str, cohort: str = "general", **kwargs: Any) -> Any:
    """A fictional applicant taken through vetting to membership (no forum yet)."""
    application = to_vetting(make_application(cohorts=(cohort,), email=email, **kwargs), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    return s.application_onboard(actor=admin, application=application)


def join(forum: Forum, admin: Any, *, email: str, **kwargs: Any) -> ForumMembership:
    membership = onboard(admin, email=email, **kwargs)
    return services.forum_member_join(actor=admin, forum=forum, membership=membership)


def future_meeting(forum: Forum, admin: Any, *, days: int = 14) -> Meeting:
    start = timezone.make_aware(
        datetime.combine(timezone.localdate() + timedelta(days=days), datetime.min.time())
    ) + timedelta(hours=18)
    return services.meeting_schedule(actor=admin, forum=forum, starts_at=start)


def past_meeting(forum: Forum, admin: Any, *, days: int = 3) -> Meeting:
    meeting = future_meeting(forum, admin, days=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - timedelta(days=days + 1)
    )
    meeting.refresh_from_db()
    return meeting


# Tests -------------------------------------------------------------------------------------


@pytest.fixture
def admin(personas):
    return personas["programme_admin"]


def test_a_new_forum_has_twelve_places_a_two_year_tenure_and_six_weekly_meetings(personas):
    forum = Forum.objects.create(
        name="Young people forum",
        facilitating_organisation=forum_a(personas).facilitating_organisation,
        tenure_starts_on=date(2026, 3, 1),
    )
    assert forum.capacity == 12
    assert forum.tenure_ends_on == date(2028, 3, 1)
    assert forum.cadence_days == 42


def test_joining_from_an_accepted_application_sets_the_retention_clock_to_the_tenure_end(
    personas, admin
):
    forum = forum_a(personas)
    forum.tenure_ends_on = timezone.localdate() + timedelta(days=400)
    forum.save()
    fm = join(forum, admin, email="joiner@example.org")
    fm.membership.refresh_from_db()
    assert fm.status == MembershipStatus.ACTIVE
    assert fm.user is not None and fm.user.email == "joiner@example.org"
    assert fm.membership.tenure_ends_on == forum.tenure_ends_on
    assert AuditEvent.objects.filter(object_type="forums.forummembership", note="joined forum")


def test_an_application_not_yet_onboarded_cannot_join(personas, admin):
    from recruitment.models import Membership

    application = make_application(email="early@example.org")
    membership = Membership(
        application=application,
        started_on=timezone.localdate(),
        tenure_ends_on=timezone.localdate() + timedelta(days=700),
    )
    membership.save()
    with pytest.raises(RuleBroken):
        services.forum_member_join(actor=admin, forum=forum_a(personas), membership=membership)


def test_a_member_can_join_only_one_forum(personas, admin):
    fm = join(forum_a(personas), admin, email="once@example.org")
    with pytest.raises(RuleBroken):
        services.forum_member_join(actor=admin, forum=forum_b(personas), membership=fm.membership)


def test_changing_the_forum_tenure_moves_every_current_members_retention_clock(personas, admin):
    forum = forum_a(personas)
    first = join(forum, admin, email="first@example.org")
    second = join(forum, admin, email="second@example.org")
    new_end = timezone.localdate() + timedelta(days=900)
    services.forum_settings_set(actor=admin, forum=forum, tenure_ends_on=new_end)
    for fm in (first, second):
        fm.membership.refresh_from_db()
        assert fm.membership.tenure_ends_on == new_end


def test_stepping_back_keeps_the_place_and_asks_no_reason(personas, admin):
    fm = join(forum_a(personas), admin, email="rest@example.org")
    fm = services.membership_step_back(actor=fm.user, forum_membership=fm)
    assert fm.status == MembershipStatus.STEPPING_BACK
    assert ForumMembership.objects.filter(pk=fm.pk).exists()
    fm = services.membership_return(actor=fm.user, forum_membership=fm)
    assert fm.status == MembershipStatus.ACTIVE and fm.stepped_back_on is None


def test_leaving_starts_the_retention_clock_on_the_day_they_left(personas, admin):
    fm = join(forum_a(personas), admin, email="leaver@example.org")
    fm = services.membership_leave(actor=admin, forum_membership=fm)
    fm.membership.refresh_from_db()
    assert fm.left_on == timezone.localdate()
    assert fm.membership.tenure_ends_on == timezone.localdate()


def test_another_forums_facilitator_cannot_change_a_members_status(personas, admin):
    fm = join(forum_a(personas), admin, email="guarded@example.org")
    with pytest.raises(PermissionDenied):
        services.membership_step_back(actor=personas["facilitator_partner"], forum_membership=fm)


def test_the_capacity_warning_appears_only_beyond_capacity(personas, admin):
    forum = forum_b(personas)  # no member yet in the cast
    forum.capacity = 1
    forum.save()
    join(forum, admin, email="only@example.org")
    assert not rules.forum_over_capacity(forum)
    assert rules.forum_over_capacity(forum, extra=1)


def test_a_series_every_six_weeks_runs_to_the_end_of_the_tenure_and_each_can_move(personas, admin):
    forum = forum_a(personas)
    start = timezone.localdate() + timedelta(days=7)
    forum.tenure_ends_on = start + timedelta(days=365)
    forum.save()
    first = timezone.make_aware(datetime.combine(start, datetime.min.time())) + timedelta(hours=18)
    meetings = services.meeting_series_generate(actor=admin, forum=forum, first_starts_at=first)
    assert len(meetings) == 9  # day 0, 42, ..., 336
    assert all(timezone.localtime(m.starts_at).hour == 18 for m in meetings)
    assert len({m.series for m in meetings}) == 1
    moved = services.meeting_update(
        actor=admin, meeting=meetings[1], starts_at=meetings[1].starts_at + timedelta(days=2)
    )
    assert (moved.starts_at - meetings[0].starts_at).days == 44


def test_only_the_forums_facilitators_and_admins_schedule_meetings(personas):
    with pytest.raises(PermissionDenied):
        future_meeting(forum_a(personas), personas["facilitator_partner"])
    assert future_meeting(forum_a(personas), personas["facilitator_forum_a"]).pk


def test_invitations_go_to_active_members_by_their_safe_channel_not_to_those_stepping_back(
    personas, admin
):
    forum = forum_b(personas)  # no member yet in the cast
    emailed = join(forum, admin, email="emailed@example.org")
    texted = join(
        forum,
        admin,
        email="texted@example.org",
        may_email=False,
        may_text=True,
        phone="07700 900222",
    )
    resting = join(forum, admin, email="resting@example.org")
    services.membership_step_back(actor=admin, forum_membership=resting)
    meeting = future_meeting(forum, admin)
    before = Message.objects.count()
    sent = services.meeting_invitations_send(actor=admin, meeting=meeting)
    assert sent == 2
    new = list(Message.objects.order_by("pk")[before:])
    assert sorted(m.channel for m in new) == ["email", "sms"]
    assert all(m.template == "meeting_invitation" for m in new)
    email = next(m for m in new if m.channel == "email")
    assert f"/forums/meetings/{meeting.pk}/calendar.ics" in email.body
    assert meeting.attendances.filter(forum_membership=resting).count() == 0
    assert {a.forum_membership_id for a in meeting.attendances.all()} == {emailed.pk, texted.pk}
    # Sending again invites nobody twice.
    assert services.meeting_invitations_send(actor=admin, meeting=meeting) == 0


def test_reminders_go_once_to_members_who_have_not_sent_apologies(personas, admin):
    forum = forum_b(personas)  # no member yet in the cast
    coming = join(forum, admin, email="coming@example.org")
    sorry = join(forum, admin, email="sorry@example.org")
    meeting = future_meeting(forum, admin, days=1)
    services.attendance_apologies(actor=sorry.user, meeting=meeting, forum_membership=sorry)
    assert services.meeting_reminders_send_due() == 1
    assert services.meeting_reminders_send_due() == 0
    assert meeting.attendances.get(forum_membership=coming).reminded_at is not None


def test_the_morning_job_sends_the_reminders_due(personas, admin):
    from forums.tasks import send_meeting_reminders
    from lib.scheduler import job_task

    forum = forum_b(personas)  # no member yet in the cast
    join(forum, admin, email="morning@example.org")
    future_meeting(forum, admin, days=1)
    assert job_task("daily_meeting_reminders") is send_meeting_reminders
    assert send_meeting_reminders.call() == 1
    assert Message.objects.filter(template="meeting_reminder").count() == 1


def test_meetings_are_purged_with_their_files_six_months_after_the_forum_tenure(personas, admin):
    import uuid

    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from privacy.purge import rule_purge
    from privacy.retention import registry

    forum = forum_a(personas)
    meeting = future_meeting(forum, admin)
    item = services.agenda_item_propose(actor=admin, meeting=meeting, title="Doc", detail="")
    document = services.agenda_document_add(
        actor=admin, item=item, upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4")
    )
    rule = registry.get("forums.meetings")
    end = forum.tenure_end
    tenure_end = timezone.make_aware(datetime.combine(end, datetime.min.time()))
    kept = rule_purge(
        rule, now=tenure_end + timedelta(days=182), run_id=uuid.uuid4(), batch_size=50
    )
    assert kept.count == 0 and Meeting.objects.filter(pk=meeting.pk).exists()
    gone = rule_purge(
        rule, now=tenure_end + timedelta(days=184), run_id=uuid.uuid4(), batch_size=50
    )
    assert gone.count == 1
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not default_storage.exists(document.file.name)
