"""URL configuration for legacy project."""
from django.contrib import admin
from django.urls import path

from core import views

urlpatterns = [
    path('admin/', admin.site.urls),
    path('', views.health, name='health'),
]
