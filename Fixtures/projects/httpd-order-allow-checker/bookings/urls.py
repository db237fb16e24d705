from django.urls import path

from reservations import views

urlpatterns = [
    path("", views.bookings_home, name="home"),
    path("health/", views.health, name="health"),
]
