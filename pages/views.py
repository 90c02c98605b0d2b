import sys

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lib.unavailable import RETRY_AFTER_SECONDS, database_unavailable
from pages.forms import COMMENTS_MAX_LENGTH, ServiceFeedbackForm
from pages.models import Satisfaction
from pages.services import service_feedback_record


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", {"dpo_email": settings.DPO_EMAIL})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", {"contact_email": settings.CONTACT_EMAIL})


def cookies(request: HttpRequest) -> HttpResponse:
    from feedback.form_session import cookie_name as feedback_form_cookie_name

    cookie_names = {
        "session": settings.SESSION_COOKIE_NAME,
        "csrf": settings.CSRF_COOKIE_NAME,
        "language": settings.LANGUAGE_COOKIE_NAME,
        "feedback_form": feedback_form_cookie_name(),
    }
    return render(request, "pages/cookies.html", {"cookie_names": cookie_names})


@require_http_methods(["GET", "POST"])
def service_feedback(request: HttpRequest) -> HttpResponse:
    form = ServiceFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service_feedback_record(
            satisfaction=form.cleaned_data["satisfaction"],
            comments=form.cleaned_data["comments"],
        )
        return redirect("pages:feedback_sent")
    return render(
        request,
        "pages/service_feedback.html",
        {
            "form": form,
            "choices": Satisfaction.choices,
            "comments_max_length": COMMENTS_MAX_LENGTH,
        },
    )


def service_feedback_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/service_feedback_sent.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form was sent without a valid security token (usually an old page, or cookies off)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest | None = None) -> HttpResponse:
    # Called while the error is being handled, wherever it was raised (a view, or the
    # session and sign-in middleware): a database that cannot be reached is a 503.
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    # Rendered without the request: whatever failed may have been in the middleware.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def service_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    """503 with Retry-After: the database cannot be reached just now (lib/unavailable.py).

    Nothing here reads the database: the page is rendered without the request (no user,
    no session), in the language its cookie or the browser asks for; the APIs get their
    JSON refusal."""
    detail = "The service is unavailable. Try again in a minute."
    response: HttpResponse
    if request is not None and request.path.startswith("/api/"):
        response = JsonResponse({"code": "service_unavailable", "detail": detail}, status=503)
    else:
        language = translation.get_language_from_request(request) if request else None
        with translation.override(language or translation.get_language()):
            page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
