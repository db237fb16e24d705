from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("", views.upcoming, name="upcoming"),
]
