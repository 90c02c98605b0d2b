from django.urls import path

from insights import views_yousaid

app_name = "yousaid"
urlpatterns = [
    path("", views_yousaid.public, name="public"),
]
