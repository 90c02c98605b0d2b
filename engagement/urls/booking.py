"""The engagement register's booking pages (engagement.urls): the programme team's slots;
booking, details, cancelling, the calendar file and interview consent through an
invitation's link."""

from django.urls import path

from engagement.views import booking as views

urlpatterns = [
    path("engagement/opportunities/<int:opportunity_id>/slots/", views.slots, name="slots"),
    path("engagement/slots/<int:slot_id>/", views.slot, name="slot"),
    path("engagement/slots/<int:slot_id>/remove/", views.slot_remove_view, name="slot_remove"),
    path("register/invitations/<str:token>/book/", views.book, name="book"),
    path("register/invitations/<str:token>/book/cancel/", views.cancel, name="booking_cancel"),
    path("register/invitations/<str:token>/details/", views.details, name="booking_details"),
    path("register/invitations/<str:token>/booking.ics", views.ics, name="booking_ics"),
    path(
        "register/invitations/<str:token>/consent/",
        views.interview_consent,
        name="interview_consent",
    ),
    path(
        "register/invitations/<str:token>/consent/withdraw/",
        views.interview_consent_withdraw_view,
        name="interview_consent_withdraw",
    ),
]
