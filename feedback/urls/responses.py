from django.urls import path

from feedback.views import responses as views

app_name = "feedback"
urlpatterns = [
    # Public: the feedback form (docs/feedback.md). Nothing personal in any of these URLs.
    path("f/<str:code>/", views.code_landing, name="code"),
    path("give-feedback/", views.start, name="start"),
    path("give-feedback/team/", views.team, name="team"),
    path("give-feedback/questions/", views.questions, name="questions"),
    path("give-feedback/about-you/", views.equality, name="equality"),
    path("give-feedback/thanks/", views.thanks, name="thanks"),
    # The Victim Focus Desk's queue of comments routed for safeguarding or complaints.
    path("feedback/routed/", views.routed_queue, name="routed_queue"),
    path("feedback/routed/<int:routed_id>/handle/", views.routed_handle, name="routed_handle"),
]
