"""The programme team's opportunity pages (engagement.urls), under engagement/. Record ids
only."""

from django.urls import path

from engagement.views import opportunities as views

urlpatterns: list = [
    path("engagement/opportunities/", views.opportunity_list, name="opportunities"),
    path("engagement/opportunities/new/", views.opportunity_new, name="opportunity_new"),
    path(
        "engagement/opportunities/<int:opportunity_id>/",
        views.opportunity_detail,
        name="opportunity",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/edit/",
        views.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/open/",
        views.opportunity_open,
        name="opportunity_open",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/close/",
        views.opportunity_close,
        name="opportunity_close",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/invite/",
        views.invite,
        name="invite",
    ),
]
