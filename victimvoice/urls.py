from django.urls import include, path
from django.views.i18n import set_language

from accounts.admin_site import admin_site

urlpatterns = [
    path("", include("pages.urls")),
    path("account/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("privacy-team/", include("privacy.urls")),
    path("messages/", include("notify.urls")),
    path("forums/", include("forums.urls")),
    path("apply/", include("recruitment.urls.public")),
    path("recruitment/", include("recruitment.urls.staff")),
    path("redaction/", include("redaction.urls")),
    path("portal/", include("portal.urls")),
    path("expenses/", include("expenses.urls")),
    path("insights/", include("insights.urls.staff")),
    path("reports/", include("reports.urls")),
    path("you-said-we-did/", include("insights.urls.public")),
    path("", include("feedback.urls.responses")),
    path("", include("feedback.urls.invitations")),
    path("desk/", include("desk.urls")),
    path("", include("engagement.urls")),
    path("api/v1/desk/", include("desk.urls.api")),
    path("api/v1/", include("feedback.urls.api")),
    path("", include("directory.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("i18n/set-language/", set_language, name="set_language"),
    path("django-admin/", admin_site.urls),
]

handler403 = "pages.views.forbidden"
handler404 = "pages.views.not_found"
handler500 = "pages.views.server_error"
