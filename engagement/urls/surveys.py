"""The engagement register's surveys pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
