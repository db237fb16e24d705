"""URL configuration for intranet project."""
from django.urls import include, path

from core import views

urlpatterns = [
    path('', views.home),
    path('api-auth/', include('rest_framework.urls')),
]
