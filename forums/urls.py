from django.urls import path

from forums import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:forum_id>/", views.forum_detail, name="detail"),
    path("<int:forum_id>/settings/", views.forum_edit, name="edit"),
    path("<int:forum_id>/members/join/", views.member_join, name="member_join"),
    path(
        "<int:forum_id>/members/<int:membership_id>/status/",
        views.member_status,
        name="member_status",
    ),
    path("<int:forum_id>/meetings/", views.meeting_list, name="meetings"),
    path("<int:forum_id>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("<int:forum_id>/meetings/series/", views.meeting_series, name="meeting_series"),
    path("venues/new/", views.venue_new, name="venue_new"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/change/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/invite/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<int:meeting_id>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:meeting_id>/agenda/new/", views.agenda_item_new, name="agenda_item_new"),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/",
        views.agenda_item_decide,
        name="agenda_item_decide",
    ),
    path(
        "meetings/<int:meeting_id>/agenda/<int:item_id>/documents/new/",
        views.document_upload,
        name="document_upload",
    ),
    path("meetings/<int:meeting_id>/agenda/publish/", views.agenda_publish, name="agenda_publish"),
    path("documents/<int:document_id>/", views.document_download, name="document"),
    path("meetings/<int:meeting_id>/attendance/", views.attendance, name="attendance"),
    path(
        "meetings/<int:meeting_id>/recording/new/",
        views.recording_upload,
        name="recording_upload",
    ),
    path("meetings/<int:meeting_id>/recording/", views.recording_download, name="recording"),
    path("meetings/<int:meeting_id>/note/", views.note_edit, name="note"),
    path("meetings/<int:meeting_id>/note/share/", views.note_share, name="note_share"),
    path("meetings/<int:meeting_id>/note/finalise/", views.note_finalise, name="note_finalise"),
    path("meetings/<int:meeting_id>/note/review/", views.note_review, name="note_review"),
]
