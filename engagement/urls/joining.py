"""Joining the register on the website (engagement.urls). URLs name steps only, never
answers."""

from django.urls import path

from engagement.views import joining as views

urlpatterns = [
    path("register/", views.start, name="join_start"),
    path("register/join/check-your-answers/", views.check, name="join_check"),
    path("register/join/confirm-your-code/", views.code, name="join_code"),
    path("register/join/new-code/", views.code_resend, name="join_code_resend"),
    path("register/join/joined/", views.done, name="join_done"),
    path("register/join/<slug:step>/", views.step, name="join_step"),
]
