"""The engagement register's results pages (engagement.urls)."""

from django.urls import path

from engagement.views import results as views

urlpatterns: list = [
    path("engagement/opportunities/<int:opportunity_id>/results/", views.results, name="results"),
    path(
        "engagement/opportunities/<int:opportunity_id>/results/csv/",
        views.results_csv,
        name="results_csv",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/results/release/",
        views.release,
        name="results_release",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/what-changed/",
        views.what_changed,
        name="what_changed",
    ),
    path("portal/register/you-said-we-did/", views.you_said, name="you_said"),
]
