"""The programme team's and the vetting panel's pages, mounted at /recruitment/.
URLs carry application ids only, never names or answers."""

from django.urls import path

from recruitment.views import membership, onboarding, panel, queue, representativeness, vetting

app_name = "recruitment_staff"
A = "applications/<int:application_id>/"
urlpatterns = [
    path("applications/", queue.queue, name="queue"),
    path(A, queue.application_detail, name="application"),
    path(A + "start-screening", onboarding.screening_start, name="screening_start"),
    path(A + "invite", onboarding.onboarding_invite, name="onboarding_invite"),
    path(A + "onboarding-conversation", onboarding.onboarding_record, name="onboarding_record"),
    path(A + "police-check", vetting.pnc_request, name="pnc_request"),
    path(A + "police-check-result", vetting.pnc_result, name="pnc_result"),
    path(A + "membership", membership.onboard, name="onboard"),
    path(A + "withdraw", onboarding.withdraw, name="withdraw"),
    path(A + "reopen", onboarding.reopen, name="reopen"),
    path("waiting-list/", membership.waiting_list, name="waiting_list"),
    path("waiting-list/<int:membership_id>/place", membership.waiting_place, name="waiting_place"),
    path("panel/", panel.panel_list, name="panel_list"),
    path("panel/<int:application_id>/", panel.panel_application, name="panel_application"),
    path("panel/<int:application_id>/decision", panel.panel_decision, name="panel_decision"),
    path(
        "representativeness/",
        representativeness.representativeness,
        name="representativeness",
    ),
]
