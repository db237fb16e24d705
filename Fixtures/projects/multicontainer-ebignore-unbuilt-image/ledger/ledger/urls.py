from django.urls import re_path

from entries import views

urlpatterns = [
    re_path(r'^health$', views.health),
]
