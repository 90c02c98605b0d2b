"""Answering invitations (engagement.urls): by the link in the message (register/, a token
only) and in the member portal (portal/register/, record ids only)."""

from django.urls import path

from engagement.views import invitations as views

urlpatterns: list = [
    path("register/invitations/<str:token>/", views.invitation, name="invitation"),
    path(
        "register/invitations/<str:token>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("portal/register/invitations/", views.my_invitations, name="my_invitations"),
    path(
        "portal/register/invitations/<int:invitation_id>/answer/",
        views.my_invitation_answer,
        name="my_invitation_answer",
    ),
]
