from django.urls import path

from insights.views import lists, recommendations, yousaid

app_name = "insights"
urlpatterns = [
    # Capture (the forum's facilitators and programme admins).
    path(
        "meetings/<int:meeting_id>/points/", recommendations.meeting_points, name="meeting_points"
    ),
    path("meetings/<int:meeting_id>/points/new/", recommendations.point_new, name="point_new"),
    path("points/<int:point_id>/", recommendations.point_detail, name="point"),
    path("points/<int:point_id>/undo/", recommendations.point_undo, name="point_undo"),
    path("points/<int:point_id>/confirm/", recommendations.point_confirm, name="point_confirm"),
    # Recommendations (programme admins raise; police leads respond).
    path("recommendations/", recommendations.recommendation_list, name="recommendations"),
    path("overview/", recommendations.overview, name="overview"),
    path(
        "forums/<int:forum_id>/recommendations/new/",
        recommendations.recommendation_new,
        name="recommendation_new",
    ),
    path(
        "recommendations/<int:recommendation_id>/",
        recommendations.recommendation_detail,
        name="recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/area/",
        recommendations.recommendation_area,
        name="recommendation_area",
    ),
    path(
        "recommendations/<int:recommendation_id>/respond/",
        recommendations.recommendation_respond,
        name="recommendation_respond",
    ),
    path(
        "recommendations/<int:recommendation_id>/progress/",
        recommendations.recommendation_progress,
        name="recommendation_progress",
    ),
    # Managed lists (programme admins).
    path("themes/", lists.theme_list, name="themes"),
    path("themes/new/", lists.theme_edit, name="theme_new"),
    path("themes/<int:theme_id>/", lists.theme_edit, name="theme_edit"),
    path("areas/", lists.area_list, name="areas"),
    path("areas/new/", lists.area_edit, name="area_new"),
    path("areas/<int:area_id>/", lists.area_edit, name="area_edit"),
    path("police-leads/", lists.police_lead_list, name="police_leads"),
    path("police-leads/<int:user_id>/", lists.police_lead_edit, name="police_lead_edit"),
]

# You said, we did (insights/views/yousaid.py).
urlpatterns += [
    path(
        "meetings/<int:meeting_id>/you-said-we-did/",
        yousaid.agenda_refresh,
        name="yousaid_agenda",
    ),
]
