from django.contrib import admin
from django.http import HttpRequest

from accounts.mfa import has_verified_mfa


class VictimVoiceAdminSite(admin.AdminSite):
    """Django's admin, for superusers who have signed in with MFA, and nobody else."""

    site_header = "Victim Voice (superusers)"
    site_title = "Victim Voice admin"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_superuser
            and user.is_staff
            and has_verified_mfa(request)
        )


admin_site = VictimVoiceAdminSite(name="admin")
