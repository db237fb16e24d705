from django.urls import path

from catalog import views

urlpatterns = [
    path("", views.storefront_home, name="home"),
    path("health/", views.health, name="health"),
]
