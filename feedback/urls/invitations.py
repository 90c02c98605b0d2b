"""QR codes, invitations and API integrations (feedback/views/invitations.py)."""

from django.urls import path

from feedback.views import invitations as views

app_name = "invitations"
urlpatterns = [
    path("i/<str:token>/", views.invitation_open, name="open"),
    path("feedback/my-code/", views.my_code, name="my_code"),
    path("feedback/codes/", views.codes, name="codes"),
    path("feedback/codes/<int:code_id>/", views.code_card, name="card"),
    path("feedback/codes/<int:code_id>/qr.svg", views.code_svg, name="svg"),
    path("feedback/codes/<int:code_id>/qr.png", views.code_png, name="png"),
    path("feedback/invitations/new/", views.invitation_new, name="new"),
    path("feedback/integrations/", views.integrations, name="integrations"),
    path(
        "feedback/integrations/<int:integration_id>/turn-off/",
        views.integration_off,
        name="integration_off",
    ),
]
