from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    # Public: the Victims' Code and the support directory.
    path("your-rights/", views.rights, name="rights"),
    path("your-rights/<slug:slug>/", views.right, name="right"),
    path("support/", views.services_search, name="services"),
    # Staff pages sit under support/ before the service pages' slugs (see RESERVED_SLUGS).
    path("support/leaflets/", views.leaflet, name="leaflets"),
    path("support/manage/", views.manage, name="manage"),
    path("support/manage/new/", views.organisation_new, name="organisation_new"),
    path("support/manage/import/", views.import_upload, name="import"),
    path("support/manage/register/", views.register, name="register"),
    path("support/manage/register.csv", views.register_csv, name="register_csv"),
    path("support/manage/<int:organisation_id>/", views.organisation, name="organisation"),
    path(
        "support/manage/<int:organisation_id>/edit/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "support/manage/<int:organisation_id>/retire/",
        views.organisation_retire,
        name="organisation_retire",
    ),
    path(
        "support/manage/<int:organisation_id>/services/new/",
        views.service_new,
        name="service_new",
    ),
    path("support/manage/<int:organisation_id>/funding/", views.funding_add, name="funding_add"),
    path(
        "support/manage/funding/<int:funding_id>/remove/",
        views.funding_remove,
        name="funding_remove",
    ),
    path("support/manage/services/<int:service_id>/", views.service_edit, name="service_edit"),
    path(
        "support/manage/services/<int:service_id>/retire/",
        views.service_retire,
        name="service_retire",
    ),
    path("support/<slug:slug>/", views.service, name="service"),
]
