from django.urls import path

from expenses import views

app_name = "expenses"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("new/", views.claim_new, name="claim_new"),
    path("<int:claim_id>/receipt/", views.receipt, name="receipt"),
    path("manage/", views.queue, name="queue"),
    path("manage/<int:claim_id>/", views.claim_detail, name="claim"),
    path("manage/<int:claim_id>/paid/", views.claim_paid, name="claim_paid"),
    path("manage/incentives/", views.incentives, name="incentives"),
    path("manage/export.xlsx", views.export, name="export"),
]
