"""The engagement register's booking pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
