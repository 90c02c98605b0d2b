"""The public application, mounted at /apply/. URLs name steps only, never answers."""

from django.urls import path

from recruitment.views import public as views

app_name = "recruitment_public"
urlpatterns = [
    path("", views.start, name="start"),
    path("check-your-answers", views.check, name="check"),
    path("application-sent", views.confirmation, name="confirmation"),
    path("you-cannot-apply", views.not_eligible, name="not_eligible"),
    path("stop-your-application", views.stop, name="stop"),
    # The link sent with the receipt: a random token, never a name or a reference.
    path("withdraw/<str:token>", views.withdraw, name="withdraw"),
    path("application-withdrawn", views.withdrawn, name="withdrawn"),
    path("<slug:slug>", views.step, name="step"),
]
