from django.urls import path

from redaction import views

app_name = "redaction"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:item_id>/", views.review, name="review"),
    path("<int:item_id>/undo/", views.undo, name="undo"),
    path("<int:item_id>/release/", views.release, name="release"),
]
