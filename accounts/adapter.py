"""How django-allauth fits Victim Voice: no self sign-up, messages through notify, a GOV.UK
"too many attempts" page, and TOTP secrets encrypted at rest."""

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import respond_429
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language

MFA_TYPES = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]

# allauth's email template prefixes -> notify template keys. Anything else goes out as
# the "generic" template with allauth's own subject and text.
NOTIFY_TEMPLATES = {
    "account/email/login_code": "sign_in_code",
    "account/email/password_reset_key": "password_reset",
}

# allauth messages we do not show: a GOV.UK service does not congratulate people on
# signing in; and "a code has been sent to <email>" would be untrue for staff and unknown
# addresses (the code page itself says a code was sent only if there is an account).
SILENT_MESSAGES = {"account/messages/logged_in.txt", "account/messages/login_code_sent.txt"}


def _personalisation(template: str, context: dict[str, Any]) -> dict[str, str]:
    if template == "sign_in_code":
        return {"code": str(context["code"])}
    if template == "password_reset":
        return {"link": str(context["password_reset_url"])}
    raise ValueError(template)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def format_email_subject(self, subject: str) -> str:
        return subject

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from notify.services import message_send

        template = NOTIFY_TEMPLATES.get(template_prefix)
        if template is not None:
            personalisation = _personalisation(template, context)
        else:
            message = self.render_mail(template_prefix, email, context)
            template = "generic"
            personalisation = {"subject": str(message.subject), "body": str(message.body)}
        message_send(
            template=template,
            to_email=email,
            personalisation=personalisation,
            language=get_language(),
        )

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Staff setting up MFA for the first time straight after signing in are not asked
        for their password again; any later change to MFA needs it."""
        if app == "allauth.mfa" and self._just_signed_in_without_mfa():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _just_signed_in_without_mfa(self) -> bool:
        from accounts.mfa import has_mfa

        request = context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or has_mfa(user):
            return False
        records = get_authentication_records(request, user)
        if not records:
            return False
        age = time.time() - records[-1]["at"]
        return age < account_settings.REAUTHENTICATION_TIMEOUT

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Too many failed sign-ins from one address (or for one email) get a 429 page."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from None
            raise

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        if message_template in SILENT_MESSAGES:
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)


class MFAAdapter(DefaultMFAAdapter):
    def _get_site_name(self) -> str:
        # Shown by authenticator apps and security key prompts.
        return str(settings.SERVICE_NAME)

    def encrypt(self, text: str) -> str:
        from lib.encryption import encrypt_str

        return encrypt_str(text)

    def decrypt(self, encrypted_text: str) -> str:
        from lib.encryption import decrypt_str

        return decrypt_str(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff must keep an authenticator app or a security key: MFA is required for
        them. They may remove one only while another remains."""
        user = authenticator.user
        if authenticator.type in MFA_TYPES and user.is_product_staff:  # type: ignore[attr-defined]
            others = Authenticator.objects.filter(user=user, type__in=MFA_TYPES).exclude(
                pk=authenticator.pk
            )
            if not others.exists():
                return False
        return super().can_delete_authenticator(authenticator)
