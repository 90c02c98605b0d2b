"""The Victim Focus Desk's pages, at /desk/ (docs/desk.md). URLs carry record ids only:
crime references, names and postcodes travel in forms, never in an address."""

from django.urls import path

from desk.views import cases, compliance, contacts, referrals
from desk.views import queue as queue_views
from desk.views import reference as reference_views

app_name = "desk"

urlpatterns: list = [
    path("", queue_views.queue, name="queue"),
    path("upcoming/", queue_views.upcoming, name="upcoming"),
    path("tasks/<int:task_id>/claim/", queue_views.task_claim_view, name="task_claim"),
    path("tasks/<int:task_id>/release/", queue_views.task_release_view, name="task_release"),
    path("tasks/<int:task_id>/reassign/", queue_views.task_reassign_view, name="task_reassign"),
    path("tasks/<int:task_id>/late-reason/", queue_views.late_reason, name="late_reason"),
    path("tasks/<int:task_id>/routed/", queue_views.routed_task, name="routed_task"),
    path("find/", cases.find, name="find"),
    path("cases/new/", cases.case_new, name="case_new"),
    path("cases/<int:case_id>/", cases.case, name="case"),
    path("cases/<int:case_id>/correct/", cases.case_correct, name="case_correct"),
    path("cases/<int:case_id>/events/new/", cases.event_new, name="event_new"),
    path("victims/<int:victim_id>/contacts/new/", contacts.contact_new, name="contact_new"),
    path("victims/<int:victim_id>/agreement/", contacts.agreement, name="agreement"),
    path("victims/<int:victim_id>/safe-contact/", contacts.safe_contact, name="safe_contact"),
    path("holds/", contacts.holds, name="holds"),
    path("holds/<int:hold_id>/", contacts.hold_review, name="hold_review"),
    path("compliance/", compliance.compliance, name="compliance"),
    path("compliance/download.csv", compliance.compliance_csv, name="compliance_csv"),
    path("compliance/download.xlsx", compliance.compliance_xlsx, name="compliance_xlsx"),
    path("victims/<int:victim_id>/assessment/", referrals.assessment_new, name="assessment_new"),
    path("victims/<int:victim_id>/referral/", referrals.referral_new, name="referral_new"),
    path("referrals/<int:referral_id>/", referrals.referral, name="referral"),
    path("victims/<int:victim_id>/invitation/", referrals.invitation_new, name="invitation_new"),
    path("closures/", reference_views.closures, name="closures"),
    path("time-limits/", reference_views.time_limits, name="time_limits"),
]
