from django.urls import path

from portal import views

urlpatterns = [
    path("", views.intranet_home, name="home"),
    path("health/", views.health, name="health"),
]
