from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/propose/", views.propose, name="propose"),
    path("meetings/<int:meeting_id>/apologies/", views.apologies, name="apologies"),
    path("meetings/<int:meeting_id>/check-in/", views.check_in, name="check_in"),
    path("taking-a-break/", views.step_back, name="step_back"),
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/all/", views.data_html, name="data_html"),
    path("your-data/your-data.json", views.data_json, name="data_json"),
    path("your-data/delete/", views.erasure, name="erasure"),
    path("what-happened/", views.what_happened, name="what_happened"),
    path("wellbeing/", views.wellbeing, name="wellbeing"),
    path("wellbeing/members/<int:membership_id>/flag/", views.flag, name="flag"),
    path("wellbeing/flags/<int:flag_id>/close/", views.flag_close, name="flag_close"),
    path("wellbeing/check-ins/<int:request_id>/done/", views.check_in_done, name="check_in_done"),
    path("erasure-requests/", views.erasure_requests, name="erasure_requests"),
    path(
        "erasure-requests/<int:request_id>/handled/",
        views.erasure_request_handled,
        name="erasure_request_handled",
    ),
]
