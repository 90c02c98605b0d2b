"""The JSON API at /api/v1/ (feedback/api.py): feedback invitations and the OpenAPI document.

The URL namespace "api" is django-ninja's own (NinjaAPI(urls_namespace="api")), so that its
OpenAPI document can reverse the operations' URLs: "api:invitation_create",
"api:openapi-json"."""

from django.urls import path

from feedback.api import api

urlpatterns = [path("", api.urls)]
