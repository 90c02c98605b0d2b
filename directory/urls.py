from django.urls import path

from directory import views

app_name = "directory"
urlpatterns = [
    path("your-rights/", views.rights, name="rights"),
    path("your-rights/<slug:slug>/", views.right, name="right"),
    path("support/", views.services, name="services"),
    path("support/<slug:slug>/", views.service, name="service"),
]
