"""The engagement register's requests pages (engagement.urls)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
