"""The accounts app's forms: allauth's sign-in forms adjusted to the sign-in rules
(signin.py; settings.ACCOUNT_FORMS names them here) and the forms programme admins use to
manage staff (staff.py)."""

from accounts.forms.signin import RequestLoginCodeForm, ResetPasswordForm
from accounts.forms.staff import RoleAssignForm, StaffInviteForm

__all__ = ["RequestLoginCodeForm", "ResetPasswordForm", "RoleAssignForm", "StaffInviteForm"]
