"""The link asking an inactive participant whether to stay on the register (engagement.urls)."""

from django.urls import path

from engagement.views import stay

urlpatterns = [
    path("register/stay/<str:token>/", stay.stay, name="stay"),
]
