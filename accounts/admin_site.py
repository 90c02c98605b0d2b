from functools import wraps
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.mfa import has_verified_mfa


class VictimVoiceAdminSite(admin.AdminSite):
    """Django's admin, for superusers who have signed in with MFA, and nobody else.

    It has no sign-in page of its own (that would skip MFA): people who are signed out go
    to the product's sign-in, and signed-in people without access get a 403 on every
    admin page.
    """

    site_header = "Victim Voice (superusers)"
    site_title = "Victim Voice admin"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_superuser and user.is_staff and has_verified_mfa(request)
        )

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or self.index_url())

    def index_url(self) -> str:
        from django.urls import reverse

        return reverse(f"{self.name}:index")


admin_site = VictimVoiceAdminSite(name="admin")
