"""The public application, mounted at /apply/. URLs name steps only, never answers."""

from django.urls import path

from recruitment import views_public as views

app_name = "recruitment_public"
urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers", views.check, name="check"),
    path("application-sent", views.confirmation, name="confirmation"),
    path("you-cannot-apply", views.not_eligible, name="not_eligible"),
    path("<slug:slug>", views.step, name="step"),
]
