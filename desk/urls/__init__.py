"""The Victim Focus Desk's pages, at /desk/ (docs/desk.md). URLs carry record ids only:
crime references, names and postcodes travel in forms, never in an address."""

from django.urls import path

from desk.views import referrals
from desk.views import reference as reference_views

app_name = "desk"

urlpatterns: list = [
    path("victims/<int:victim_id>/assessment/", referrals.assessment_new, name="assessment_new"),
    path("victims/<int:victim_id>/referral/", referrals.referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/", referrals.referral, name="referral"),
    path("victims/<int:victim_id>/invitation/", referrals.invitation_new, name="invitation_new"),
    path("closures/", reference_views.closures, name="closures"),
    path("time-limits/", reference_views.time_limits, name="time_limits"),
]
