"""Who may open every URL in the project. tests/test_persona_matrix.py enumerates every URL
pattern and fails for any that is not declared here, so every new page declares its reach.

Outcomes: an HTTP status (200, 403, 404, 405, 302) or "login" (redirected to sign-in) or
"mfa" (a staff account without MFA, redirected to MFA set-up).
Default rules for a declaration with `allow` = set of persona keys:
  - personas in `allow` get `ok` (200 unless said);
  - "anonymous" gets "login"; "staff_without_mfa" gets "mfa" (staff pages) unless listed;
  - every other signed-in persona gets `denied` (403 unless said);
  - `overrides` sets any persona's outcome explicitly (e.g. 404 for another forum's facilitator).
`allow=EVERYONE` means public: every persona, signed in or not, gets `ok`.
`kwargs` builds the URL's arguments from the personas dict (key -> User).
`not_a_page` marks URLs the matrix cannot fetch with a plain GET (give the reason); they are
still listed here so that nothing is forgotten, and must be covered by their own tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EVERYONE = "everyone"
Outcome = int | str


@dataclass(frozen=True)
class Declared:
    allow: frozenset[str] | str = frozenset()
    ok: Outcome = 200
    denied: Outcome = 403
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    overrides: dict[str, Outcome] = field(default_factory=dict)
    not_a_page: str = ""


def only(*keys: str, **extra: Any) -> Declared:
    return Declared(allow=frozenset(keys), **extra)


def public(**extra: Any) -> Declared:
    return Declared(allow=EVERYONE, **extra)


def _outbox_message(p: dict[str, Any]) -> dict[str, Any]:
    """A message in the outbox (queued, inside the test's transaction) to open."""
    from notify.services import message_send

    message = message_send(
        template="sign_in_code", to_email=p["member"].email, personalisation={"code": "K7Q2XM"}
    )
    return {"message_id": message.pk}


def _person(p: dict[str, Any]) -> dict[str, Any]:
    """A member of staff for the people pages to show: the officer."""
    return {"person_id": p["officer"].pk}


def _officer_role(p: dict[str, Any]) -> dict[str, Any]:
    officer = p["officer"]
    return {"person_id": officer.pk, "assignment_id": officer.role_assignments.current().get().pk}


def _forum_a(p: dict[str, Any]) -> dict[str, Any]:
    return {"forum_id": p["facilitator_forum_a"].role_assignments.current().get().forums.get().pk}


# Subject requests ----------------------------------------------------------------------
def _subject_member(p: dict[str, Any]) -> dict[str, Any]:
    return {"person_key": f"user-{p['member'].pk}"}


def _subject_receipt(p: dict[str, Any]) -> dict[str, Any]:
    from privacy.models import SubjectRequest

    request = SubjectRequest.objects.create(kind="erasure", handled_by=p["dpo"], receipt={})
    return {"request_id": request.pk}


def _legal_hold(p: dict[str, Any]) -> dict[str, Any]:
    from privacy.models import LegalHold

    hold = LegalHold.objects.create(
        model_label="accounts.user",
        object_id=str(p["member"].pk),
        reason="Claim",
        placed_by=p["dpo"],
    )
    return {"hold_id": hold.pk}


def _redaction_item(p: dict[str, Any]) -> dict[str, Any]:
    """A text waiting for review (inside the test's transaction) to open."""
    from redaction.services import redaction_prepare

    item = redaction_prepare(text="Call Gary Oakes on 07700 900123.", purpose="demo")
    return {"item_id": item.pk}


# Recruitment (staff) --------------------------------------------------------------------
def _staff_application(p: dict[str, Any], stage: str = "received") -> dict[str, Any]:
    """An application to the disabled victims forum, run by the partner organisation of
    facilitator_partner (not facilitator_forum_a's), moved on to `stage`."""
    from datetime import timedelta

    from django.utils import timezone

    from recruitment import services as s
    from recruitment.models import Cohort
    from tests.recruitment_staff import make_application, to_panel, to_vetting

    Cohort.objects.filter(slug="disabled-victims").update(
        is_partner_facilitated=True,
        facilitating_organisation=p["facilitator_partner"].organisation,
    )
    admin = p["programme_admin"]
    application = make_application(cohorts=("disabled-victims",))
    today = timezone.localdate()
    if stage == "screening":
        s.application_screening_start(actor=admin, application=application)
    elif stage == "onboarding":
        s.application_screening_start(actor=admin, application=application)
        s.application_onboarding_invite(actor=admin, application=application)
    elif stage == "vetting":
        to_vetting(application, admin)
    elif stage == "pnc_requested":
        to_vetting(application, admin)
        s.pnc_check_request(actor=admin, application=application, requested_on=today)
    elif stage in ("panel", "decided"):
        to_panel(application, admin)
    elif stage == "deferred":
        s.application_screening_start(actor=admin, application=application)
        s.application_onboarding_invite(actor=admin, application=application)
        s.onboarding_record(
            actor=admin,
            application=application,
            held_on=today,
            assessed_by_trained_professional=True,
            outcome="defer",
            get_back_in_touch_on=today + timedelta(days=90),
        )
    if stage == "decided":
        from tests.recruitment_staff import all_views

        all_views(application, p)
        s.panel_decision_record(member=p["panel_police"], application=application)
    return {"application_id": application.pk}


def _withdraw_link() -> dict[str, Any]:
    """A real link to withdraw an open application (opening it changes nothing)."""
    from recruitment.models import Application
    from recruitment.services import withdraw_token_hash, withdraw_token_make
    from tests.recruitment_staff import make_application

    application = make_application(email="withdraw.matrix@example.org")
    token = withdraw_token_make()
    Application.objects.filter(pk=application.pk).update(
        withdraw_token_hash=withdraw_token_hash(token)
    )
    return {"token": token}


def _waiting_member(p: dict[str, Any]) -> dict[str, Any]:
    """An accepted applicant to the General forum (which no forum takes), now a member."""
    from django.utils import timezone

    from recruitment import services as s
    from tests.recruitment_staff import make_application, to_vetting

    admin = p["programme_admin"]
    application = to_vetting(make_application(email="waiting.matrix@example.org"), admin)
    today = timezone.localdate()
    s.pnc_check_request(actor=admin, application=application, requested_on=today)
    s.pnc_result_record(actor=admin, application=application, result="no_trace", received_on=today)
    return {"membership_id": s.application_onboard(actor=admin, application=application).pk}


def _at(stage: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda p: _staff_application(p, stage)


PANEL = ("panel_oversight", "panel_police", "panel_facilitator")


SIGNED_IN = frozenset(
    {
        "programme_admin",
        "facilitator_forum_a",
        "facilitator_partner",
        "panel_oversight",
        "panel_police",
        "panel_facilitator",
        "police_lead",
        "partner_agency",
        "analyst",
        "officer",
        "desk_agent",
        "dpo",
        "member",
        "outsider",
    }
)  # every signed-in persona but staff_without_mfa (who is sent to MFA set-up)
WITH_A_ROLE = SIGNED_IN - {"outsider"}


# Forums and meetings -------------------------------------------------------------------
# A meeting of forum A (facilitator_forum_a's) with a published agenda item, a document, a
# recording and a shared note. The cast is the demo's (victimvoice/cast.py): the member
# persona is a member and co-chair of forum A, the police lead the police representative of
# every forum, the programme admin the oversight body's. Journeys: tests/test_forums_*.py
# and tests/test_meetings_*.py.
def _forum_meeting(p: dict[str, Any]) -> Any:
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from forums import services as forum_services
    from forums.models import AgendaDocument, Recording

    admin = p["programme_admin"]
    forum = p["facilitator_forum_a"].role_assignments.current().get().forums.get()
    meeting = forum_services.meeting_schedule(
        actor=admin, forum=forum, starts_at=timezone.now() + timedelta(days=14)
    )
    item = forum_services.agenda_item_propose(
        actor=admin, meeting=meeting, title="Draft leaflet", detail="Read it first."
    )
    document = AgendaDocument(
        item=item, original_name="leaflet.pdf", content_type="application/pdf", size=9
    )
    document.file.save("leaflet.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    recording = Recording(meeting=meeting, content_type="audio/mpeg", size=3)
    recording.file.save("r.mp3", ContentFile(b"ID3"), save=False)
    recording.save()
    forum_services.note_save(actor=admin, meeting=meeting, text="We talked about the leaflet.")
    forum_services.note_share(actor=admin, note=meeting.note)
    forum_services.agenda_publish(actor=admin, meeting=meeting)
    return meeting


def _meeting(p: dict[str, Any]) -> dict[str, Any]:
    return {"meeting_id": _forum_meeting(p).pk}


def _agenda_item(p: dict[str, Any]) -> dict[str, Any]:
    meeting = _forum_meeting(p)
    return {"meeting_id": meeting.pk, "item_id": meeting.agenda_items.get().pk}


def _published_document(p: dict[str, Any]) -> dict[str, Any]:
    from forums.models import AgendaDocument

    meeting = _forum_meeting(p)
    return {"document_id": AgendaDocument.objects.get(item__meeting=meeting).pk}


def _forum_member(p: dict[str, Any]) -> dict[str, Any]:
    """The member persona's place in forum A (the demo's cast: victimvoice/cast.py)."""
    from forums.models import ForumMembership

    place = ForumMembership.objects.get(user=p["member"])
    return {"forum_id": place.forum_id, "membership_id": place.pk}


_FORUM_A_TEAM = ("programme_admin", "facilitator_forum_a")
_NOT_PARTNER = {"facilitator_partner": 404}


def _forum_a_page(**extra: Any) -> Declared:
    return only(*_FORUM_A_TEAM, kwargs=_forum_a, overrides=_NOT_PARTNER, **extra)


def _meeting_page(
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = _meeting, **extra: Any
) -> Declared:
    return only(*_FORUM_A_TEAM, kwargs=kwargs, overrides=_NOT_PARTNER, **extra)


# Signed-in pages reached only through the meeting: anyone outside forum A gets 404.
def _in_forum(
    *keys: str, kwargs: Callable[[dict[str, Any]], dict[str, Any]], **extra: Any
) -> Declared:
    return only(*keys, kwargs=kwargs, denied=404, **extra)


FORUM_DECLARATIONS: dict[str, Declared] = {
    "forums:edit": only("programme_admin", kwargs=_forum_a),
    "forums:member_join": _forum_a_page(),
    "forums:member_status": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_forum_member, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_forums_pages
    "forums:meetings": _forum_a_page(),
    "forums:meeting_new": _forum_a_page(),
    "forums:meeting_series": _forum_a_page(),
    "forums:venue_new": only(*_FORUM_A_TEAM, "facilitator_partner"),
    # The police representative (the police lead) sees the meeting as police see it and
    # proposes items; the member persona, a co-chair, sees it as a member
    # (tests/test_forums_representatives.py checks no identity reaches the police).
    "forums:meeting": _in_forum(*_FORUM_A_TEAM, "police_lead", "member", kwargs=_meeting),
    "forums:meeting_cancel": _meeting_page(),
    "forums:meeting_edit": _meeting_page(),
    "forums:meeting_invite": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_meetings_pages
    "forums:meeting_ics": _in_forum(*_FORUM_A_TEAM, "police_lead", "member", kwargs=_meeting),
    "forums:agenda_item_new": _in_forum(
        *_FORUM_A_TEAM, "police_lead", kwargs=_meeting, overrides={"member": 403}
    ),
    "forums:agenda_item_decide": _meeting_page(kwargs=_agenda_item),
    "forums:document_upload": _in_forum(
        *_FORUM_A_TEAM, "police_lead", kwargs=_agenda_item, overrides={"member": 403}
    ),
    "forums:agenda_publish": _meeting_page(),
    "forums:document": _in_forum(
        *_FORUM_A_TEAM, "police_lead", "member", kwargs=_published_document
    ),
    "forums:attendance": _meeting_page(),
    "forums:recording_upload": _meeting_page(),
    "forums:recording": _meeting_page(),
    "forums:note": _meeting_page(),
    "forums:note_share": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_meetings_notes
    "forums:note_finalise": only(
        *_FORUM_A_TEAM, ok=405, kwargs=_meeting, overrides={"facilitator_partner": 405}
    ),  # POST only: tested in test_meetings_notes
    # Only co-chairs check a shared note (the member persona is one here); the forum's
    # staff and the police representative are refused (403), anyone else does not know the
    # meeting (404).
    "forums:note_review": _in_forum(
        "member", kwargs=_meeting, overrides={k: 403 for k in (*_FORUM_A_TEAM, "police_lead")}
    ),
}


DECLARATIONS: dict[str, Declared] = {
    "pages:home": public(),
    "pages:healthz": public(),
    "pages:privacy": public(),
    "pages:accessibility": public(),
    "pages:cookies": public(),
    "pages:feedback": public(),
    "pages:feedback_sent": public(),
    "set_language": public(ok=405, not_a_page="POST only; tested in test_language_switch"),
    # Messages
    "notify:outbox": only("programme_admin"),
    "notify:outbox_message": only("programme_admin", kwargs=_outbox_message),
    # People, dashboards and forums
    "accounts:dashboard": Declared(allow=SIGNED_IN, ok=302),
    "accounts:no_access": only("outsider", overrides={k: 302 for k in WITH_A_ROLE}),
    "accounts:dashboard_programme_admin": only("programme_admin"),
    "accounts:dashboard_dpo": only("dpo"),
    "accounts:dashboard_facilitator": only("facilitator_forum_a", "facilitator_partner"),
    "accounts:dashboard_vetting_panel": only(
        "panel_oversight", "panel_police", "panel_facilitator"
    ),
    "accounts:dashboard_police_lead": only("police_lead"),
    "accounts:dashboard_partner_agency": only("partner_agency"),
    "accounts:dashboard_analyst": only("analyst"),
    "accounts:dashboard_officer": only("officer"),
    "accounts:dashboard_desk_agent": only("desk_agent"),
    "accounts:dashboard_member": only("member"),
    "accounts:people": only("programme_admin"),
    "accounts:person_invite": only("programme_admin"),
    "accounts:person": only("programme_admin", kwargs=_person),
    "accounts:role_assign": only("programme_admin", kwargs=_person),
    "accounts:role_remove": only("programme_admin", kwargs=_officer_role),
    "accounts:person_deactivate": only("programme_admin", kwargs=_person),
    "accounts:person_reactivate": only("programme_admin", kwargs=_person),
    "forums:list": only("programme_admin", "facilitator_forum_a", "facilitator_partner"),
    "forums:detail": only(
        "programme_admin",
        "facilitator_forum_a",
        kwargs=_forum_a,
        overrides={"facilitator_partner": 404},
    ),
    # Apply to join a forum: every step is public. A step whose earlier steps are not
    # answered sends the visitor back to the first one (302); so do Check your answers and
    # the confirmation without answers. Staff who have not set up MFA are sent to set it up
    # (accounts.middleware: only pages:* are exempt). Journeys: tests/test_recruitment_public*.py.
    "recruitment_public:start": public(overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:step": public(
        kwargs=lambda p: {"slug": "age"}, overrides={"staff_without_mfa": "mfa"}
    ),
    "recruitment_public:check": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:confirmation": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:not_eligible": public(overrides={"staff_without_mfa": "mfa"}),
    # "Do you want to stop?" with no answer to confirm goes back to the journey (302). The
    # link to withdraw asks to confirm (200 for a real link, 404 for any other); the page
    # after withdrawing goes to the start without one (tests/test_recruitment_withdrawal.py).
    "recruitment_public:stop": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    "recruitment_public:withdraw": public(
        kwargs=lambda p: _withdraw_link(), overrides={"staff_without_mfa": "mfa"}
    ),
    "recruitment_public:withdrawn": public(ok=302, overrides={"staff_without_mfa": "mfa"}),
    # Recruitment (staff): the programme team's queue and moves, and the vetting panel
    # (tests/test_recruitment_staff*.py, test_recruitment_panel.py). Applications to a
    # partner-run forum are seen by that partner's facilitators, never by another's (404).
    # A move opened in the right stage shows its confirmation or form page.
    "recruitment_staff:queue": only(
        "programme_admin", "facilitator_forum_a", "facilitator_partner"
    ),
    "recruitment_staff:application": only(
        "programme_admin",
        "facilitator_partner",
        kwargs=_at("received"),
        overrides={"facilitator_forum_a": 404},
    ),
    "recruitment_staff:screening_start": only("programme_admin", kwargs=_at("received")),
    "recruitment_staff:onboarding_invite": only("programme_admin", kwargs=_at("screening")),
    "recruitment_staff:onboarding_record": only("programme_admin", kwargs=_at("onboarding")),
    "recruitment_staff:pnc_request": only("programme_admin", kwargs=_at("vetting")),
    "recruitment_staff:pnc_result": only("programme_admin", kwargs=_at("pnc_requested")),
    "recruitment_staff:onboard": only("programme_admin", kwargs=_at("decided")),
    "recruitment_staff:withdraw": only("programme_admin", kwargs=_at("received")),
    "recruitment_staff:reopen": only("programme_admin", kwargs=_at("deferred")),
    "recruitment_staff:representativeness": only("programme_admin"),
    # Accepted members without a forum, and placing one (tests/test_recruitment_waiting_list.py).
    "recruitment_staff:waiting_list": only("programme_admin"),
    "recruitment_staff:waiting_place": only("programme_admin", kwargs=lambda p: _waiting_member(p)),
    "recruitment_staff:panel_list": only(*PANEL),
    "recruitment_staff:panel_application": only(*PANEL, kwargs=_at("panel")),
    "recruitment_staff:panel_decision": only(
        *PANEL, ok=405, kwargs=_at("panel")
    ),  # POST only: tested in test_recruitment_panel
    # Privacy team
    "privacy:audit_log": only("dpo"),
    # Redaction review
    "redaction:queue": only("programme_admin"),
    "redaction:review": only("programme_admin", kwargs=_redaction_item),
    "redaction:release": only("programme_admin", kwargs=_redaction_item),
    "redaction:undo": only(
        "programme_admin",
        kwargs=_redaction_item,
        not_a_page="POST only; tested in test_redaction_review",
    ),
    # Subject requests (tests/test_subject_requests.py). An export lives in the DPO's
    # session, so a plain GET of another export is "not found"; without a search kept in
    # the session the results page sends the DPO back to the search.
    "privacy:subject_search": only("dpo"),
    "privacy:subject_results": only("dpo", ok=302),
    "privacy:subject_receipts": only("dpo"),
    "privacy:subject_receipt": only("dpo", kwargs=_subject_receipt),
    "privacy:subject_export_document": only("dpo", ok=404, kwargs=lambda p: {"request_id": 1}),
    "privacy:subject_export_json": only("dpo", ok=404, kwargs=lambda p: {"request_id": 1}),
    "privacy:subject_person": only("dpo", kwargs=_subject_member),
    "privacy:subject_export": only("dpo", ok=405, kwargs=_subject_member),  # POST only
    "privacy:subject_hold": only("dpo", kwargs=_subject_member),
    "privacy:subject_erase": only("dpo", kwargs=_subject_member),
    "privacy:legal_holds": only("dpo"),
    "privacy:legal_hold_release": only("dpo", kwargs=_legal_hold),
    # Retention (tests/test_retention_pages.py)
    "privacy:retention_schedule": only("dpo"),
    "privacy:retention_receipts": only("dpo"),
}
DECLARATIONS.update(FORUM_DECLARATIONS)  # Forums and meetings (above)


# Sign-in (allauth) -------------------------------------------------------------------
# Pages of django-allauth (accounts, MFA, sessions) and of Django's admin. Signed-in
# people opening a sign-in page are sent on to their dashboard (302); members and
# outsiders opening an MFA page likewise. MFA pages that change something first ask
# staff to confirm their password (302 to account_reauthenticate). Whole flows are
# tested in tests/test_sign_in.py, test_mfa.py, test_sessions.py and test_admin_site.py.
SIGN_IN_STAFF = frozenset(SIGNED_IN - {"member", "outsider"})
NO_MFA_SET_UP = "staff_without_mfa"
_signed_out_only: dict[str, Any] = {"allow": frozenset({"anonymous"}), "denied": 302}
_public_account_page: dict[str, Any] = {"allow": EVERYONE, "overrides": {NO_MFA_SET_UP: "mfa"}}
_not_offered: dict[str, Any] = {"allow": EVERYONE, "ok": 404, "overrides": {NO_MFA_SET_UP: "mfa"}}
_mfa_change: dict[str, Any] = {"allow": SIGN_IN_STAFF, "ok": 302, "denied": 302}

DECLARATIONS.update(
    {
        "account_login": Declared(**_signed_out_only),
        "account_request_login_code": Declared(**_signed_out_only),
        # Without a code requested first, it sends people back to ask for one.
        "account_confirm_login_code": Declared(**_signed_out_only, ok=302),
        "account_logout": Declared(allow=SIGNED_IN | {NO_MFA_SET_UP}, overrides={"anonymous": 302}),
        "account_inactive": Declared(**_public_account_page),
        "account_reset_password": Declared(**_public_account_page),
        "account_reset_password_done": Declared(**_public_account_page),
        "account_reset_password_from_key": Declared(
            **_public_account_page,  # a key that does not work: "This link does not work"
            kwargs=lambda p: {"uidb36": "0", "key": "not-a-real-key"},
        ),
        "account_reset_password_from_key_done": Declared(**_public_account_page),
        "account_change_password": Declared(allow=SIGN_IN_STAFF, denied=404),
        "account_reauthenticate": Declared(allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, denied=404),
        # Flows Victim Voice does not offer (accounts.middleware.UNUSED_PAGES).
        "account_signup": Declared(**_not_offered),
        "account_email": Declared(**_not_offered),
        "account_email_verification_sent": Declared(**_not_offered),
        "account_confirm_email": Declared(**_not_offered, kwargs=lambda p: {"key": "nothing"}),
        "account_set_password": Declared(**_not_offered),
        # Only during a sign-in, after the password: otherwise back to sign-in/dashboard.
        "mfa_authenticate": Declared(denied=302),
        "mfa_index": Declared(allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, denied=302),
        "mfa_activate_totp": Declared(**_mfa_change, overrides={NO_MFA_SET_UP: 302}),
        "mfa_deactivate_totp": Declared(**_mfa_change),
        "mfa_reauthenticate": Declared(
            allow=SIGN_IN_STAFF, denied=302, overrides={NO_MFA_SET_UP: 302}
        ),
        # The personas have no recovery codes yet (404); see test_mfa for real ones.
        "mfa_view_recovery_codes": Declared(
            allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, ok=404, denied=302
        ),
        "mfa_download_recovery_codes": Declared(
            allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, ok=404, denied=302
        ),
        "mfa_generate_recovery_codes": Declared(**_mfa_change, overrides={NO_MFA_SET_UP: 302}),
        # Security keys. The edit and remove pages ask for the password before looking
        # for the key; test_mfa checks someone else's key is not found.
        "mfa_list_webauthn": Declared(allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, denied=302),
        "mfa_add_webauthn": Declared(**_mfa_change, overrides={NO_MFA_SET_UP: 302}),
        "mfa_reauthenticate_webauthn": Declared(**_mfa_change),
        "mfa_edit_webauthn": Declared(**_mfa_change, kwargs=lambda p: {"pk": 999999}),
        "mfa_remove_webauthn": Declared(**_mfa_change, kwargs=lambda p: {"pk": 999999}),
        "usersessions_list": Declared(allow=SIGNED_IN),
        # Django's admin: superusers who passed MFA only (no persona is one; see
        # test_admin_site). Everyone else signed in gets 403.
        "admin:index": Declared(),
        "admin:login": Declared(),
        "admin:logout": Declared(),
        "admin:password_change": Declared(),
        "admin:password_change_done": Declared(),
        "admin:autocomplete": Declared(),
        "admin:jsi18n": Declared(),
        "admin:view_on_site": Declared(kwargs=lambda p: {"content_type_id": "1", "object_id": "1"}),
        "route:django-admin/(?P<url>.*)$": Declared(
            not_a_page="admin's catch-all for unknown admin URLs; see test_admin_site"
        ),
    }
)


# Later apps declare their URLs in their own module (imported last: they use the helpers
# above).
from tests import (  # noqa: E402
    access_dashboards,
    access_directory,
    access_feedback,
    access_feedback_invitations,
    access_insights,
    access_portal,
    access_reports,
    access_yousaid,
)

for _module in (
    access_portal,
    access_insights,
    access_reports,
    access_yousaid,
    access_feedback,
    access_feedback_invitations,
    access_directory,
    access_dashboards,
):
    DECLARATIONS.update(_module.DECLARATIONS)
