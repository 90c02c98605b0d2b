"""MFA for staff: set up before anything else, required at every sign-in, secrets
encrypted at rest; members never see the MFA pages."""

import hashlib
import json
import os
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from accounts.mfa import has_verified_mfa
from lib.encryption import decrypt_str
from privacy.models import AuditAction, AuditEvent
from tests.accounts.test_sign_in import password_sign_in, reaches_dashboard, signed_in, totp_code
from tests.conftest import sign_in
from tests.govuk import check_govuk_page
from victimvoice.personas import DEMO_PASSWORD, PERSONAS_BY_KEY

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")
MFA_PAGES = [
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
]


def test_staff_without_mfa_are_sent_to_set_it_up_and_can_finish(client, personas):
    person = personas["staff_without_mfa"]
    response = password_sign_in(client, person.email)
    assert response.status_code == 302
    assert signed_in(client)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE

    page = client.get(ACTIVATE)
    assert page.status_code == 200
    soup = check_govuk_page(page.content)
    assert soup.find("img", src=lambda src: src and src.startswith("data:image/svg+xml"))
    secret = client.session[SECRET_SESSION_KEY]
    assert soup.find(id="totp-secret").get_text(strip=True) == secret
    assert soup.find("input", attrs={"name": "code", "autocomplete": "one-time-code"})

    wrong = client.post(ACTIVATE, {"code": "12345"})
    assert wrong.status_code == 200
    assert 'href="#id_code"' in wrong.content.decode()

    response = client.post(ACTIVATE, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    assert len(check_govuk_page(codes_page.content).select(".vv-recovery-codes li")) == 10
    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Type"].startswith("text/plain")
    assert reaches_dashboard(client)
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ENABLED, actor=person).exists()


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (reverse("accounts:dashboard"), ACTIVATE),
        (reverse("usersessions_list"), ACTIVATE),
        (reverse("account_change_password"), ACTIVATE),
        (reverse("pages:home"), None),
        (reverse("pages:privacy"), None),
        (reverse("account_logout"), None),
        (reverse("account_reauthenticate"), None),
        # Without a fresh sign-in, setting up MFA first asks for the password again.
        (
            ACTIVATE,
            reverse("account_reauthenticate") + "?next=%2Faccount%2F2fa%2Ftotp%2Factivate%2F",
        ),
    ],
)
def test_staff_without_mfa_reach_only_mfa_set_up_and_public_pages(client_as, path, expected):
    response = client_as("staff_without_mfa").get(path)
    if expected:
        assert response.status_code == 302
        assert response["Location"] == expected
    else:
        assert response.status_code == 200


def test_healthz_answers_staff_without_mfa(client_as):
    assert client_as("staff_without_mfa").get(reverse("pages:healthz")).status_code == 200


def test_staff_whose_session_did_not_pass_mfa_are_signed_out(client, personas):
    sign_in(client, personas["desk_agent"], mfa=False)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)
    assert AuditEvent.objects.filter(
        action=AuditAction.SIGN_OUT, actor=personas["desk_agent"], note="mfa"
    ).exists()


def test_a_session_that_passed_mfa_counts_as_verified(rf, personas, client_as):
    client = client_as("officer")
    request = rf.get("/")
    request.user = personas["officer"]
    request.session = client.session
    assert has_verified_mfa(request)
    request.user = personas["analyst"]  # the records belong to someone else
    assert not has_verified_mfa(request)


@pytest.mark.parametrize("name", MFA_PAGES)
def test_members_never_see_mfa_pages(client_as, name):
    response = client_as("member").get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


def test_staff_sign_in_with_a_recovery_code(client, personas, client_as):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    person = personas["analyst"]
    codes = RecoveryCodes.activate(person).generate_codes()
    password_sign_in(client, person.email)
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 302
    assert reaches_dashboard(client)


def test_totp_secrets_are_encrypted_at_rest(personas):
    authenticator = Authenticator.objects.get(
        user=personas["programme_admin"], type=Authenticator.Type.TOTP
    )
    stored = authenticator.data["secret"]
    secret = PERSONAS_BY_KEY["programme_admin"].totp_secret
    assert stored != secret
    assert decrypt_str(stored) == secret


def test_staff_cannot_turn_off_their_authenticator_app(client_as, personas):
    client = client_as("programme_admin")
    response = client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("mfa_deactivate_totp"))
    assert page.status_code == 200
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(
        user=personas["programme_admin"], type=Authenticator.Type.TOTP
    ).exists()


def test_the_mfa_overview_shows_staff_their_set_up(client_as):
    response = client_as("programme_admin").get(reverse("mfa_index"))
    assert response.status_code == 200
    assert "Authenticator app" in response.content.decode()


