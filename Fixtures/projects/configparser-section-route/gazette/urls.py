
"""URL configuration for gazette."""
from django.conf import settings
from django.urls import path

from core import views

urlpatterns = [
    path(settings.STATUS_ROUTE, views.health, name='health'),
]
