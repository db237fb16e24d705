from django.urls import path

from issues import views

urlpatterns = [
    path("", views.tracker_home, name="home"),
    path("health/", views.health, name="health"),
]
