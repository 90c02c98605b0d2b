"""The engagement register's selection pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
