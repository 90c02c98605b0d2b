"""Page-level access: who may open a page at all (the role decorators, defined only
here), and the two checks services raise with. Object-level checks live in each app's
access module, in one style (forums.access says which)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from accounts import selectors
from accounts.models import User
from accounts.roles import Role

View = Callable[..., HttpResponse]


def actor(request: HttpRequest) -> User:
    """The signed-in person making the request, as a User: for views behind role_required
    or signed_in_required, which send everyone else to sign in first."""
    return request.user  # type: ignore[return-value]


def role_required(*roles: str) -> Callable[[View], View]:
    """Signed-out people go to sign-in; signed-in people without one of `roles` get 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_role(*roles):  # type: ignore[union-attr]
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def signed_in_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def require(allowed: bool) -> None:
    """PermissionDenied unless `allowed`: how a service applies an access decision
    (`require(may_manage_forum(actor, forum))`)."""
    if not allowed:
        raise PermissionDenied


def require_role(user: Any, *roles: str) -> None:
    """PermissionDenied unless `user` holds one of `roles` now (a service's role_required)."""
    if not (getattr(user, "is_authenticated", False) and user.has_role(*roles)):
        raise PermissionDenied


def get_person_for_user(user: User, person_id: int) -> User:
    """One person's record (the people pages: programme admins), or Http404."""
    if not (user.is_authenticated and user.has_role(Role.PROGRAMME_ADMIN)):
        raise Http404
    try:
        return selectors.person_get(person_id=person_id)
    except User.DoesNotExist:
        raise Http404 from None
