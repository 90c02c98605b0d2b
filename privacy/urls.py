from django.urls import path

from privacy.views import audit, retention, subjects

app_name = "privacy"
urlpatterns = [
    path("audit/", audit.audit_log, name="audit_log"),
    # Retention
    path("retention/", retention.retention_schedule, name="retention_schedule"),
    path("retention/receipts/", retention.retention_receipts, name="retention_receipts"),
    # Subject requests
    path("subjects/", subjects.subject_search, name="subject_search"),
    path("subjects/results/", subjects.subject_results, name="subject_results"),
    path("subjects/receipts/", subjects.subject_receipts, name="subject_receipts"),
    path(
        "subjects/receipts/<int:request_id>/",
        subjects.subject_receipt,
        name="subject_receipt",
    ),
    path(
        "subjects/exports/<int:request_id>/",
        subjects.subject_export_document,
        name="subject_export_document",
    ),
    path(
        "subjects/exports/<int:request_id>/json/",
        subjects.subject_export_json,
        name="subject_export_json",
    ),
    path("subjects/<slug:person_key>/", subjects.subject_person, name="subject_person"),
    path(
        "subjects/<slug:person_key>/export/",
        subjects.subject_export,
        name="subject_export",
    ),
    path("subjects/<slug:person_key>/hold/", subjects.subject_hold, name="subject_hold"),
    path("subjects/<slug:person_key>/erase/", subjects.subject_erase, name="subject_erase"),
    path("holds/", subjects.legal_holds, name="legal_holds"),
    path(
        "holds/<int:hold_id>/release/",
        subjects.legal_hold_release,
        name="legal_hold_release",
    ),
]
