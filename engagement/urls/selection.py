"""The programme team's fair selection and representativeness pages (engagement.urls),
under engagement/. Record ids only."""

from django.urls import path

from engagement.views import selection as views

urlpatterns: list = [
    path(
        "engagement/opportunities/<int:opportunity_id>/selection/",
        views.selection,
        name="selection",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/selection/run/",
        views.selection_run,
        name="selection_run",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/selection/replace/",
        views.selection_replace,
        name="selection_replace",
    ),
    path(
        "engagement/representativeness/",
        views.representativeness,
        name="representativeness",
    ),
]
