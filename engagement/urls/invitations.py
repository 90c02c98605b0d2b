"""The engagement register's invitations pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
