"""The engagement register's portal pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
