"""The demo's cast, built once for `seed_demo` and for the test suite (tests/conftest.py).

One builder, so that what the tests check is what a person trying the demo meets: the people
of victimvoice.personas (one per role), and their places in the forums as the demo has them:

- the police lead is the police representative of every forum, and the Head of Profession;
- the programme admin is the oversight body's representative (programme staff);
- the member persona is a member of forum A, vetted through the application, and a co-chair;
- forum B is facilitated by the partner organisation's facilitator.

Every person here is fictional. Refuses in production (build_personas does).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from forums.models import Forum, ForumMembership
from recruitment.models import Cohort
from victimvoice.personas import FORUMS, PERSONAS_BY_KEY, build_personas

# The member persona's own (fictional) answers when they applied.
MEMBER_PHONE = "07700 900999"
# The cohort each forum of the cast takes its members from, as in the demo (forums/demo.py).
COHORTS = {"forum_a": "violence-against-women-and-girls", "forum_b": "disabled-victims"}


def build_cast() -> dict[str, User]:
    """Create (or find) every persona and their forum places. Safe to run again."""
    with transaction.atomic():
        people = build_personas()
        from insights.personas import police_lead_persona_profile

        police_lead_persona_profile()
        admin, police_lead, member = (
            people["programme_admin"],
            people["police_lead"],
            people["member"],
        )
        forums = {key: Forum.objects.get(name=name) for key, (name, _org) in FORUMS.items()}
        for key, forum in forums.items():
            _representatives(forum, admin=admin, police_lead=police_lead, cohort=COHORTS[key])
        _member_place(forums["forum_a"], admin=admin, member=member)
    return people


def _representatives(forum: Forum, *, admin: User, police_lead: User, cohort: str) -> None:
    """The police lead and the programme admin represent the police and the oversight body;
    the forum takes its members from its cohort. Left alone once set (the demo may change it)."""
    from forums.services import forum_settings_set

    if forum.police_representative_id is None or forum.oversight_representative_id is None:
        forum_settings_set(
            actor=admin,
            forum=forum,
            police_representative=forum.police_representative or police_lead,
            oversight_representative=forum.oversight_representative or admin,
            cohort=forum.cohort or Cohort.objects.get(slug=cohort),
        )


def _member_place(forum: Forum, *, admin: User, member: User) -> None:
    """The member persona applies, is vetted, joins forum A and becomes a co-chair."""
    if not ForumMembership.objects.filter(user=member).exists():
        from forums.services import forum_member_join
        from recruitment import services as s
        from recruitment.services import ApplicationAnswers, application_submit

        now = timezone.now()
        today = timezone.localdate()
        application = application_submit(
            answers=ApplicationAnswers(
                cohort_slugs=[forum.cohort.slug if forum.cohort else COHORTS["forum_a"]],
                full_name=PERSONAS_BY_KEY["member"].name,
                email=member.email,
                phone=MEMBER_PHONE,
                lives_in_area=True,
                may_email=True,
                may_text=True,
                may_phone=True,
                pnc_check_consent_at=now,
                terms_agreed_at=now,
                privacy_notice_seen_at=now,
            ),
            language="en",
        )
        s.application_screening_start(actor=admin, application=application)
        s.application_onboarding_invite(actor=admin, application=application)
        s.onboarding_record(
            actor=admin,
            application=application,
            held_on=today,
            assessed_by_trained_professional=True,
            outcome="ready",
            support_needs="",
        )
        s.pnc_check_request(actor=admin, application=application, requested_on=today)
        s.pnc_result_record(
            actor=admin, application=application, result="no_trace", received_on=today
        )
        membership = s.application_onboard(
            actor=admin, application=application, tenure_ends_on=forum.tenure_end
        )
        forum_member_join(actor=admin, forum=forum, membership=membership)
    if not forum.co_chairs.filter(pk=member.pk).exists():
        from forums.services import forum_settings_set

        forum_settings_set(actor=admin, forum=forum, co_chairs=[*forum.co_chairs.all(), member])
