from django.urls import path

from portal import views

urlpatterns = [
    path("health/", views.health, name="health"),
    path("", views.home, name="home"),
]
