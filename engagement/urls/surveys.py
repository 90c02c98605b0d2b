"""The engagement register's surveys pages (engagement.urls)."""

from django.urls import path

from engagement.views import surveys as views

urlpatterns: list = [
    path(
        "engagement/opportunities/<int:opportunity_id>/questions/",
        views.questions,
        name="questions",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/questions/new/",
        views.question_new,
        name="question_new",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/questions/<int:question_id>/edit/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "engagement/opportunities/<int:opportunity_id>/questions/<int:question_id>/delete/",
        views.question_delete_view,
        name="question_delete",
    ),
    path("register/invitations/<str:token>/survey/", views.survey_answer, name="survey_answer"),
    path("register/invitations/<str:token>/survey/done/", views.survey_done, name="survey_done"),
    path(
        "register/invitations/<str:token>/survey/<int:step>/",
        views.survey_step,
        name="survey_step",
    ),
]
