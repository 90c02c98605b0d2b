from django.urls import path

from accounts import views
from accounts.selectors import DASHBOARD_ORDER

app_name = "accounts"

# Each role's dashboard, at /dashboard/<slug>/ and named "dashboard_<role>".
DASHBOARD_SLUGS = {
    "programme_admin": "programme-admin",
    "dpo": "data-protection",
    "facilitator": "facilitator",
    "vetting_panel": "vetting-panel",
    "police_lead": "police-lead",
    "partner_agency": "partner-agency",
    "analyst": "analyst",
    "officer": "officer",
    "desk_agent": "victim-focus-desk",
    "desk_supervisor": "victim-focus-desk-supervisor",
    "member": "member",
}

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/no-access/", views.no_access, name="no_access"),
    *[
        path(
            f"dashboard/{DASHBOARD_SLUGS[role.value]}/",
            views.ROLE_DASHBOARDS[role],
            name=f"dashboard_{role.value}",
        )
        for role in DASHBOARD_ORDER
    ],
    path("people/", views.people, name="people"),
    path("people/invite/", views.person_invite, name="person_invite"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("people/<int:person_id>/roles/add/", views.role_assign, name="role_assign"),
    path(
        "people/<int:person_id>/roles/<int:assignment_id>/remove/",
        views.role_remove,
        name="role_remove",
    ),
    path("people/<int:person_id>/deactivate/", views.person_deactivate, name="person_deactivate"),
    path("people/<int:person_id>/reactivate/", views.person_reactivate, name="person_reactivate"),
]
