"""The engagement register's partner requests and Terms of Reference pages (engagement.urls):
the programme team's and partner agencies' pages, under engagement/. Record ids only."""

from django.urls import path

from engagement.views import requests as views

urlpatterns: list = [
    path("engagement/requests/", views.request_list, name="requests"),
    path("engagement/requests/new/", views.request_new, name="request_new"),
    path("engagement/requests/<int:request_id>/", views.request_detail, name="request"),
    path(
        "engagement/requests/<int:request_id>/decide/",
        views.request_decide,
        name="request_decide",
    ),
    path(
        "engagement/requests/<int:request_id>/change/",
        views.request_change,
        name="request_change",
    ),
    path(
        "engagement/requests/<int:request_id>/withdraw/",
        views.request_withdraw,
        name="request_withdraw",
    ),
    path(
        "engagement/requests/<int:request_id>/material/",
        views.request_material,
        name="request_material",
    ),
    path("engagement/terms/", views.terms, name="terms"),
]
