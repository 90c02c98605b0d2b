from django.urls import path

from privacy import views, views_retention, views_subjects

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    # Retention
    path("retention/", views_retention.retention_schedule, name="retention_schedule"),
    path("retention/receipts/", views_retention.retention_receipts, name="retention_receipts"),
    # Subject requests
    path("subjects/", views_subjects.subject_search, name="subject_search"),
    path("subjects/results/", views_subjects.subject_results, name="subject_results"),
    path("subjects/receipts/", views_subjects.subject_receipts, name="subject_receipts"),
    path(
        "subjects/receipts/<int:request_id>/",
        views_subjects.subject_receipt,
        name="subject_receipt",
    ),
    path(
        "subjects/exports/<int:request_id>/",
        views_subjects.subject_export_document,
        name="subject_export_document",
    ),
    path(
        "subjects/exports/<int:request_id>/json/",
        views_subjects.subject_export_json,
        name="subject_export_json",
    ),
    path("subjects/<slug:person_key>/", views_subjects.subject_person, name="subject_person"),
    path(
        "subjects/<slug:person_key>/export/",
        views_subjects.subject_export,
        name="subject_export",
    ),
    path("subjects/<slug:person_key>/hold/", views_subjects.subject_hold, name="subject_hold"),
    path("subjects/<slug:person_key>/erase/", views_subjects.subject_erase, name="subject_erase"),
    path("holds/", views_subjects.legal_holds, name="legal_holds"),
    path(
        "holds/<int:hold_id>/release/",
        views_subjects.legal_hold_release,
        name="legal_hold_release",
    ),
]
