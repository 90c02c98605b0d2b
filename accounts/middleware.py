from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class SessionTimeoutMiddleware:
    """Placeholder until sign-in rules land (idle 30 minutes, absolute 12 hours for staff)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class RequireStaffMFAMiddleware(SessionTimeoutMiddleware):
    """Placeholder until sign-in rules land: staff without MFA reach only MFA set-up."""
