"""Who may open each URL of the accounts app, of django-allauth and of user sessions
(collected by tests/project/access_all.py)."""

from typing import Any

from tests.access import EVERYONE, SIGNED_IN, WITH_A_ROLE, Declared, only


def _person(p: dict[str, Any]) -> dict[str, Any]:
    """A member of staff for the people pages to show: the officer."""
    return {"person_id": p["officer"].pk}


def _officer_role(p: dict[str, Any]) -> dict[str, Any]:
    officer = p["officer"]
    return {"person_id": officer.pk, "assignment_id": officer.role_assignments.current().get().pk}


# Sign-in (allauth) -------------------------------------------------------------------
# Pages of django-allauth (accounts, MFA, sessions). Signed-in people opening a sign-in page
# are sent on to their dashboard (302); members and outsiders opening an MFA page likewise.
# MFA pages that change something first ask staff to confirm their password (302 to
# account_reauthenticate). Whole flows are tested in tests/accounts/test_sign_in.py and
# test_mfa.py, and tests/project/test_sessions.py.
SIGN_IN_STAFF = frozenset(SIGNED_IN - {"member", "outsider"})
NO_MFA_SET_UP = "staff_without_mfa"
_signed_out_only: dict[str, Any] = {"allow": frozenset({"anonymous"}), "denied": 302}
_public_account_page: dict[str, Any] = {"allow": EVERYONE, "overrides": {NO_MFA_SET_UP: "mfa"}}
_not_offered: dict[str, Any] = {"allow": EVERYONE, "ok": 404, "overrides": {NO_MFA_SET_UP: "mfa"}}
_mfa_change: dict[str, Any] = {"allow": SIGN_IN_STAFF, "ok": 302, "denied": 302}

DECLARATIONS: dict[str, Declared] = {
    # People and dashboards
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
    "accounts:dashboard_desk_supervisor": only("desk_supervisor"),
    "accounts:dashboard_member": only("member"),
    "accounts:people": only("programme_admin"),
    "accounts:person_invite": only("programme_admin"),
    "accounts:person": only("programme_admin", kwargs=_person),
    "accounts:role_assign": only("programme_admin", kwargs=_person),
    "accounts:role_remove": only("programme_admin", kwargs=_officer_role),
    "accounts:person_deactivate": only("programme_admin", kwargs=_person),
    "accounts:person_reactivate": only("programme_admin", kwargs=_person),
    # Sign-in (allauth)
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
    "mfa_reauthenticate": Declared(allow=SIGN_IN_STAFF, denied=302, overrides={NO_MFA_SET_UP: 302}),
    # The personas have no recovery codes yet (404); see test_mfa for real ones.
    "mfa_view_recovery_codes": Declared(allow=SIGN_IN_STAFF | {NO_MFA_SET_UP}, ok=404, denied=302),
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
}
