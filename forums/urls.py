from django.urls import path

from forums import views

app_name = "forums"
urlpatterns = [
    path("", views.forum_list, name="list"),
    path("<int:forum_id>/", views.forum_detail, name="detail"),
]
