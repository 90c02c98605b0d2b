"""The engagement register's joining pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
