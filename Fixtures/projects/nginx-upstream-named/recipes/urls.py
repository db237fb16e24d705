from django.urls import path

from kitchen import views

urlpatterns = [
    path("", views.recipes_home, name="home"),
    path("health/", views.health, name="health"),
]
