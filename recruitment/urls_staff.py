"""The programme team's and the vetting panel's pages, mounted at /recruitment/.
URLs carry application ids only, never names or answers."""

from django.urls import path

from recruitment import views_representativeness
from recruitment import views_staff as views

app_name = "recruitment_staff"
A = "applications/<int:application_id>/"
urlpatterns = [
    path("applications/", views.queue, name="queue"),
    path(A, views.application_detail, name="application"),
    path(A + "start-screening", views.screening_start, name="screening_start"),
    path(A + "invite", views.onboarding_invite, name="onboarding_invite"),
    path(A + "onboarding-conversation", views.onboarding_record, name="onboarding_record"),
    path(A + "police-check", views.pnc_request, name="pnc_request"),
    path(A + "police-check-result", views.pnc_result, name="pnc_result"),
    path(A + "membership", views.onboard, name="onboard"),
    path(A + "withdraw", views.withdraw, name="withdraw"),
    path(A + "reopen", views.reopen, name="reopen"),
    path("waiting-list/", views.waiting_list, name="waiting_list"),
    path("waiting-list/<int:membership_id>/place", views.waiting_place, name="waiting_place"),
    path("panel/", views.panel_list, name="panel_list"),
    path("panel/<int:application_id>/", views.panel_application, name="panel_application"),
    path("panel/<int:application_id>/decision", views.panel_decision, name="panel_decision"),
    path(
        "representativeness/",
        views_representativeness.representativeness,
        name="representativeness",
    ),
]
