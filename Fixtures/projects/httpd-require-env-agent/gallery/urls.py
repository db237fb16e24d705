from django.urls import path

from photos import views

urlpatterns = [
    path("", views.gallery_home, name="home"),
    path("health/", views.health, name="health"),
]
