"""The engagement register's results pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
