from django.urls import path

from vehicles import views

urlpatterns = [
    path("", views.fleet_home, name="home"),
    path("api/status/", views.health, name="status"),
]
