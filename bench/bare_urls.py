"""The product's URLs plus a bare view that does one insert, for the feedback submit
benchmark (bench/bench_feedback_submit.py) and the desk's event API
(bench/bench_desk.py). Selected only by bench/bare_settings.py."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from victimvoice.urls import urlpatterns as product_urlpatterns

BARE_TABLE = "bench_bare_insert"


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    """One INSERT of the posted body's size, through the same middleware, worker and
    database as the product: the floor a real submit is compared with."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (created_at, payload) VALUES (now(), %s)",  # noqa: S608
            [request.POST.get("comment", "")],
        )
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def bare_json_insert(request: HttpRequest) -> HttpResponse:
    """One INSERT of the posted JSON body as text: the floor the desk's event API is compared
    with (bench/bench_desk.py)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_TABLE} (created_at, payload) VALUES (now(), %s)",  # noqa: S608
            [request.body.decode()],
        )
    return HttpResponse(status=204)


urlpatterns: list[object] = [
    path("bench/bare-insert/", bare_insert, name="bench_bare_insert"),
    path("bench/bare-json-insert/", bare_json_insert, name="bench_bare_json_insert"),
]
urlpatterns += product_urlpatterns

handler403 = "pages.views.forbidden"
handler404 = "pages.views.not_found"
handler500 = "pages.views.server_error"
