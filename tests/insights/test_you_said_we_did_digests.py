"""You said, we did digests: members are told by their safe channel, at most once every
42 days, never once per change, when something their forum raised has moved; and the daily
job that sends them (insights/services/yousaid.py, insights/tasks/yousaid.py)."""

from __future__ import annotations

import inspect
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from forums.models import ForumMembership
from forums.services import membership_leave, membership_step_back
from insights.models import DIGEST_INTERVAL_DAYS, MemberDigest, Recommendation
from insights.services import you_said_we_did_digests_send
from insights.tasks import send_you_said_we_did
from lib.scheduler import SCHEDULE, job_task
from notify.models import Message
from portal.models import ErasureRequest
from safecontact.services import safe_contact_update
from tests.insights.test_you_said_we_did import raise_recommendation, respond, update
from tests.portal.fixtures import forum_b, join, meeting, member_place

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

TEMPLATE = "you_said_we_did_digest"


def digests() -> list[Message]:
    return list(Message.objects.filter(template=TEMPLATE).order_by("pk"))


def _joined_a_while_ago(fm: ForumMembership) -> ForumMembership:
    ForumMembership.objects.filter(pk=fm.pk).update(
        joined_on=timezone.localdate() - timedelta(days=200)
    )
    fm.refresh_from_db()
    return fm


def _member(p: dict[str, Any]) -> ForumMembership:
    return _joined_a_while_ago(member_place(p))


def _later(days: int) -> Any:
    return timezone.now() + timedelta(days=days)


def test_a_member_is_told_once_by_their_safe_channel_that_something_moved(personas) -> None:
    fm = _member(personas)
    recommendation = respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 1
    [message] = digests()
    application = fm.membership.application
    assert message.channel == "email" and message.recipient == application.email
    assert "There is news about 1 of the things" in message.body
    assert "/portal/what-happened/" in message.body
    # No details of the recommendation, in the email either.
    for detail in (recommendation.title, recommendation.ask, "New call scripts"):
        assert detail not in message.body and detail not in message.subject
    digest = MemberDigest.objects.get(member=personas["member"])
    assert list(digest.recommendations.all()) == [recommendation]
    assert digest.forum_id == fm.forum_id


def test_many_changes_make_one_message_not_one_per_change(personas) -> None:
    _member(personas)
    first = respond(personas, raise_recommendation(personas))
    update(personas, first)
    update(personas, first, kind="evidence", text="Surveys show it works.")
    respond(
        personas,
        raise_recommendation(personas, title="Second"),
        decision="not_accepted",
        reason="Not possible this year.",
    )
    respond(personas, raise_recommendation(personas, title="Third"), decision="accepted")
    assert you_said_we_did_digests_send() == 1
    assert you_said_we_did_digests_send() == 0  # the same day: nothing more
    [message] = digests()
    assert "There is news about 3 of the things" in message.body
    assert MemberDigest.objects.get().recommendations.count() == 3


def test_at_most_one_digest_every_42_days(personas) -> None:
    _member(personas)
    recommendation = respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 1
    # Something moves the next day: nothing until 42 days after the last digest.
    Recommendation.objects.filter(pk=recommendation.pk).update(updated_at=_later(1))
    assert you_said_we_did_digests_send(now=_later(2)) == 0
    assert you_said_we_did_digests_send(now=_later(DIGEST_INTERVAL_DAYS - 1)) == 0
    assert you_said_we_did_digests_send(now=_later(DIGEST_INTERVAL_DAYS) + timedelta(hours=1)) == 1
    assert len(digests()) == 2
    assert MemberDigest.objects.count() == 2


def test_nothing_is_sent_when_nothing_moved_since_the_last_digest(personas) -> None:
    _member(personas)
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 1
    assert you_said_we_did_digests_send(now=_later(DIGEST_INTERVAL_DAYS + 1)) == 0
    assert len(digests()) == 1


def test_a_recommendation_only_just_raised_is_not_news(personas) -> None:
    _member(personas)
    raise_recommendation(personas)
    assert you_said_we_did_digests_send() == 0
    assert digests() == []


def test_news_from_before_the_member_joined_is_not_sent(personas) -> None:
    fm = member_place(personas)
    recommendation = respond(personas, raise_recommendation(personas))
    Recommendation.objects.filter(pk=recommendation.pk).update(
        updated_at=timezone.now() - timedelta(days=30)
    )
    ForumMembership.objects.filter(pk=fm.pk).update(joined_on=timezone.localdate())
    assert you_said_we_did_digests_send() == 0


def test_members_of_another_forum_hear_nothing(personas) -> None:
    _member(personas)
    respond(personas, raise_recommendation(personas, forum=forum_b(personas)))
    assert you_said_we_did_digests_send() == 0


