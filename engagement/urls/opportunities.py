"""The engagement register's opportunities pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
