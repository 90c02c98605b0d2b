"""A participant's own register pages in the member portal (engagement.urls)."""

from django.urls import path

from engagement.views import portal as views

urlpatterns = [
    path("portal/register/", views.home, name="portal_home"),
    path("portal/register/join/", views.join, name="portal_join"),
    path("portal/register/change/<slug:field>/", views.change, name="portal_change"),
    path("portal/register/delete-answers/", views.erase_answers, name="portal_erase_answers"),
    path("portal/register/take-a-break/", views.pause, name="portal_pause"),
    path("portal/register/leave/", views.leave, name="portal_leave"),
]