def test_a_member_stepping_back_gets_nothing(personas) -> None:
    fm = _member(personas)
    membership_step_back(actor=personas["member"], forum_membership=fm)
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 0


def test_a_member_who_left_gets_nothing(personas) -> None:
    fm = _member(personas)
    membership_leave(actor=personas["member"], forum_membership=fm)
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 0


def test_a_member_with_no_safe_channel_for_messages_gets_nothing(personas) -> None:
    fm = _member(personas)
    safe_contact_update(
        actor=personas["programme_admin"],
        contact=fm.membership.application.safe_contact,
        may_email=False,
        may_text=False,
    )
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 0
    assert not MemberDigest.objects.exists()


def test_a_member_who_asked_for_their_data_to_be_deleted_gets_nothing(personas) -> None:
    _member(personas)
    ErasureRequest.objects.create(user=personas["member"])
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 0


def test_a_member_whose_safe_channel_is_text_gets_one_short_text_with_no_details(
    personas,
) -> None:
    from recruitment import services as s
    from tests.recruitment.staff import make_application, to_vetting

    admin = personas["programme_admin"]
    application = to_vetting(
        make_application(email="texted.member@example.org", may_email=False, may_text=True),
        admin,
    )
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    membership = s.application_onboard(actor=admin, application=application)
    from forums.services import forum_member_join
    from tests.portal.fixtures import forum_a

    fm = _joined_a_while_ago(
        forum_member_join(actor=admin, forum=forum_a(personas), membership=membership)
    )
    assert fm.user is not None
    recommendation = respond(personas, raise_recommendation(personas))
    you_said_we_did_digests_send()
    # One digest for this member (the cast's member persona, by email, may get one too).
    [message] = [m for m in digests() if m.channel == "sms"]
    assert message.recipient == "07700900111"
    assert recommendation.title not in message.body
    assert message.body == (
        "Victim Voice: there is news about what your forum told the police. "
        "Sign in to your portal to see what happened."
    )


def test_a_member_who_applied_in_welsh_is_told_in_welsh(personas) -> None:
    fm = _member(personas)
    application = fm.membership.application
    application.language = "cy"
    application.save(update_fields=["language"])
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 1
    assert digests()[0].subject == "Newyddion am yr hyn a ddywedodd eich fforwm wrth yr heddlu"


def test_several_members_each_get_their_own_digest(personas) -> None:
    _member(personas)
    _joined_a_while_ago(join(personas, email="second.member@example.org"))
    respond(personas, raise_recommendation(personas))
    assert you_said_we_did_digests_send() == 2
    assert MemberDigest.objects.count() == 2


def test_the_daily_job_takes_no_arguments_and_refreshes_the_agenda_and_sends(personas) -> None:
    assert inspect.signature(send_you_said_we_did.func).parameters == {}
    names = {name: path for name, _cron, path in SCHEDULE}
    assert names["daily_you_said_we_did"] == "insights.tasks.yousaid.send_you_said_we_did"
    assert job_task("daily_you_said_we_did") is send_you_said_we_did
    _member(personas)
    upcoming = meeting(personas, days=10)
    respond(personas, raise_recommendation(personas))
    result = send_you_said_we_did.call()
    assert result == {"agenda_items": 1, "digests": 1}
    assert upcoming.agenda_items.filter(title="You said, we did").count() == 1
    assert send_you_said_we_did.call() == {"agenda_items": 1, "digests": 0}
    assert upcoming.agenda_items.filter(title="You said, we did").count() == 1


def test_tasks_queued_under_a_path_they_moved_from_still_run() -> None:
    """django-tasks stores a queued task's dotted path and imports it when the worker runs
    it: a task queued before the feedback loop's tasks became a package still finds its
    function, and finished records keep the path they ran under."""
    import importlib

    from django.apps import apps
    from django.utils.module_loading import import_string
    from django_tasks_db.models import DBTaskResult

    from insights.tasks import send_overdue_summary

    def queued(path: str, status: str = "READY") -> DBTaskResult:
        return DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}},
            task_path=path,
            backend_name="default",
            status=status,
        )

    old = "insights.tasks_yousaid.send_you_said_we_did"
    waiting, finished = queued(old), queued(old, status="SUCCESSFUL")
    migration = importlib.import_module("insights.migrations.0004_tasks_moved_into_a_package")
    migration.forwards(apps, None)
    waiting.refresh_from_db()
    finished.refresh_from_db()
    # What the worker does with a queued record: import its path.
    assert import_string(waiting.task_path) is send_you_said_we_did
    assert finished.task_path == old
    # The overdue summary's old path still imports: insights.tasks re-exports it.
    assert import_string("insights.tasks.send_overdue_summary") is send_overdue_summary
    assert waiting.task_path == send_you_said_we_did.module_path
