from django.urls import path

from insights.views import yousaid

app_name = "yousaid"
urlpatterns = [
    path("", yousaid.public, name="public"),
]
