"""The engagement register's material pages (engagement.urls): the programme team's upload,
preview and comments; the checked view of material through an invitation's link."""

from django.urls import path

from engagement.views import material as views

urlpatterns = [
    path(
        "engagement/opportunities/<int:opportunity_id>/material/",
        views.material,
        name="material",
    ),
    path(
        "engagement/material/<int:material_id>/remove/",
        views.material_remove_view,
        name="material_remove",
    ),
    path(
        "engagement/material/<int:material_id>/preview/",
        views.material_preview,
        name="material_preview",
    ),
    path(
        "engagement/material/<int:material_id>/comments/",
        views.material_comments,
        name="material_comments",
    ),
    path(
        "register/invitations/<str:token>/material/<int:material_id>/",
        views.material_view,
        name="material_view",
    ),
    path(
        "register/invitations/<str:token>/material/<int:material_id>/file/",
        views.material_file,
        name="material_file",
    ),
]
