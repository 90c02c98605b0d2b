from django.urls import path

from pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("privacy", views.privacy, name="privacy"),
    path("accessibility", views.accessibility, name="accessibility"),
    path("cookies", views.cookies, name="cookies"),
    path("feedback-on-this-service", views.service_feedback, name="feedback"),
    path("feedback-on-this-service/sent", views.service_feedback_sent, name="feedback_sent"),
]
