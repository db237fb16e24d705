from django.urls import path

from articles import views

urlpatterns = [
    path("", views.newsroom_home, name="home"),
    path("health/", views.health, name="health"),
]
