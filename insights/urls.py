from django.urls import path

from insights import views, views_lists, views_yousaid

app_name = "insights"
urlpatterns = [
    # Capture (the forum's facilitators and programme admins).
    path("meetings/<int:meeting_id>/points/", views.meeting_points, name="meeting_points"),
    path("meetings/<int:meeting_id>/points/new/", views.point_new, name="point_new"),
    path("points/<int:point_id>/", views.point_detail, name="point"),
    path("points/<int:point_id>/undo/", views.point_undo, name="point_undo"),
    path("points/<int:point_id>/confirm/", views.point_confirm, name="point_confirm"),
    # Recommendations (programme admins raise; police leads respond).
    path("recommendations/", views.recommendation_list, name="recommendations"),
    path("overview/", views.overview, name="overview"),
    path(
        "forums/<int:forum_id>/recommendations/new/",
        views.recommendation_new,
        name="recommendation_new",
    ),
    path(
        "recommendations/<int:recommendation_id>/",
        views.recommendation_detail,
        name="recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/area/",
        views.recommendation_area,
        name="recommendation_area",
    ),
    path(
        "recommendations/<int:recommendation_id>/respond/",
        views.recommendation_respond,
        name="recommendation_respond",
    ),
    path(
        "recommendations/<int:recommendation_id>/progress/",
        views.recommendation_progress,
        name="recommendation_progress",
    ),
    # Managed lists (programme admins).
    path("themes/", views_lists.theme_list, name="themes"),
    path("themes/new/", views_lists.theme_edit, name="theme_new"),
    path("themes/<int:theme_id>/", views_lists.theme_edit, name="theme_edit"),
    path("areas/", views_lists.area_list, name="areas"),
    path("areas/new/", views_lists.area_edit, name="area_new"),
    path("areas/<int:area_id>/", views_lists.area_edit, name="area_edit"),
    path("police-leads/", views_lists.police_lead_list, name="police_leads"),
    path("police-leads/<int:user_id>/", views_lists.police_lead_edit, name="police_lead_edit"),
]

# You said, we did (insights/views_yousaid.py).
urlpatterns += [
    path(
        "meetings/<int:meeting_id>/you-said-we-did/",
        views_yousaid.agenda_refresh,
        name="yousaid_agenda",
    ),
]
