"""The engagement register's material pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
