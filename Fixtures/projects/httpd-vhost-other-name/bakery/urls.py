from django.urls import path

from menu import views

urlpatterns = [
    path("", views.bakery_home, name="home"),
    path("health/", views.health, name="health"),
]
