"""The desk's integration API at /api/v1/desk/ (desk/api.py). The URL namespace "desk_api"
is django-ninja's own (NinjaAPI(urls_namespace="desk_api"))."""

from django.urls import path

from desk.api import api

urlpatterns = [path("", api.urls)]
