"""The Victim Focus Desk's pages, at /desk/ (docs/desk.md). URLs carry record ids only:
crime references, names and postcodes travel in forms, never in an address."""

from django.urls import path

from desk.views import compliance

app_name = "desk"

urlpatterns: list = [
    path("compliance/", compliance.compliance, name="compliance"),
    path("compliance/download.csv", compliance.compliance_csv, name="compliance_csv"),
    path("compliance/download.xlsx", compliance.compliance_xlsx, name="compliance_xlsx"),
]