# Security keys (WebAuthn) ------------------------------------------------------------


class SoftKey:
    """A security key in software: answers the browser's WebAuthn calls as a real key
    would (no attestation), so the whole ceremony runs through allauth and fido2."""

    ORIGIN = "http://testserver"

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.asymmetric import ec

        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)
        self.counter = 0

    def _auth_data(self, flags: Any, credential_data: bytes = b"") -> Any:
        from fido2.webauthn import AuthenticatorData

        self.counter += 1
        rp_id_hash = hashlib.sha256(b"testserver").digest()
        return AuthenticatorData.create(rp_id_hash, flags, self.counter, credential_data)

    def create(self, options: dict[str, Any]) -> str:
        from fido2 import cose
        from fido2.utils import websafe_encode
        from fido2.webauthn import (
            AttestationObject,
            AttestedCredentialData,
            AuthenticatorData,
            CollectedClientData,
        )

        client_data = CollectedClientData.create(
            type="webauthn.create",
            challenge=options["publicKey"]["challenge"],
            origin=self.ORIGIN,
        )
        public_key = cose.ES256.from_cryptography_key(self.private_key.public_key())
        credential = AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key)
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT
        attestation = AttestationObject.create("none", self._auth_data(flags, credential), {})
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "attestationObject": websafe_encode(bytes(attestation)),
                },
                "clientExtensionResults": {},
            }
        )

    def get(self, options: dict[str, Any]) -> str:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from fido2.utils import websafe_encode
        from fido2.webauthn import AuthenticatorData, CollectedClientData

        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=options["publicKey"]["challenge"], origin=self.ORIGIN
        )
        auth_data = bytes(self._auth_data(AuthenticatorData.FLAG.UP))
        signature = self.private_key.sign(
            auth_data + hashlib.sha256(bytes(client_data)).digest(), ec.ECDSA(hashes.SHA256())
        )
        return json.dumps(
            {
                "id": websafe_encode(self.credential_id),
                "rawId": websafe_encode(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": websafe_encode(bytes(client_data)),
                    "authenticatorData": websafe_encode(auth_data),
                    "signature": websafe_encode(signature),
                },
                "clientExtensionResults": {},
            }
        )


def page_data(response: Any) -> dict[str, Any]:
    """The WebAuthn options a page hands to allauth's script."""
    soup = check_govuk_page(response.content)
    assert soup.find("script", src=lambda src: src and src.endswith("mfa/js/webauthn.js"))
    for script in soup.find_all("script"):  # files, data, or GOV.UK's own nonced line
        runs_inline = not script.get("src") and script.get("type") != "application/json"
        assert not runs_inline or script.get("nonce"), script
    data = soup.find("script", id="js_data")
    assert data is not None
    return json.loads(data.get_text())


def test_staff_without_mfa_can_set_up_a_security_key_and_sign_in_with_it(client, personas):
    person = personas["staff_without_mfa"]
    key = SoftKey()
    password_sign_in(client, person.email)
    page = client.get(reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    options = page_data(page)["creation_options"]
    response = client.post(
        reverse("mfa_add_webauthn"),
        {"name": "Key on my keyring", "credential": key.create(options)},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert reaches_dashboard(client)
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ENABLED, actor=person).exists()
    listing = client.get(reverse("mfa_list_webauthn"))
    assert "Key on my keyring" in listing.content.decode()

    client.post(reverse("account_logout"))
    password_sign_in(client, person.email)
    page = client.get(reverse("mfa_authenticate"))
    options = page_data(page)["request_options"]
    response = client.post(reverse("mfa_authenticate"), {"credential": key.get(options)})
    assert response.status_code == 302
    assert reaches_dashboard(client)


def test_staff_keep_at_least_one_authenticator_app_or_key(personas):
    from accounts.adapter import MFAAdapter

    totp = Authenticator.objects.get(user=personas["police_lead"], type=Authenticator.Type.TOTP)
    assert not MFAAdapter().can_delete_authenticator(totp)
    Authenticator.objects.create(user=personas["police_lead"], type="webauthn", data={})
    assert MFAAdapter().can_delete_authenticator(totp)


@pytest.mark.parametrize("name", ["mfa_edit_webauthn", "mfa_remove_webauthn"])
def test_someone_elses_security_key_is_not_found(client_as, personas, name):
    key = Authenticator.objects.create(user=personas["analyst"], type="webauthn", data={})
    client = client_as("programme_admin")
    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
    assert client.get(reverse(name, kwargs={"pk": key.pk})).status_code == 404
