from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.ledger_home, name="home"),
    path("health/", views.health, name="health"),
]
