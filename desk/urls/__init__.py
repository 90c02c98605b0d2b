"""The Victim Focus Desk's pages, at /desk/ (docs/desk.md). URLs carry record ids only:
crime references, names and postcodes travel in forms, never in an address."""

from django.urls import path

app_name = "desk"

urlpatterns: list = [
]
