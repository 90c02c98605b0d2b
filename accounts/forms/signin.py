"""allauth forms adjusted to the sign-in rules: members sign in with a code, staff with a
password and MFA. A form asked about the wrong kind of account behaves exactly as for an
address nobody holds, so nobody can learn which addresses belong to staff."""

from typing import Any

from allauth.account.fields import EmailField as AllauthEmailField
from allauth.account.forms import RequestLoginCodeForm as BaseRequestLoginCodeForm
from allauth.account.forms import ResetPasswordForm as BaseResetPasswordForm

from lib.text import CleanEmailField


def _is_staff(user: Any) -> bool:
    return bool(getattr(user, "is_product_staff", False))


class SignInEmailField(CleanEmailField, AllauthEmailField):
    """allauth's email field (its widget, lower case) without invisible characters
    (lib.text), so an address pasted with a zero-width space still works."""


class RequestLoginCodeForm(BaseRequestLoginCodeForm):
    """Sign-in codes are for members: for a staff address nothing is sent."""

    email = SignInEmailField()

    def clean_email(self) -> str:
        email = super().clean_email()
        if _is_staff(getattr(self, "_user", None)):
            self._user = None
        return email


class ResetPasswordForm(BaseResetPasswordForm):
    """Passwords are for staff: members have none, so for them nothing is sent."""

    def clean_email(self) -> str:
        email = super().clean_email()
        self.users: list[Any] = [user for user in self.users if _is_staff(user)]
        return email
